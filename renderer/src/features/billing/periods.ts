// Quick period presets as calendar dates (YYYY-MM-DD, inclusive), computed from "today" in the
// tenant's time zone so a console abroad picks the same month as the office.

export type PresetId = 'this-month' | 'last-month' | 'last-3-months' | 'last-12-months' | 'ytd' | 'all';

export interface Preset {
  id: PresetId;
  /** Short button text; `hint` says it in full. */
  label: string;
  hint: string;
}

export const PRESETS: readonly Preset[] = [
  { id: 'this-month', label: 'This month', hint: 'This month: from the 1st to today' },
  { id: 'last-month', label: 'Last month', hint: 'Last month: the whole previous calendar month' },
  { id: 'last-3-months', label: '3 months', hint: 'Last 3 months: this month and the two before it, to today' },
  { id: 'last-12-months', label: '12 months', hint: 'Last 12 months: this month and the eleven before it, to today' },
  { id: 'ytd', label: 'YTD', hint: 'Year to date: from 1 January to today' },
  { id: 'all', label: 'All time', hint: 'All time: no date filter' },
];

export interface Ymd {
  y: number;
  /** 1–12 */
  m: number;
  d: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function ymdString(v: Ymd): string {
  return `${pad(v.y, 4)}-${pad(v.m)}-${pad(v.d)}`;
}

/** Today as a calendar date in `timeZone` (the browser's zone when absent or unknown). */
export function todayIn(timeZone: string | null, now: Date = new Date()): Ymd {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone ?? undefined,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    }).formatToParts(now);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    return { y: get('year'), m: get('month'), d: get('day') };
  } catch {
    return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
  }
}

/** First day of the month `delta` months from (y, m). */
export function monthStart(y: number, m: number, delta = 0): Ymd {
  const idx = y * 12 + (m - 1) + delta;
  return { y: Math.floor(idx / 12), m: (idx % 12) + 1, d: 1 };
}

/** Last day of the month `delta` months from (y, m). */
export function monthEnd(y: number, m: number, delta = 0): Ymd {
  const s = monthStart(y, m, delta);
  const days = new Date(Date.UTC(s.y, s.m, 0)).getUTCDate();
  return { y: s.y, m: s.m, d: days };
}

/** The whole month of "YYYY-MM" as from/to; null when it is not a month. */
export function monthRange(month: string): { from: string; to: string } | null {
  const match = /^(\d{4})-(\d{2})/.exec(month);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  if (m < 1 || m > 12) return null;
  return { from: ymdString(monthStart(y, m)), to: ymdString(monthEnd(y, m)) };
}

export function presetRange(id: PresetId, today: Ymd): { from?: string; to?: string } {
  const t = ymdString(today);
  switch (id) {
    case 'this-month':
      return { from: ymdString(monthStart(today.y, today.m)), to: t };
    case 'last-month':
      return { from: ymdString(monthStart(today.y, today.m, -1)), to: ymdString(monthEnd(today.y, today.m, -1)) };
    case 'last-3-months':
      return { from: ymdString(monthStart(today.y, today.m, -2)), to: t };
    case 'last-12-months':
      return { from: ymdString(monthStart(today.y, today.m, -11)), to: t };
    case 'ytd':
      return { from: ymdString({ y: today.y, m: 1, d: 1 }), to: t };
    case 'all':
      return {};
  }
}

/** Which preset (if any) the range is, so the preset button shows as active. */
export function matchPreset(from: string | undefined, to: string | undefined, today: Ymd): PresetId | null {
  for (const p of PRESETS) {
    const r = presetRange(p.id, today);
    if (r.from === from && r.to === to) return p.id;
  }
  return null;
}
