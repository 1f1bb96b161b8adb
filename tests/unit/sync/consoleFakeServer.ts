// An in-memory stand-in for the central sync service, as a `fetch` function: just enough of the
// protocol (shared/sync/protocol.ts) to drive the console's engine in unit tests — login/refresh,
// push with exactly-once, field-lww conflicts against baseVersion, pull by cursor. The real server
// is exercised by tests/integration/sync/*.
import { pullRequestSchema, pushRequestSchema, type MutationResult, type PulledRow, type SyncConflict } from '../../../shared/sync/protocol';

interface ServerRow {
  table: string;
  rowId: string;
  data: Record<string, unknown>;
  version: number;
  deletedAt: number | null;
  fields: Record<string, { v: number; c: string; by: string }>;
}

export class FakeSyncServer {
  readonly tenantId = '01890a5d-ac96-774b-bcce-000000000001';
  offline = false;
  seq = 0;
  rows = new Map<string, ServerRow>();
  applied = new Map<string, MutationResult>();
  pushes = 0;
  /** Refuse a mutation (permanently) when this says so. */
  reject: (patch: Record<string, unknown>) => string | null = (p) => (p.name === 'REJECT-ME' ? 'name is refused' : null);
  private access = new Map<string, { user: string; role: string; expired: boolean; clientId: string }>();
  private refresh = new Map<string, { user: string; role: string; used: boolean }>();
  private n = 0;
  users: Record<string, { password: string; role: 'technician' | 'viewer' | 'admin' }> = {
    alice: { password: 'pw-alice', role: 'technician' },
    bob: { password: 'pw-bob', role: 'technician' },
  };

  expireAccessTokens(): void {
    for (const t of this.access.values()) t.expired = true;
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    await Promise.resolve();
    if (this.offline) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const auth = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
    switch (url.pathname) {
      case '/v1/auth/login':
        return this.login(body as { username: string; password: string; tenant: string; clientId?: string });
      case '/v1/auth/refresh':
        return this.doRefresh((body as { refreshToken: string }).refreshToken);
      case '/v1/auth/logout':
        return new Response(null, { status: 204 });
      case '/v1/sync/push':
      case '/v1/sync/pull': {
        const who = this.access.get(auth);
        if (!who) return json(401, { code: 'TOKEN_INVALID', message: 'bad token' });
        if (who.expired) return json(401, { code: 'TOKEN_EXPIRED', message: 'expired' });
        return url.pathname === '/v1/sync/push' ? this.push(body, who.user) : this.pull(body);
      }
      default:
        return json(404, { code: 'NOT_FOUND', message: 'no route' });
    }
  };

  private tokens(user: string, role: string, clientId: string): Response {
    const a = `acc-${++this.n}`;
    const r = `ref-${this.n}-padding-to-be-long`;
    this.access.set(a, { user, role, expired: false, clientId });
    this.refresh.set(r, { user, role, used: false });
    return json(200, {
      accessToken: a,
      expiresIn: 900,
      refreshToken: r,
      user: { id: `u-${user}`, tenantId: this.tenantId, tenantSlug: 'acme', username: user, role, mfa: false },
    });
  }

  private login(b: { username: string; password: string; tenant: string; clientId?: string }): Response {
    const u = this.users[b.username];
    if (!u || u.password !== b.password || b.tenant !== 'acme') return json(401, { code: 'AUTH_FAILED', message: 'Wrong user name or password.' });
    return this.tokens(b.username, u.role, b.clientId ?? '');
  }

  private doRefresh(token: string): Response {
    const r = this.refresh.get(token);
    if (!r) return json(401, { code: 'TOKEN_INVALID', message: 'unknown refresh token' });
    if (r.used) return json(401, { code: 'TOKEN_REUSED', message: 'reused' });
    r.used = true;
    // like the real server: a refresh reads the user's role now
    return this.tokens(r.user, this.users[r.user]?.role ?? r.role, '');
  }

  private push(raw: unknown, user: string): Response {
    this.pushes++;
    const req = pushRequestSchema.parse(raw);
    const results: MutationResult[] = [];
    for (const m of req.mutations) {
      const key = `${req.clientId}|${m.id}`;
      const seen = this.applied.get(key);
      if (seen) {
        results.push(seen);
        continue;
      }
      const why = this.reject(m.patch);
      if (why) {
        const r: MutationResult = { id: m.id, status: 'rejected', code: 'VALIDATION', message: why };
        this.applied.set(key, r);
        results.push(r);
        continue;
      }
      const v = ++this.seq;
      const rk = `${m.table}|${m.rowId}`;
      const row = this.rows.get(rk) ?? { table: m.table, rowId: m.rowId, data: {}, version: 0, deletedAt: null, fields: {} };
      const conflicts: SyncConflict[] = [];
      for (const [f, value] of Object.entries(m.patch)) {
        if (f === 'id' || f === 'tenantId' || f === 'version') continue;
        const fv = row.fields[f];
        if (m.op === 'update' && fv && fv.v > m.baseVersion && fv.c !== req.clientId && row.data[f] !== value) {
          conflicts.push({ id: `c-${v}-${f}`, table: m.table, rowId: m.rowId, field: f, winner: value, loser: row.data[f], loserBy: fv.by, policy: 'field-lww', mutationId: m.id });
        }
        row.data[f] = value;
        row.fields[f] = { v, c: req.clientId, by: user };
      }
      if (m.op === 'delete') row.deletedAt = 1_700_000_000_000 + v;
      row.version = v;
      this.rows.set(rk, row);
      const r: MutationResult = { id: m.id, status: 'applied', version: v, conflicts };
      this.applied.set(key, r);
      results.push(r);
    }
    return json(200, { results, cursor: this.seq });
  }

  private pull(raw: unknown): Response {
    const req = pullRequestSchema.parse(raw);
    const all = [...this.rows.values()].filter((r) => r.version > req.cursor).sort((a, b) => a.version - b.version);
    const page = all.slice(0, req.limit);
    const rows: PulledRow[] = page.map((r) => ({
      table: r.table as PulledRow['table'],
      rowId: r.rowId,
      version: r.version,
      data: { ...(r.data as Record<string, string | number | boolean | null>), id: r.rowId },
      deletedAt: r.deletedAt,
    }));
    const more = all.length > page.length;
    return json(200, { rows, cursor: page.length > 0 ? (page[page.length - 1]?.version ?? req.cursor) : this.seq, more });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
