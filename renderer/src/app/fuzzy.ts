// Subsequence fuzzy matching for the command palette: every query character must appear in order;
// contiguous runs, word starts and an early first hit score higher. Null means no match.
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let ti = 0;
  let run = 0;
  let first = -1;
  for (const ch of q) {
    if (ch === ' ') continue;
    const found = t.indexOf(ch, ti);
    if (found < 0) return null;
    if (first < 0) first = found;
    run = found === ti ? run + 1 : 1;
    score += run * 2;
    const prev = found > 0 ? t[found - 1] : ' ';
    if (prev === ' ' || prev === '-' || prev === '_' || prev === '.' || prev === '/') score += 3;
    ti = found + 1;
  }
  if (t.startsWith(q)) score += 10;
  return score - first * 0.1;
}
