// How CLI results are printed: JSON for scripts (--json), an aligned table for people.
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function printTable(rows: Record<string, unknown>[], columns: { key: string; title: string }[]): void {
  const cells = rows.map((r) => columns.map((c) => (r[c.key] === null || r[c.key] === undefined ? '' : String(r[c.key]))));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  process.stdout.write(line(columns.map((c) => c.title)) + '\n');
  for (const row of cells) process.stdout.write(line(row) + '\n');
}
