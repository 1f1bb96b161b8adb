// GETBULK for SNMPv2c spoken directly in BER, for the bulk walk's hot loop only. Why not net-snmp
// here: it parses a whole response (every OID into a string, every value) before its callback
// runs, and that parse sat between one answer and the next request: ~0.13 ms a request on these
// machines, 40% of a walk of snmpd's ifTable. Here a response is first only scanned (where each
// varbind's OID and value are, and their tags), the walk sends its next request from the last
// OID's raw bytes, and only then are the varbinds decoded, while the agent works on the next batch.
// v1, v3 (USM) and everything that is not a bulk walk stay on net-snmp.
//
// Wire format (RFC 3416, BER): Message ::= SEQUENCE { version INTEGER (1 = v2c), community OCTET
// STRING, PDU } with GetBulkRequest-PDU [5] { request-id, non-repeaters, max-repetitions,
// VarBindList } and Response-PDU [2] { request-id, error-status, error-index, VarBindList }.
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import snmp, { type Varbind as RawVarbind } from 'net-snmp';

const TAG = { INTEGER: 0x02, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30, IP_ADDRESS: 0x40, COUNTER64: 0x46, GET_BULK: 0xa5, RESPONSE: 0xa2 } as const;

export class BerError extends Error {}

// ---- encoding ----

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v % 256);
  return [0x80 | out.length, ...out];
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag, ...lengthBytes(content.length)]), content]);
}

function integer(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v >>= 8;
  } while (v !== 0 && v !== -1);
  // keep the sign bit right: a positive value whose top bit is set needs a leading 0x00
  if (n >= 0 && ((bytes[0] ?? 0) & 0x80) !== 0) bytes.unshift(0);
  if (n < 0 && ((bytes[0] ?? 0) & 0x80) === 0) bytes.unshift(0xff);
  return tlv(TAG.INTEGER, Buffer.from(bytes));
}

/** The content bytes of an OID (no tag or length): "1.3.6.1" → 2b 06 01. */
export function encodeOidContent(oid: string): Buffer {
  const ids = oid.split('.').map(Number);
  if (ids.length < 2 || ids.some((x) => !Number.isSafeInteger(x) || x < 0)) throw new BerError(`not a numeric OID: ${oid}`);
  const out: number[] = [];
  const push = (v: number) => {
    const chunk = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift(0x80 | (x & 0x7f));
    out.push(...chunk);
  };
  push((ids[0] as number) * 40 + (ids[1] as number));
  for (let i = 2; i < ids.length; i++) push(ids[i] as number);
  return Buffer.from(out);
}

export function decodeOidContent(b: Buffer, start: number, end: number): string {
  let out = '';
  let v = 0;
  let first = true;
  for (let i = start; i < end; i++) {
    const byte = b[i] as number;
    v = v * 128 + (byte & 0x7f);
    if ((byte & 0x80) !== 0) continue;
    if (first) {
      const a = v < 40 ? 0 : v < 80 ? 1 : 2;
      out = `${a}.${v - a * 40}`;
      first = false;
    } else out += `.${v}`;
    v = 0;
  }
  return out;
}

export function getBulkMessage(community: string, requestId: number, maxRepetitions: number, oidContent: Buffer): Buffer {
  const varbind = tlv(TAG.SEQUENCE, Buffer.concat([tlv(TAG.OID, oidContent), Buffer.from([TAG.NULL, 0])]));
  const pdu = tlv(TAG.GET_BULK, Buffer.concat([integer(requestId), integer(0), integer(maxRepetitions), tlv(TAG.SEQUENCE, varbind)]));
  return tlv(TAG.SEQUENCE, Buffer.concat([integer(1), tlv(TAG.OCTET_STRING, Buffer.from(community, 'utf8')), pdu]));
}

// ---- scanning and decoding ----

/** Reads a tag and length at `pos`; returns where the content starts and ends. */
function header(b: Buffer, pos: number, limit: number): { tag: number; start: number; end: number } {
  if (pos + 2 > limit) throw new BerError('truncated');
  const tag = b[pos] as number;
  let len = b[pos + 1] as number;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) throw new BerError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[start + i] as number);
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new BerError('truncated');
  return { tag, start, end };
}

