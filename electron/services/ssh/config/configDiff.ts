// Line diff of two configuration texts in the contract's shape (hunks of ' '/'+'/'-' lines with
// counts, and the same as unified text), computed by the `diff` package.
import { createTwoFilesPatch, structuredPatch } from 'diff';

export interface ConfigDiff {
  added: number;
  removed: number;
  hunks: { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] }[];
  unified: string;
}

const CONTEXT_LINES = 3;

/** Both sides end with a newline before diffing, so "\ No newline at end of file" markers never appear. */
function terminated(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

export function diffConfigs(fromLabel: string, toLabel: string, from: string, to: string): ConfigDiff {
  const a = terminated(from);
  const b = terminated(to);
  const patch = structuredPatch(fromLabel, toLabel, a, b, undefined, undefined, { context: CONTEXT_LINES });
  let added = 0;
  let removed = 0;
  const hunks = patch.hunks.map((h) => {
    const lines = h.lines.filter((l) => !l.startsWith('\\'));
    for (const l of lines) {
      if (l.startsWith('+')) added += 1;
      else if (l.startsWith('-')) removed += 1;
    }
    return { oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines };
  });
  const unified = hunks.length === 0 ? '' : createTwoFilesPatch(fromLabel, toLabel, a, b, undefined, undefined, { context: CONTEXT_LINES });
  return { added, removed, hunks, unified };
}
