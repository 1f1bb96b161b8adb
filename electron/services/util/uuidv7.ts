// UUID v7 (RFC 9562): 48-bit Unix ms timestamp, then random bits. Time-ordered ids keep SQLite's
// B-tree appends local (a random UUID key roughly doubles bulk insert cost on these machines).
import { randomFillSync } from 'node:crypto';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Build a v7 UUID from a timestamp and 10 random bytes (injectable for deterministic demo data). */
export function uuidv7From(ms: number, random: Uint8Array): string {
  const b = new Uint8Array(16);
  let t = Math.floor(ms);
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b.set(random.subarray(0, 10), 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[b[i] ?? 0];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

let lastMs = 0;
let seq = 0;

/** A fresh v7 UUID; ids made within one millisecond stay ordered by bumping the timestamp. */
export function uuidv7(): string {
  let now = Date.now();
  if (now <= lastMs) {
    seq++;
    now = lastMs + (seq >> 12 > 0 ? 1 : 0);
    if (seq >> 12 > 0) seq = 0;
  } else {
    seq = 0;
  }
  lastMs = now;
  const r = randomFillSync(new Uint8Array(10));
  // keep ids minted in the same ms monotonic: the top 12 random bits carry a sequence
  r[0] = (r[0]! & 0xf0) | ((seq >> 8) & 0x0f);
  r[1] = seq & 0xff;
  return uuidv7From(now, r);
}
