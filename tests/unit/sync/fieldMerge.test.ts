import { describe, expect, it } from 'vitest';
import { invalidFieldName, mergePatch, type MergeInput } from '../../../server/src/sync/fieldMerge';

const base = (over: Partial<MergeInput>): MergeInput => ({
  policy: 'field-lww',
  baseVersion: 5,
  clientId: 'me',
  username: 'alice',
  current: { id: 'r1', name: 'old', notes: 'n', vlan: 10 },
  fieldVersions: { name: { v: 7, c: 'other', u: 'bob' }, notes: { v: 3, c: 'other', u: 'bob' }, vlan: { v: 8, c: 'me', u: 'alice' } },
  patch: {},
  ...over,
});

describe('mergePatch', () => {
  it('applies a field nobody else changed since the base', () => {
    const r = mergePatch(base({ patch: { notes: 'mine' } }));
    expect(r).toEqual({ changes: { notes: 'mine' }, conflicts: [] });
  });

  it('field-lww: a field changed by someone else after the base → pusher wins, old value is the loser', () => {
    const r = mergePatch(base({ patch: { name: 'new' } }));
    expect(r.changes).toEqual({ name: 'new' });
    expect(r.conflicts).toEqual([{ field: 'name', winner: 'new', loser: 'old', loserBy: 'bob' }]);
  });

  it('server-wins: the server value stays, the pusher value is the loser', () => {
    const r = mergePatch(base({ policy: 'server-wins', patch: { name: 'new', notes: 'ok' } }));
    expect(r.changes).toEqual({ notes: 'ok' });
    expect(r.conflicts).toEqual([{ field: 'name', winner: 'old', loser: 'new', loserBy: 'alice' }]);
  });

  it('equal values are no conflict and no change', () => {
    expect(mergePatch(base({ patch: { name: 'old' } }))).toEqual({ changes: {}, conflicts: [] });
  });

  it("the pusher's own later change of a field is no conflict", () => {
    expect(mergePatch(base({ patch: { vlan: 20 } }))).toEqual({ changes: { vlan: 20 }, conflicts: [] });
  });

  it('a change exactly at the base version is not concurrent', () => {
    expect(mergePatch(base({ baseVersion: 7, patch: { name: 'x' } })).conflicts).toEqual([]);
  });

  it('baseVersion 0 (an insert over an existing row) conflicts with every differing field of others', () => {
    const r = mergePatch(base({ baseVersion: 0, patch: { name: 'a', notes: 'b', vlan: 11 } }));
    expect(r.conflicts.map((c) => c.field).sort()).toEqual(['name', 'notes']);
    expect(r.changes).toEqual({ name: 'a', notes: 'b', vlan: 11 });
  });

  it('new fields and null values: missing equals null', () => {
    expect(mergePatch(base({ patch: { extra: null } }))).toEqual({ changes: {}, conflicts: [] });
    expect(mergePatch(base({ patch: { extra: 1 } }))).toEqual({ changes: { extra: 1 }, conflicts: [] });
    const r = mergePatch(base({ patch: { name: null } }));
    expect(r.conflicts).toEqual([{ field: 'name', winner: null, loser: 'old', loserBy: 'bob' }]);
  });

  it('server-owned fields are ignored', () => {
    expect(mergePatch(base({ patch: { id: 'x', tenantId: 't', version: 99 } }))).toEqual({ changes: {}, conflicts: [] });
  });

  it('type matters: 10 and "10" differ', () => {
    expect(mergePatch(base({ baseVersion: 0, patch: { vlan: '10' } })).changes).toEqual({ vlan: '10' });
  });
});

describe('invalidFieldName', () => {
  it('accepts camelCase property names, refuses prototype keys and odd names', () => {
    expect(invalidFieldName({ mgmtAddress: 1, a_b: 2 })).toBeNull();
    expect(invalidFieldName(JSON.parse('{"__proto__": 1}') as Record<string, unknown>)).toBe('__proto__');
    expect(invalidFieldName({ 'a b': 1 })).toBe('a b');
    expect(invalidFieldName({ '': 1 })).toBe('');
  });
});
