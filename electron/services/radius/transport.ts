// UDP exchange with one RADIUS server: a connected socket (so ICMP port-unreachable surfaces as
// ECONNREFUSED), 256 identifiers handed out round-robin and never shared by two requests in
// flight, retransmission of the very same octets (same identifier and authenticator, RFC 5080
// §2.2.1), and replies matched by identifier and then verified by the caller before they count.
import dgram from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { decodePacket, MalformedPacketError, type RawPacket } from './packet';

export interface Destination {
  readonly host: string;
  readonly port: number;
}

export interface ExchangeOptions {
  readonly timeoutMs: number;
  readonly retries: number;
}

/** The caller's verdict on a reply with the right identifier: accept it, or say why not. */
export type ReplyCheck = (reply: RawPacket) => { accept: true } | { accept: false; reason: string };

export interface Exchange {
  readonly packet: Buffer;
  readonly check: ReplyCheck;
}

export interface ExchangeResult {
  readonly reply: RawPacket | null;
  readonly rttMs: number | null;
  readonly tries: number;
  /** Replies that arrived for this identifier but failed the check, in words. */
  readonly discarded: readonly string[];
  /** The host said nothing listens on the port (ICMP port unreachable). */
  readonly portUnreachable: boolean;
}

interface Pending {
  readonly id: number;
  readonly exchange: Exchange;
  readonly opts: ExchangeOptions;
  tries: number;
  sentAt: number;
  timer: NodeJS.Timeout | null;
  readonly discarded: string[];
  readonly resolve: (r: ExchangeResult) => void;
}

export class RadiusSocket {
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: Array<{ wake: () => void; fail: (err: Error) => void }> = [];
  private nextId: number;
  private closed = false;
  /** Replies that matched no request in flight or were not RADIUS at all. */
  strays = 0;
  malformed = 0;

  private constructor(
    private readonly socket: dgram.Socket,
    readonly destination: Destination,
  ) {
    this.nextId = Math.floor(Math.random() * 256);
    socket.on('message', (msg) => this.onMessage(msg));
    socket.on('error', (err) => this.onError(err));
  }

  static async open(dest: Destination): Promise<RadiusSocket> {
    const address = isIP(dest.host) ? dest.host : (await lookup(dest.host)).address;
    const socket = dgram.createSocket(isIP(address) === 6 ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(dest.port, address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new RadiusSocket(socket, { host: address, port: dest.port });
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends a request built for a free identifier and waits for a reply the check accepts. */
  async exchange(build: (identifier: number) => Exchange, opts: ExchangeOptions): Promise<ExchangeResult> {
    const id = await this.allocate();
    let exchange: Exchange;
    try {
      exchange = build(id);
    } catch (err) {
      this.release(id);
      throw err;
    }
    return new Promise<ExchangeResult>((resolve) => {
      const p: Pending = { id, exchange, opts, tries: 0, sentAt: 0, timer: null, discarded: [], resolve };
      this.pending.set(id, p);
      this.transmit(p);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.fail(new Error('RADIUS socket is closed'));
    for (const p of [...this.pending.values()]) this.finish(p, null, false);
    this.socket.close();
  }

  private allocate(): Promise<number> {
    if (this.closed) return Promise.reject(new Error('RADIUS socket is closed'));
    for (let i = 0; i < 256; i++) {
      const id = (this.nextId + i) & 0xff;
      if (!this.pending.has(id)) {
        this.nextId = (id + 1) & 0xff;
        // reserve now: the packet is built after the await of the caller resumes
        this.pending.set(id, RESERVED);
        return Promise.resolve(id);
      }
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ wake: () => this.allocate().then(resolve, reject), fail: reject });
    });
  }

  private release(id: number): void {
    this.pending.delete(id);
    this.waiting.shift()?.wake();
  }

  private transmit(p: Pending): void {
    p.tries++;
    p.sentAt = performance.now();
    this.socket.send(p.exchange.packet, (err) => {
      if (err) this.onError(err);
    });
    p.timer = setTimeout(() => {
      if (p.tries <= p.opts.retries) this.transmit(p);
      else this.finish(p, null, false);
    }, p.opts.timeoutMs);
  }

  private finish(p: Pending, reply: RawPacket | null, portUnreachable: boolean): void {
    if (p.timer) clearTimeout(p.timer);
    if (this.pending.get(p.id) !== p) return;
    this.release(p.id);
    p.resolve({
      reply,
      rttMs: reply ? performance.now() - p.sentAt : null,
      tries: p.tries,
      discarded: p.discarded,
      portUnreachable,
    });
  }

  private onMessage(msg: Buffer): void {
    let reply: RawPacket;
    try {
      reply = decodePacket(msg);
    } catch (err) {
      if (!(err instanceof MalformedPacketError)) throw err;
      this.malformed++;
      // the identifier octet may still say whose it was: tell that request why it got nothing
      const p = msg.length >= 2 ? this.pending.get(msg[1] ?? -1) : undefined;
      if (p && p !== RESERVED) p.discarded.push(`malformed reply: ${err.message}`);
      return;
    }
    const p = this.pending.get(reply.identifier);
    if (!p || p === RESERVED) {
      this.strays++;
      return;
    }
    const verdict = p.exchange.check(reply);
    if (verdict.accept) this.finish(p, reply, false);
    else p.discarded.push(verdict.reason);
  }

  private onError(err: NodeJS.ErrnoException): void {
    if (err.code === 'ECONNREFUSED') {
      for (const p of [...this.pending.values()]) if (p !== RESERVED) this.finish(p, null, true);
    }
    // other socket errors (EHOSTUNREACH, ENETUNREACH) leave retries and the timeout to decide
  }
}

// A placeholder that holds an identifier between allocation and the first send.
const RESERVED = Object.freeze({}) as Pending;
