// How VOLTHA states read on the PON page: a tone per state (colour and a shape, never colour alone),
// the health of an ONU or OLT as the filters and the row styling see it, and short labels.
import type { OnuFilter, PonAdminState, PonConnectStatus, PonOperStatus } from '../../../../shared/domain/voltha';
import type { PonDevice } from './types';

export type Tone = 'ok' | 'warn' | 'bad' | 'off' | 'unknown';

export const TONE_MARK: Record<Tone, string> = { ok: '▲', warn: '◆', bad: '▼', off: '■', unknown: '?' };

export function adminTone(s: PonAdminState): Tone {
  switch (s) {
    case 'ENABLED':
      return 'ok';
    case 'DISABLED':
      return 'off';
    case 'PREPROVISIONED':
    case 'DOWNLOADING_IMAGE':
      return 'warn';
    case 'UNKNOWN':
      return 'unknown';
  }
}

export function operTone(s: PonOperStatus): Tone {
  switch (s) {
    case 'ACTIVE':
      return 'ok';
    case 'DISCOVERED':
    case 'ACTIVATING':
    case 'TESTING':
    case 'RECONCILING':
    case 'REBOOTED':
      return 'warn';
    case 'FAILED':
    case 'RECONCILING_FAILED':
      return 'bad';
    case 'UNKNOWN':
      return 'unknown';
  }
}

export function connectTone(s: PonConnectStatus): Tone {
  switch (s) {
    case 'REACHABLE':
      return 'ok';
    case 'UNREACHABLE':
      return 'bad';
    case 'UNKNOWN':
      return 'unknown';
  }
}

/** What a row is, for its styling and `data-health`: the same buckets as the ONU filters. */
export type Health = Exclude<OnuFilter, 'all'> | 'pending';

/**
 * disabled: administratively disabled; down: unreachable, or enabled and not ACTIVE; active:
 * enabled, ACTIVE and reachable; pending: anything else (pre-provisioned, downloading an image).
 */
export function healthOf(d: Pick<PonDevice, 'adminState' | 'operStatus' | 'connectStatus'>): Health {
  if (d.adminState === 'DISABLED') return 'disabled';
  if (d.connectStatus === 'UNREACHABLE') return 'down';
  if (d.adminState === 'ENABLED') return d.operStatus === 'ACTIVE' ? 'active' : 'down';
  return 'pending';
}

/** `data-state` of an OLT row: unreachable wins (it is what a NOC must see first). */
export function oltState(d: Pick<PonDevice, 'adminState' | 'operStatus' | 'connectStatus'>): string {
  if (d.connectStatus === 'UNREACHABLE') return 'unreachable';
  if (d.adminState === 'DISABLED') return 'disabled';
  if (d.adminState === 'PREPROVISIONED') return 'preprovisioned';
  return d.operStatus.toLowerCase();
}

export const FILTER_LABELS: Record<OnuFilter, string> = { all: 'All', down: 'Down', active: 'Active', disabled: 'Disabled' };

/** A VOLTHA id is 24 hex digits; lists show the head of it (the whole id is in the title and detail). */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

const rtf = typeof Intl !== 'undefined' && 'RelativeTimeFormat' in Intl ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : null;

/** "12 s ago", "3 min ago"; absolute time in titles. */
export function formatAgo(ms: number, now = Date.now()): string {
  const s = Math.round((ms - now) / 1000);
  const abs = Math.abs(s);
  if (!rtf) return new Date(ms).toLocaleString();
  if (abs < 60) return rtf.format(s, 'second');
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86_400), 'day');
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/**
 * The core's version as people say it. rw_core's GetVoltha answers `version` as a JSON document
 * ({"version":"3.5.9","goversion":…,"vcsref":…}, which voltctl unpacks); a plain string is shown as is.
 */
export function versionLabel(raw: string): { short: string; full: string } {
  const s = raw.trim();
  if (s.startsWith('{')) {
    try {
      const v = JSON.parse(s) as Record<string, unknown>;
      if (typeof v.version === 'string' && v.version) {
        const extra = Object.entries(v)
          .filter(([k, x]) => k !== 'version' && typeof x === 'string' && x)
          .map(([k, x]) => `${k}: ${String(x)}`);
        return { short: v.version, full: [`version: ${v.version}`, ...extra].join('\n') };
      }
    } catch {
      // not JSON after all: shown as sent
    }
  }
  return { short: s.length > 40 ? `${s.slice(0, 40)}…` : s, full: s };
}
