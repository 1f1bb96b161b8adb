// How the RADIUS page words and colours what came back.
import type { RadiusReply } from './types';

/** Tone of a reply: accepted/acknowledged, refused, asked for more, or nothing usable came back. */
export type ReplyTone = 'ok' | 'reject' | 'challenge' | 'noreply' | 'refused';

const OK_CODES = new Set(['Access-Accept', 'Accounting-Response', 'CoA-ACK', 'Disconnect-ACK']);
const REJECT_CODES = new Set(['Access-Reject', 'CoA-NAK', 'Disconnect-NAK']);

export function toneOf(outcome: RadiusReply['outcome'] | string, code: string | null): ReplyTone {
  if (outcome === 'no-reply') return 'noreply';
  if (outcome === 'refused') return 'refused';
  if (code && OK_CODES.has(code)) return 'ok';
  if (code && REJECT_CODES.has(code)) return 'reject';
  if (code === 'Access-Challenge') return 'challenge';
  return code ? 'ok' : 'noreply';
}

/** The headline of a reply: its code, or what happened instead. */
export function headlineOf(r: Pick<RadiusReply, 'outcome' | 'code' | 'tries'>): string {
  if (r.outcome === 'no-reply') return `No reply after ${r.tries} ${r.tries === 1 ? 'try' : 'tries'}`;
  if (r.outcome === 'refused') return r.code ? `${r.code} (refused)` : 'Reply refused';
  return r.code ?? 'Reply';
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** Octet counters arrive as decimal strings (64-bit); shown in SI units, exact value in the title. */
export function formatOctets(raw: string): string {
  let n: number;
  try {
    n = Number(BigInt(raw));
  } catch {
    return raw;
  }
  let i = 0;
  while (n >= 1000 && i < UNITS.length - 1) {
    n /= 1000;
    i++;
  }
  return `${i === 0 ? n.toFixed(0) : n.toFixed(n < 10 ? 2 : 1)} ${UNITS[i]}`;
}

const rateFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatRate(n: number): string {
  return rateFormat.format(n);
}

export function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}