function readInt(b: Buffer, start: number, end: number): number {
  if (end - start > 6 || end === start) throw new BerError('integer too long');
  return b.readIntBE(start, end - start);
}

function readUnsigned(b: Buffer, start: number, end: number): number {
  while (end - start > 1 && b[start] === 0) start++;
  if (end - start > 6) throw new BerError('unsigned too long');
  return end === start ? 0 : b.readUIntBE(start, end - start);
}

/** A response, scanned: where each varbind's OID and value are. Decoding waits until asked. */
export class ScannedResponse {
  readonly count: number;
  private readonly oidStart: number[] = [];
  private readonly oidEnd: number[] = [];
  private readonly valTag: number[] = [];
  private readonly valStart: number[] = [];
  private readonly valEnd: number[] = [];

  constructor(
    private readonly b: Buffer,
    readonly requestId: number,
    readonly errorStatus: number,
    readonly errorIndex: number,
    listStart: number,
    listEnd: number,
  ) {
    let pos = listStart;
    while (pos < listEnd) {
      const vb = header(b, pos, listEnd);
      if (vb.tag !== TAG.SEQUENCE) throw new BerError('varbind is not a sequence');
      const oid = header(b, vb.start, vb.end);
      if (oid.tag !== TAG.OID) throw new BerError('varbind without an OID');
      const val = header(b, oid.end, vb.end);
      this.oidStart.push(oid.start);
      this.oidEnd.push(oid.end);
      this.valTag.push(val.tag);
      this.valStart.push(val.start);
      this.valEnd.push(val.end);
      pos = vb.end;
    }
    this.count = this.oidStart.length;
  }

  tag(i: number): number {
    return this.valTag[i] as number;
  }

  /**
   * The varbind's OID lies strictly under the subtree whose OID content is `root` (or is `root`
   * itself, with `orEqual`). A prefix of whole sub-identifiers: BER ends each one in a byte
   * without the top bit, so a byte prefix that ends where `root` ends is a sub-identifier prefix.
   */
  under(i: number, root: Buffer, orEqual = false): boolean {
    const s = this.oidStart[i] as number;
    const e = this.oidEnd[i] as number;
    return (e - s > root.length || (orEqual && e - s === root.length)) && this.b.compare(root, 0, root.length, s, s + root.length) === 0;
  }

  oidContent(i: number): Buffer {
    return this.b.subarray(this.oidStart[i], this.oidEnd[i]);
  }

  /** The varbind as net-snmp would have given it (the same value conventions decodeVarbind expects). */
  varbind(i: number): RawVarbind {
    const b = this.b;
    const oid = decodeOidContent(b, this.oidStart[i] as number, this.oidEnd[i] as number);
    const type = this.valTag[i] as number;
    const s = this.valStart[i] as number;
    const e = this.valEnd[i] as number;
    switch (type) {
      case TAG.INTEGER:
        return { oid, type, value: readInt(b, s, e) };
      case TAG.OCTET_STRING:
      case 0x44: // Opaque
        return { oid, type, value: Buffer.from(b.subarray(s, e)) };
      case TAG.OID:
        return { oid, type, value: decodeOidContent(b, s, e) };
      case TAG.IP_ADDRESS:
        return { oid, type, value: Array.from(b.subarray(s, e)).join('.') };
      case 0x41: // Counter32
      case 0x42: // Gauge32
      case 0x43: // TimeTicks
        return { oid, type, value: readUnsigned(b, s, e) };
      case TAG.COUNTER64:
        return { oid, type, value: Buffer.from(b.subarray(s, e)) };
      default:
        // NULL and the exceptions noSuchObject (0x80), noSuchInstance (0x81), endOfMibView (0x82)
        return { oid, type, value: null };
    }
  }
}

