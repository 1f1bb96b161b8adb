// A one-line progress bar on stderr for long CLI tasks; silent when stderr is not a terminal
// (scripts and CI logs get the final JSON or summary only, plus a line per 10% when asked).
import type { ProgressEvent } from '../../../shared/ipc/channels';

export class TerminalProgress {
  private lastDecile = -1;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly verbose = false,
  ) {}

  update(e: ProgressEvent): void {
    const pct = e.total > 0 ? Math.min(100, Math.floor((e.done / e.total) * 100)) : 0;
    if (this.stream.isTTY) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(pct).padStart(3)}% ${e.label.slice(0, 60).padEnd(60)}`);
      if (e.finished) this.stream.write('\n');
    } else if (this.verbose && Math.floor(pct / 10) !== this.lastDecile) {
      this.lastDecile = Math.floor(pct / 10);
      this.stream.write(`${pct}% ${e.label}\n`);
    }
  }
}
