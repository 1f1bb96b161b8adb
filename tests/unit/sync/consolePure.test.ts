// Pure parts of the console's sync: backoff, outbox batching and patch normalisation, the rebase of
// pending patches over a pulled row, the offline-unlock role rule and the SSE parser.
import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, Backoff, backoffDelay } from '../../../electron/services/sync/backoff';
import { batches, normalizePatch, prepareOutboxRow } from '../../../electron/services/sync/outboxBatches';
import { rebasePending } from '../../../electron/services/sync/rebase';
import { effectiveRole, offlineUnlockHours } from '../../../electron/services/sync/sessionRole';
import { SseParser } from '../../../electron/services/sync/sseParser';

const mid = () => 0.5; // no jitter

describe('backoff', () => {
  it('doubles from 1 s and caps at 60 s, forever', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 50, 10_000].map((n) => backoffDelay(n, mid));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
  });
  it('jitters within ±10 % and never leaves [1 s, 60 s]', () => {
    for (const r of [0, 0.999]) {
      for (let n = 1; n < 20; n++) {
        const d = backoffDelay(n, () => r);
        expect(d).toBeGreaterThanOrEqual(BACKOFF_MIN_MS);
        expect(d).toBeLessThanOrEqual(BACKOFF_MAX_MS);
      }
    }
    expect(backoffDelay(2, () => 0)).toBe(1800);
  });
  it('resets after a success', () => {
    const b = new Backoff(mid);
    expect([b.fail(), b.fail(), b.fail()]).toEqual([1000, 2000, 4000]);
    b.reset();
    expect(b.fail()).toBe(1000);
  });
});

describe('outbox batching', () => {
  it('splits in order into batches of at most 1000', () => {
    const items = Array.from({ length: 2501 }, (_, i) => i);
    const b = batches(items);
    expect(b.map((x) => x.length)).toEqual([1000, 1000, 501]);
    expect(b.flat()).toEqual(items);
    expect(batches([])).toEqual([]);
    expect(() => batches([1], 0)).toThrow();
  });

  const row = (over: Partial<Parameters<typeof prepareOutboxRow>[0]> = {}) => ({
    seq: 7,
    mutationId: 'm-1',
    tableName: 'devices',
    rowId: 'r-1',
    op: 'update' as const,
    baseVersion: 3,
    patch: JSON.stringify({ notes: 'x' }),
    ...over,
  });

  it('turns an outbox row into a protocol mutation', () => {
    expect(prepareOutboxRow(row())).toEqual({
      kind: 'mutation',
      seq: 7,
      mutation: { id: 'm-1', table: 'devices', op: 'update', rowId: 'r-1', baseVersion: 3, patch: { notes: 'x' } },
    });
  });
  it('keeps local-only tables off the wire', () => {
    expect(prepareOutboxRow(row({ tableName: 'accounting_sessions' }))).toEqual({ kind: 'local-only', seq: 7 });
  });
  it('sends JSON objects (audit details) as the JSON text the cache stores', () => {
    const p = prepareOutboxRow(row({ tableName: 'audit_log', op: 'insert', baseVersion: 0, patch: JSON.stringify({ details: { host: 'r1' }, at: 5 }) }));
    expect(p.kind === 'mutation' && p.mutation.patch).toEqual({ details: '{"host":"r1"}', at: 5 });
    expect(normalizePatch({ a: undefined, b: Number.NaN, c: true, d: null })).toEqual({ b: null, c: true, d: null });
  });
  it('sends a damaged row to review instead of failing the push', () => {
    expect(prepareOutboxRow(row({ patch: '{nope' })).kind).toBe('invalid');
    expect(prepareOutboxRow(row({ patch: '[1]' })).kind).toBe('invalid');
    expect(prepareOutboxRow(row({ rowId: '' })).kind).toBe('invalid');
  });
});

describe('rebase of pending patches', () => {
  it('lays unsent edits over a pulled row, oldest first, sync fields excluded', () => {
    expect(
      rebasePending([
        { op: 'update', patch: { notes: 'a', location: 'x', version: 99, id: 'evil' }, createdAt: 1 },
        { op: 'update', patch: { notes: 'b' }, createdAt: 2 },
      ]),
    ).toEqual({ notes: 'b', location: 'x' });
  });
  it('keeps a pending delete deleted', () => {
    expect(rebasePending([{ op: 'update', patch: { notes: 'a' }, createdAt: 1 }, { op: 'delete', patch: {}, createdAt: 5 }])).toEqual({ notes: 'a', deletedAt: 5 });
    expect(rebasePending([{ op: 'delete', patch: { deletedAt: 3 }, createdAt: 5 }])).toEqual({ deletedAt: 3 });
    expect(rebasePending([])).toEqual({});
  });
});

describe('role after sync login (offline unlock)', () => {
  const base = { localRole: null, linked: true, syncedRole: 'technician', lastContactAt: 1_000_000, now: 1_000_000, offlineUnlockHours: 72 };
  it('a standalone workspace keeps its local role (admin by default)', () => {
    expect(effectiveRole({ ...base, linked: false })).toBe('admin');
    expect(effectiveRole({ ...base, linked: false, localRole: 'viewer' })).toBe('viewer');
  });
  it('the synced role holds for 72 h after the last contact, then viewer', () => {
    const h = 3_600_000;
    expect(effectiveRole({ ...base, now: base.lastContactAt + 72 * h })).toBe('technician');
    expect(effectiveRole({ ...base, now: base.lastContactAt + 72 * h + 1 })).toBe('viewer');
    expect(effectiveRole({ ...base, offlineUnlockHours: 1, now: base.lastContactAt + 2 * h })).toBe('viewer');
  });
  it('logged out or an unknown role: viewer, never the local admin', () => {
    expect(effectiveRole({ ...base, syncedRole: null, localRole: 'admin' })).toBe('viewer');
    expect(effectiveRole({ ...base, syncedRole: 'root' })).toBe('viewer');
    expect(effectiveRole({ ...base, lastContactAt: null })).toBe('viewer');
  });
  it('reads NOC_OFFLINE_UNLOCK_HOURS', () => {
    expect(offlineUnlockHours({})).toBe(72);
    expect(offlineUnlockHours({ NOC_OFFLINE_UNLOCK_HOURS: '8' })).toBe(8);
    expect(offlineUnlockHours({ NOC_OFFLINE_UNLOCK_HOURS: 'soon' })).toBe(72);
  });
});

describe('SSE parser', () => {
  it('assembles events across chunk boundaries', () => {
    const p = new SseParser();
    expect(p.push(': hello\n\nevent: po')).toEqual([]);
    expect(p.push('ke\ndata: {"cursor":4}\n\nevent: poke\r\ndata: {"cursor":5}\r\n')).toEqual([{ event: 'poke', data: '{"cursor":4}' }]);
    expect(p.push('\r\ndata: a\ndata: b\n\n')).toEqual([
      { event: 'poke', data: '{"cursor":5}' },
      { event: 'message', data: 'a\nb' },
    ]);
  });
});
