// Pure pieces of the live interface view: bit/s as people read them, and folding a `poller.sample`
// event into the interfaces last read with `poller.interfaces`.
import type { EventOf, ResponseOf } from '../../../../shared/ipc/schemas';

export type LiveInterface = ResponseOf<'poller.interfaces'>['interfaces'][number];
export type PollerSample = EventOf<'poller.sample'>;

const UNITS = ['bps', 'kbps', 'Mbps', 'Gbps', 'Tbps'] as const;

/** 0 → "0 bps", 1_234 → "1.23 kbps", 987_000_000 → "987 Mbps"; null (no rate yet) → "—". Decimal (SI) units, as links are sold. */
export function formatBps(bps: number | null): string {
  if (bps === null || !Number.isFinite(bps)) return '—';
  let v = Math.max(0, bps);
  let unit = 0;
  while (v >= 1000 && unit < UNITS.length - 1) {
    v /= 1000;
    unit++;
  }
  if (unit === 0) return `${Math.round(v)} bps`;
  const digits = v < 10 ? 2 : v < 100 ? 1 : 0;
  return `${v.toFixed(digits)} ${UNITS[unit]}`;
}

/** Utilisation of the busier direction, 0–1, when the speed is known. */
export function utilisationOf(i: Pick<LiveInterface, 'speedBps' | 'inBps' | 'outBps'>): number | null {
  if (i.speedBps === null || i.speedBps <= 0 || (i.inBps === null && i.outBps === null)) return null;
  return Math.min(1, Math.max(i.inBps ?? 0, i.outBps ?? 0) / i.speedBps);
}

/**
 * The interfaces after a poll event. The event carries names, oper status and rates but not admin
 * status or speed (and at most 256 interfaces): those are kept from what we had.
 */
export function applySample(current: readonly LiveInterface[], sample: PollerSample): LiveInterface[] {
  const byIndex = new Map(current.map((i) => [i.ifIndex, i]));
  for (const s of sample.interfaces) {
    const had = byIndex.get(s.ifIndex);
    byIndex.set(s.ifIndex, { adminStatus: had?.adminStatus ?? '', speedBps: had?.speedBps ?? null, ...s });
  }
  return [...byIndex.values()].sort((a, b) => a.ifIndex - b.ifIndex);
}
