// Period boundaries and dates in the tenant's time zone: "March" for a Chicago ISP starts at
// midnight in Chicago, not in UTC. Pure Intl, no tz database of our own.

const DAY_MS = 86_400_000;
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC at an instant, in ms (e.g. -6 h for Chicago in winter). */
export function zoneOffsetMs(utcMs: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(tz).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The UTC instant of local midnight at the start of a YYYY-MM-DD date in the zone. */
export function startOfLocalDay(date: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const first = guess - zoneOffsetMs(guess, tz);
  // a DST change between the guess and the answer moves the offset: settle it once more
  return guess - zoneOffsetMs(first, tz);
}

/** The first instant after the end of a local date (exclusive upper bound for an inclusive "to"). */
export function endOfLocalDay(date: string, tz: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return startOfLocalDay(next, tz);
}

/** Caches offsets per hour: exports format hundreds of thousands of dates. */
export class LocalClock {
  private readonly offsets = new Map<number, number>();
  constructor(readonly tz: string) {}

  private offset(ms: number): number {
    const hour = Math.floor(ms / 3_600_000);
    let o = this.offsets.get(hour);
    if (o === undefined) {
      o = zoneOffsetMs(hour * 3_600_000, this.tz);
      this.offsets.set(hour, o);
    }
    return o;
  }

  /** A Date whose UTC fields read as the local wall-clock time (what Excel cells hold). */
  wallClock(ms: number): Date {
    return new Date(ms + this.offset(ms));
  }

  date(ms: number): string {
    return this.wallClock(ms).toISOString().slice(0, 10);
  }

  dateTime(ms: number): string {
    return this.wallClock(ms).toISOString().slice(0, 16).replace('T', ' ');
  }

  month(ms: number): string {
    return this.wallClock(ms).toISOString().slice(0, 7);
  }
}

export interface MonthRange {
  month: string; // YYYY-MM
  start: number;
  end: number;
}

/** Local calendar months covering [fromMs, toMs), as UTC instants. */
export function monthsBetween(fromMs: number, toMs: number, tz: string): MonthRange[] {
  const clock = new LocalClock(tz);
  const out: MonthRange[] = [];
  let [y, m] = clock.month(fromMs).split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    const start = startOfLocalDay(`${key}-01`, tz);
    if (start >= toMs) break;
    const ny = m === 12 ? y + 1 : y;
    const nm = m === 12 ? 1 : m + 1;
    const end = startOfLocalDay(`${ny}-${String(nm).padStart(2, '0')}-01`, tz);
    out.push({ month: key, start, end });
    y = ny;
    m = nm;
  }
  return out;
}

export { DAY_MS };