/** Scans a v2c Response message; throws BerError on anything else. */
export function scanResponse(b: Buffer): ScannedResponse {
  const msg = header(b, 0, b.length);
  if (msg.tag !== TAG.SEQUENCE) throw new BerError('not an SNMP message');
  const version = header(b, msg.start, msg.end);
  if (version.tag !== TAG.INTEGER || readInt(b, version.start, version.end) !== 1) throw new BerError('not SNMPv2c');
  const community = header(b, version.end, msg.end);
  const pdu = header(b, community.end, msg.end);
  if (pdu.tag !== TAG.RESPONSE) throw new BerError('not a Response-PDU');
  const id = header(b, pdu.start, pdu.end);
  const status = header(b, id.end, pdu.end);
  const index = header(b, status.end, pdu.end);
  const list = header(b, index.end, pdu.end);
  if (list.tag !== TAG.SEQUENCE) throw new BerError('no varbind list');
  return new ScannedResponse(b, readInt(b, id.start, id.end), readInt(b, status.start, status.end), readInt(b, index.start, index.end), list.start, list.end);
}

// ---- the channel ----

interface Pending {
  id: number;
  /** The requested OID content, named in an error status message as net-snmp does. */
  oid: Buffer;
  message: Buffer;
  triesLeft: number;
  timer: NodeJS.Timeout;
  resolve: (r: ScannedResponse) => void;
  reject: (e: Error) => void;
}

/**
 * One UDP socket to one agent, one GETBULK at a time per call (the walk keeps one in flight).
 * Retransmits the same message (same request id) on timeout, as net-snmp does; answers from any
 * other address or port, with another request id, or that do not parse are ignored.
 */
export class V2cBulkChannel {
  private readonly socket: dgram.Socket;
  private pending: Pending | null = null;
  private nextId = randomInt(1, 0x3fffffff);

  constructor(
    private readonly address: string,
    private readonly port: number,
    transport: 'udp4' | 'udp6',
    private readonly community: string,
    private readonly timeoutMs: number,
    private readonly retries: number,
  ) {
    this.socket = dgram.createSocket(transport);
    this.socket.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    this.socket.on('error', (err) => this.fail(err));
  }

  request(oidContent: Buffer, maxRepetitions: number): Promise<ScannedResponse> {
    if (this.pending !== null) return Promise.reject(new Error('a GETBULK is already in flight on this channel'));
    this.nextId = this.nextId >= 0x7ffffff0 ? 1 : this.nextId + 1;
    const id = this.nextId;
    const message = getBulkMessage(this.community, id, maxRepetitions, oidContent);
    return new Promise<ScannedResponse>((resolve, reject) => {
      this.pending = { id, oid: oidContent, message, triesLeft: this.retries, timer: this.arm(), resolve, reject };
      this.send(message);
    });
  }

  close(): void {
    this.fail(new Error('channel closed'));
    this.socket.close();
  }

  private arm(): NodeJS.Timeout {
    return setTimeout(() => this.onTimeout(), this.timeoutMs);
  }

  private send(message: Buffer): void {
    this.socket.send(message, this.port, this.address, (err) => {
      if (err) this.fail(err);
    });
  }

  private onTimeout(): void {
    const p = this.pending;
    if (p === null) return;
    if (p.triesLeft > 0) {
      p.triesLeft--;
      p.timer = this.arm();
      this.send(p.message);
      return;
    }
    this.fail(new snmp.RequestTimedOutError('Request timed out'));
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const p = this.pending;
    if (p === null || rinfo.port !== this.port || rinfo.address !== this.address) return;
    let r: ScannedResponse;
    try {
      r = scanResponse(msg);
    } catch {
      return; // not ours or garbage: the timer still runs
    }
    if (r.requestId !== p.id) return;
    clearTimeout(p.timer);
    this.pending = null;
    if (r.errorStatus !== 0) {
      const e = new snmp.RequestFailedError(`error status ${r.errorStatus}: ${decodeOidContent(p.oid, 0, p.oid.length)}`);
      e.status = r.errorStatus;
      p.reject(e);
      return;
    }
    p.resolve(r);
  }

  private fail(err: Error): void {
    const p = this.pending;
    if (p === null) return;
    clearTimeout(p.timer);
    this.pending = null;
    p.reject(err);
  }
}
