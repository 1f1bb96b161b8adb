// A unified diff as hunks with added lines green and removed lines red, the counts on top, and
// the whole diff copyable as text (for a ticket or a change request).
import { useState } from 'react';
import { errorMessage } from '../../../lib/api';
import { copyText } from '../format';
import type { Diff } from '../types';

function lineClass(line: string): string {
  if (line.startsWith('+')) return 'auto-diff-add';
  if (line.startsWith('-')) return 'auto-diff-del';
  return 'auto-diff-ctx';
}

export function DiffView({ diff, title, testId = 'diff-view' }: { diff: Diff; title: string; testId?: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await copyText(diff.unified);
      setCopied('Copied.');
    } catch (err) {
      setCopied(`Could not copy: ${errorMessage(err)}`);
    }
  };
  const same = diff.added === 0 && diff.removed === 0;
  return (
    <section className="auto-diff" aria-label={title} data-testid={testId} data-added={diff.added} data-removed={diff.removed}>
      <header className="auto-diff-head">
        <strong>{title}</strong>
        <span className="auto-diff-count-add" data-testid={`${testId}-added`}>
          +{diff.added}
        </span>
        <span className="auto-diff-count-del" data-testid={`${testId}-removed`}>
          −{diff.removed}
        </span>
        <span className="toolbar-spacer" />
        {copied && <span className="muted">{copied}</span>}
        <button type="button" onClick={() => void copy()} disabled={same} data-testid={`${testId}-copy`}>
          Copy unified diff
        </button>
      </header>
      {same ? (
        <p className="muted">No difference.</p>
      ) : (
        <div className="auto-diff-body mono">
          {diff.hunks.map((h, i) => (
            <div key={i} className="auto-diff-hunk">
              <div className="auto-diff-range">
                @@ −{h.oldStart},{h.oldLines} +{h.newStart},{h.newLines} @@
              </div>
              {h.lines.map((line, j) => (
                <div key={j} className={lineClass(line)} data-testid={`${testId}-line`} data-kind={line[0] === '+' ? 'add' : line[0] === '-' ? 'del' : 'ctx'}>
                  {line === '' ? ' ' : line}
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
