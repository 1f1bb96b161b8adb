// Seeds → the IPv4 addresses to sweep. A CIDR block is bounded (at most a /22, 1,024 addresses) and
// its network and broadcast addresses are skipped (/31 and /32 have none); duplicates across seeds
// are swept once.
import { NocError } from '../../../shared/ipc/errors';

export const MAX_PREFIX_ADDRESSES = 1024;
/** All seeds together: a run never sweeps more than this. */
export const MAX_SWEEP_ADDRESSES = 4096;

function toInt(ip: string): number {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) throw new NocError('VALIDATION', `"${ip}" is not an IPv4 address`);
  return (((p[0] ?? 0) << 24) | ((p[1] ?? 0) << 16) | ((p[2] ?? 0) << 8) | (p[3] ?? 0)) >>> 0;
}

export function intToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function expandSeed(seed: string): string[] {
  const [ip = '', lenText] = seed.trim().split('/');
  if (lenText === undefined) return [intToIp(toInt(ip))];
  const len = Number(lenText);
  if (!Number.isInteger(len) || len < 0 || len > 32) throw new NocError('VALIDATION', `"${seed}" has a bad prefix length`);
  const size = 2 ** (32 - len);
  if (size > MAX_PREFIX_ADDRESSES) throw new NocError('VALIDATION', `"${seed}" has ${size} addresses; a seed range is at most a /22 (${MAX_PREFIX_ADDRESSES})`);
  const base = (toInt(ip) & (len === 0 ? 0 : (~0 << (32 - len)) >>> 0)) >>> 0;
  const first = size > 2 ? base + 1 : base;
  const last = size > 2 ? base + size - 2 : base + size - 1;
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(intToIp(n));
  return out;
}

export function expandSeeds(seeds: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of seeds) for (const a of expandSeed(s)) out.add(a);
  if (out.size > MAX_SWEEP_ADDRESSES) throw new NocError('VALIDATION', `the seeds cover ${out.size} addresses; one run sweeps at most ${MAX_SWEEP_ADDRESSES}`);
  return [...out];
}
