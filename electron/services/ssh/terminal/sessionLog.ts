// Per-host session logs (profile option): the raw bytes the remote printed, appended to
// <dir>/<host>_<port>/<YYYY-MM-DD_HH-MM-SS>_<sessionId>.log. Only output is logged, never input:
// a password typed at a prompt is echoed by nobody, so it never reaches the file.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local time as YYYY-MM-DD_HH-MM-SS: sorts by name and is legal in a file name on every OS. */
export function logTimestamp(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}_${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
}

/** The log file of one terminal; reconnects of the same terminal append to it. */
export function sessionLogPath(dir: string, host: string, port: number, sessionId: string, openedAt: Date): string {
  // An IPv6 address has colons, which Windows refuses in names.
  const folder = `${host.replace(/[^A-Za-z0-9._-]/g, '_')}_${port}`;
  return path.join(dir, folder, `${logTimestamp(openedAt)}_${sessionId}.log`);
}

export class SessionLog {
  private readonly stream: WriteStream;
  private failed = false;

  /** `onBacklog(true)` when the disk falls behind (the caller stops reading), `false` once it caught up. */
  constructor(
    readonly file: string,
    private readonly onBacklog: (backlogged: boolean) => void,
  ) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.stream = createWriteStream(file, { flags: 'a' });
    this.stream.on('drain', () => this.onBacklog(false));
    // A full disk must not take the terminal down with it: logging stops, the session goes on.
    this.stream.on('error', () => {
      this.failed = true;
      this.onBacklog(false);
    });
  }

  write(chunk: Buffer): void {
    if (this.failed) return;
    if (!this.stream.write(chunk)) this.onBacklog(true);
  }

  close(): void {
    this.stream.end();
  }
}
