// The hot path of a terminal: bytes from the SSH channel → (session log) → UTF-8 decoding →
// coalesced `ssh.terminal.data` events, with flow control against the renderer's acks.
//
// - Decoding is streaming (StringDecoder): a character split across two reads is held back until
//   its last byte arrives, never turned into U+FFFD.
// - Small reads are coalesced: an event goes out when TERMINAL_CHUNK_BYTES are pending or a few
//   milliseconds after the first pending byte, so a flood costs one event per 64 KiB, and a
//   keystroke echo still appears at once to the eye.
// - Flow control: bytes emitted and not yet acknowledged are counted; above the high-water mark
//   the channel is paused. A paused ssh2 channel stops granting window to the server once its own
//   buffer is full, so sshd stops sending and the remote program blocks on its pty: memory in main
//   stays bounded whatever the remote prints. Below the low-water mark reading resumes.
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import { TERMINAL_CHUNK_BYTES, TERMINAL_HIGH_WATER_BYTES, TERMINAL_LOW_WATER_BYTES } from '../../../../shared/domain/ssh';
import { SessionLog } from './sessionLog';

/** How long a small read may wait for company before it is sent on its own. */
const COALESCE_MS = 4;

export type DataSink = (data: string, bytes: number) => void;

export class OutputPump {
  private readonly decoder = new StringDecoder('utf8');
  private text = '';
  private textBytes = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushArmed = false;
  private unackedBytes = 0;
  private logBacklogged = false;
  private paused = false;
  private stopped = false;
  private readonly log: SessionLog | null;
  /** Raw bytes received from the remote on this channel (audit). */
  bytesOut = 0;

  /** `logFile`: append the raw output there (the profile's session log), or null. */
  constructor(
    private readonly channel: ClientChannel,
    private readonly sink: DataSink,
    logFile: string | null,
  ) {
    this.log = logFile === null ? null : new SessionLog(logFile, (backlogged) => this.setLogBacklog(backlogged));
  }

  get unacked(): number {
    return this.unackedBytes;
  }

  /** Starts reading (after the caller has told the renderer the session exists). */
  start(): void {
    const take = (chunk: Buffer): void => this.take(chunk);
    this.channel.on('data', take);
    this.channel.stderr.on('data', take);
  }

  /** The session log fell behind the disk (true) or caught up (false). */
  private setLogBacklog(backlogged: boolean): void {
    this.logBacklogged = backlogged;
    this.updatePause();
  }

  /** The renderer has drawn `bytes` more; returns what is still unacknowledged. */
  ack(bytes: number): number {
    this.unackedBytes = Math.max(0, this.unackedBytes - bytes);
    this.updatePause();
    return this.unackedBytes;
  }

  /** Sends what is pending (and any incomplete trailing character) and reads no more. */
  stop(): void {
    if (this.stopped) return;
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushArmed = false;
    const tail = this.decoder.end();
    if (tail !== '') this.text += tail;
    this.flush();
    this.stopped = true;
    this.log?.close();
  }

  private take(chunk: Buffer): void {
    if (this.stopped) return;
    this.bytesOut += chunk.length;
    this.log?.write(chunk);
    let offset = 0;
    // ssh2 delivers at most one packet (32 KiB) per read, so this loop runs once in practice;
    // it only splits a read that would make an event larger than TERMINAL_CHUNK_BYTES.
    while (offset < chunk.length) {
      const room = TERMINAL_CHUNK_BYTES - this.textBytes;
      const end = Math.min(chunk.length, offset + room);
      const part = offset === 0 && end === chunk.length ? chunk : chunk.subarray(offset, end);
      this.text += this.decoder.write(part);
      this.textBytes += part.length;
      offset = end;
      if (this.textBytes >= TERMINAL_CHUNK_BYTES) this.flush();
    }
    if (this.textBytes > 0 && !this.flushArmed) {
      this.flushArmed = true;
      // One timer per pump, re-armed with refresh(): no allocation per read.
      if (this.flushTimer === undefined) this.flushTimer = setTimeout(() => this.onTimer(), COALESCE_MS);
      else this.flushTimer.refresh();
    }
  }

  private onTimer(): void {
    this.flushArmed = false;
    this.flush();
  }

  private flush(): void {
    if (this.textBytes === 0 || this.stopped) return;
    const data = this.text;
    const bytes = this.textBytes;
    this.text = '';
    this.textBytes = 0;
    this.unackedBytes += bytes;
    // `data` may be '' when the bytes so far end inside a character; the event still carries the
    // byte count, so acknowledgements stay balanced.
    this.sink(data, bytes);
    this.updatePause();
  }

  private updatePause(): void {
    if (this.stopped) return;
    const hold = this.logBacklogged || this.unackedBytes > TERMINAL_HIGH_WATER_BYTES;
    if (hold && !this.paused) {
      this.paused = true;
      this.channel.pause();
      this.channel.stderr.pause();
    } else if (this.paused && !this.logBacklogged && this.unackedBytes < TERMINAL_LOW_WATER_BYTES) {
      this.paused = false;
      this.channel.resume();
      this.channel.stderr.resume();
    }
  }
}
