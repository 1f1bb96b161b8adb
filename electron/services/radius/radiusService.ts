// The radius.* channels: resolves a target (saved profile with its secret from the vault, or a
// one-off server), builds the request from validated input, sends it through the engine, keeps
// the run in the local history and answers with the decoded reply. Secrets stay in main.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { RadiusAcctType } from '../../../shared/domain/radius';
import { RADIUS_DEFAULT_PORTS } from '../../../shared/domain/radius';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { RadiusReply } from '../../../shared/ipc/radiusSchemas';
import { RadiusRepository } from '../cache/repositories/radiusRepository';
import { withBusyRetry } from '../cache/busyRetry';
import { ChangeRecorder } from '../cache/repositories/outboxWriter';
import type { EventBus } from '../events/eventBus';
import { ProgressReporter } from '../events/eventBus';
import { uuidv7 } from '../util/uuidv7';
import type { Workspace } from '../workspace/workspace';
import { parseAttributeInputs } from './attributeInput';
import { loadDictionary, type RadiusDictionary } from './dictionary';
import { runLoad } from './loadGenerator';
import { CODE, type OutgoingAttribute } from './packet';
import { RadiusClient, type ClientReply, type SendOptions, type ServerTarget } from './radiusClient';
import { simulateSession, type SessionResult } from './sessionSimulator';

type PortKind = 'auth' | 'acct' | 'coa';

interface ResolvedTarget {
  server: ServerTarget;
  options: SendOptions;
  nasIdentifier: string;
  deviceId: string | null;
}

interface TargetInput {
  profileId?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
  secret?: string | undefined;
}

interface OptionInput {
  strict?: boolean | undefined;
  timeoutMs?: number | undefined;
  retries?: number | undefined;
}

const ACCT_STATUS: Record<RadiusAcctType, number> = { start: 1, stop: 2, interim: 3, 'accounting-on': 7, 'accounting-off': 8 };
const DEFAULT_NAS_ID = 'dotmac-noc';

/** Where a workspace keeps extra FreeRADIUS-format dictionaries a user adds. */
export const WORKSPACE_DICTIONARY_DIR = 'radius-dictionaries';

function summarize(r: ClientReply): string {
  if (r.outcome === 'no-reply') return r.hint ?? 'no reply';
  const attrs = r.attributes.slice(0, 3).map((a) => `${a.name}=${a.value}`);
  return [r.outcome === 'refused' ? `refused ${r.code ?? ''}`.trim() : r.code, ...attrs].filter(Boolean).join(', ');
}

/** Prefers what the user typed: an automatic attribute is dropped when the user gave the same one. */
function merge(auto: readonly OutgoingAttribute[], user: readonly OutgoingAttribute[]): OutgoingAttribute[] {
  const typed = new Set(user.map((a) => a.def));
  return [...auto.filter((a) => !typed.has(a.def)), ...user];
}

export class RadiusService {
  readonly dict: RadiusDictionary;
  readonly client: RadiusClient;
  private readonly sessions = new Map<string, AbortController>();
  private readonly loads = new Map<string, AbortController>();

  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    vendorDictionaryDir?: string,
  ) {
    this.dict = loadDictionary([path.join(workspace.dir, WORKSPACE_DICTIONARY_DIR)], vendorDictionaryDir);
    this.client = new RadiusClient(this.dict);
  }

  close(): void {
    for (const c of [...this.sessions.values(), ...this.loads.values()]) c.abort();
    this.client.close();
  }

  private repo(): RadiusRepository {
    return new RadiusRepository(this.workspace.sqlite, this.workspace.scope(), this.workspace.box);
  }

  dictionary(): ResponseOf<'radius.dictionary'> {
    return {
      attributes: this.dict.all().map((d) => ({ name: d.name, vendor: d.vendorName, type: d.type, values: [...d.valueNames.values()] })),
      vendors: this.dict.vendors(),
    };
  }

  profiles(): ResponseOf<'radius.profiles.list'> {
    return this.repo().listProfiles();
  }

  saveProfile(req: ParsedRequestOf<'radius.profiles.save'>): ResponseOf<'radius.profiles.save'> {
    const { id, secret, ...fields } = req;
    if (id === undefined && secret === undefined) {
      throw new NocError('VALIDATION', 'secret: a new profile needs its shared secret', [{ path: 'secret', message: 'a new profile needs its shared secret' }]);
    }
    return this.repo().save(fields, secret, id);
  }

  deleteProfile(id: string): ResponseOf<'radius.profiles.delete'> {
    return { deleted: this.repo().deleteProfile(id) };
  }

  history(limit: number): ResponseOf<'radius.history.list'> {
    return this.repo().listRuns(limit);
  }

  historyEntry(id: string): ResponseOf<'radius.history.get'> {
    const run = this.repo().run(id);
    if (!run) throw new NocError('NOT_FOUND', 'That RADIUS run is not in this console\'s history.');
    return run;
  }

  stopLoad(taskId: string): ResponseOf<'radius.load.stop'> {
    const c = this.loads.get(taskId);
    c?.abort();
    return { stopping: c !== undefined };
  }

  prefill(req: ParsedRequestOf<'radius.prefill'>): ResponseOf<'radius.prefill'> {
    const db = this.workspace.sqlite;
    const tenant = this.workspace.scope().tenantId;
    let deviceId = req.deviceId ?? null;
    let user: string | null = null;
    let subscriberName: string | null = null;
    if (req.subscriberId) {
      const s = db.prepare('SELECT name, radius_username AS user, access_device_id AS deviceId FROM subscribers WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL').get(req.subscriberId, tenant) as
        | { name: string; user: string; deviceId: string | null }
        | undefined;
      if (!s) throw new NocError('NOT_FOUND', 'No such subscriber in this workspace.');
      user = s.user;
      subscriberName = s.name;
      deviceId = s.deviceId;
    }
    let device: { name: string; mgmtAddress: string } | undefined;
    if (deviceId) {
      device = db.prepare('SELECT name, mgmt_address AS mgmtAddress FROM devices WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL').get(deviceId, tenant) as
        | { name: string; mgmtAddress: string }
        | undefined;
      if (!device && req.deviceId) throw new NocError('NOT_FOUND', 'No such device in this workspace.');
    }
    const profile = deviceId ? this.repo().profileForDevice(deviceId) : undefined;
    return { profileId: profile?.id ?? null, deviceId: device ? deviceId : null, host: profile?.host ?? device?.mgmtAddress ?? null, user, deviceName: device?.name ?? null, subscriberName };
  }

  private resolve(target: TargetInput, kind: PortKind, opts: OptionInput): ResolvedTarget {
    if (target.profileId) {
      const repo = this.repo();
      const p = repo.profile(target.profileId);
      if (!p) throw new NocError('NOT_FOUND', 'That RADIUS profile no longer exists.');
      const secret = target.secret ?? repo.secretOf(p.id);
      if (!secret) throw new NocError('VALIDATION', `Profile ${p.name} has no shared secret; edit it and enter one.`, [{ path: 'target.secret', message: 'no shared secret stored' }]);
      const port = target.port ?? (kind === 'auth' ? p.authPort : kind === 'acct' ? p.acctPort : p.coaPort);
      return {
        server: { host: target.host ?? p.host, port, secret },
        options: { timeoutMs: opts.timeoutMs ?? p.timeoutMs, retries: opts.retries ?? p.retries, strict: opts.strict ?? p.strict },
        nasIdentifier: p.nasIdentifier || DEFAULT_NAS_ID,
        deviceId: p.deviceId,
      };
    }
    if (!target.host || !target.secret) throw new NocError('VALIDATION', 'Give a server and a shared secret, or choose a saved profile.');
    const port = target.port ?? (kind === 'auth' ? RADIUS_DEFAULT_PORTS.auth : kind === 'acct' ? RADIUS_DEFAULT_PORTS.acct : RADIUS_DEFAULT_PORTS.coa);
    return {
      server: { host: target.host, port, secret: target.secret },
      options: { timeoutMs: opts.timeoutMs ?? 3000, retries: opts.retries ?? 2, strict: opts.strict ?? false },
      nasIdentifier: DEFAULT_NAS_ID,
      deviceId: null,
    };
  }

  private finish(kind: 'auth' | 'acct' | 'status' | 'coa' | 'disconnect', t: ResolvedTarget, user: string | null, r: ClientReply): RadiusReply {
    const server = `${t.server.host}:${t.server.port}`;
    const runId = uuidv7();
    this.repo().recordRun({ kind, server, userName: user, outcome: r.outcome, code: r.code, rttMs: r.rttMs, summary: summarize(r), detail: r }, runId);
    return { runId, server, ...r };
  }

  private async sendOrExplain(t: ResolvedTarget, code: number, attrs: OutgoingAttribute[], extra?: Parameters<RadiusClient['send']>[4]): Promise<ClientReply> {
    try {
      return await this.client.send(t.server, code, attrs, t.options, extra);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') throw new NocError('VALIDATION', `Cannot resolve ${t.server.host}.`, [{ path: 'target.host', message: 'host name does not resolve' }]);
      if (err instanceof RangeError) throw new NocError('VALIDATION', err.message);
      throw err;
    }
  }

  async auth(req: ParsedRequestOf<'radius.auth'>): Promise<RadiusReply> {
    const user = parseAttributeInputs(this.dict, req.attributes);
    const t = this.resolve(req.target, 'auth', req);
    const proof = this.client.authAttributes(req.user, req.password, req.method);
    const auto = [...proof.attrs, this.client.text('NAS-Identifier', t.nasIdentifier)];
    const r = await this.sendOrExplain(t, CODE.accessRequest, merge(auto, user), proof.checkSuccess);
    return this.finish('auth', t, req.user, r);
  }

  async acct(req: ParsedRequestOf<'radius.acct'>): Promise<RadiusReply> {
    const user = parseAttributeInputs(this.dict, req.attributes);
    const t = this.resolve(req.target, 'acct', req);
    const c = this.client;
    const perSession = req.type !== 'accounting-on' && req.type !== 'accounting-off';
    const auto = [
      c.uint('Acct-Status-Type', ACCT_STATUS[req.type]),
      c.text('NAS-Identifier', t.nasIdentifier),
      c.uint('Event-Timestamp', Math.floor(Date.now() / 1000)),
      c.uint('Acct-Delay-Time', 0),
      // Accounting-On/Off speak for the whole NAS; RFC 2866 still wants a session id
      c.text('Acct-Session-Id', req.sessionId ?? randomBytes(8).toString('hex').toUpperCase()),
      ...(perSession && req.user ? [c.text('User-Name', req.user)] : []),
    ];
    const r = await this.sendOrExplain(t, CODE.accountingRequest, merge(auto, user));
    return this.finish('acct', t, req.user ?? null, r);
  }

  async status(req: ParsedRequestOf<'radius.status'>): Promise<RadiusReply> {
    const user = parseAttributeInputs(this.dict, req.attributes);
    const t = this.resolve(req.target, 'auth', req);
    const r = await this.sendOrExplain(t, CODE.statusServer, merge([this.client.text('NAS-Identifier', t.nasIdentifier)], user));
    return this.finish('status', t, null, r);
  }

  async dynauth(req: ParsedRequestOf<'radius.dynauth'>): Promise<RadiusReply> {
    const user = parseAttributeInputs(this.dict, req.attributes);
    if (user.length === 0) {
      throw new NocError('VALIDATION', 'attributes: name the session (User-Name, Acct-Session-Id or Framed-IP-Address)', [
        { path: 'attributes', message: 'name the session to change or disconnect' },
      ]);
    }
    const t = this.resolve(req.target, 'coa', req);
    const code = req.kind === 'coa' ? CODE.coaRequest : CODE.disconnectRequest;
    const r = await this.sendOrExplain(t, code, merge([this.client.uint('Event-Timestamp', Math.floor(Date.now() / 1000))], user));
    const who = user.find((a) => a.def.name === 'User-Name')?.value.toString('utf8') ?? null;
    return this.finish(req.kind, t, who, r);
  }

  async session(req: ParsedRequestOf<'radius.session.run'>): Promise<ResponseOf<'radius.session.run'>> {
    const sessionRunId = req.sessionRunId ?? uuidv7();
    if (this.sessions.has(sessionRunId)) throw new NocError('CONFLICT', 'That session is already running.');
    const authT = this.resolve(req.target, 'auth', req);
    const acctT = this.resolve({ ...req.target, port: req.acctPort }, 'acct', req);
    const controller = new AbortController();
    this.sessions.set(sessionRunId, controller);
    let recordedId: string | null = null;
    try {
      const result = await simulateSession(this.client, {
        auth: authT.server,
        acct: acctT.server,
        user: req.user,
        password: req.password,
        method: req.method,
        interims: req.interims,
        intervalMs: req.intervalMs,
        bytesPerInterval: req.bytesPerInterval,
        sessionId: req.sessionId,
        framedIp: req.framedIp,
        nasIdentifier: authT.nasIdentifier,
        options: authT.options,
        signal: controller.signal,
        onStep: (s) => this.bus.emit('radius.session.step', { ...s, sessionRunId }),
      });
      if (req.record && result.startedAt !== null) recordedId = this.recordSession(req, authT.deviceId, result);
      const server = `${authT.server.host}:${authT.server.port}`;
      const last = result.steps[result.steps.length - 1];
      this.repo().recordRun({
        kind: 'session',
        server,
        userName: req.user,
        outcome: result.completed ? 'completed' : 'failed',
        code: last?.code ?? null,
        rttMs: null,
        summary: result.completed ? `session ${result.acctSessionId}: ${result.steps.length} steps, ${result.counters.outputOctets} octets down` : (result.error ?? 'failed'),
        detail: { ...result, counters: Object.fromEntries(Object.entries(result.counters).map(([k, v]) => [k, String(v)])) },
      });
      return { sessionRunId, acctSessionId: result.acctSessionId, user: req.user, steps: result.steps, recordedSessionId: recordedId, completed: result.completed, error: result.error };
    } finally {
      this.sessions.delete(sessionRunId);
    }
  }

  stopSession(id: string): ResponseOf<'radius.session.stop'> {
    const c = this.sessions.get(id);
    c?.abort();
    return { stopping: c !== undefined };
  }

  /** Writes the simulated session into accounting_sessions (source radius-sim) for billing reports. */
  private recordSession(req: ParsedRequestOf<'radius.session.run'>, nasDeviceId: string | null, r: SessionResult): string {
    const db = this.workspace.sqlite;
    const scope = this.workspace.scope();
    const subscriberId =
      req.subscriberId ??
      (db.prepare('SELECT id FROM subscribers WHERE tenant_id = ? AND radius_username = ? AND deleted_at IS NULL LIMIT 1').get(scope.tenantId, req.user) as { id: string } | undefined)?.id ??
      null;
    const id = uuidv7();
    const now = Date.now();
    const row = {
      subscriberId,
      nasDeviceId,
      username: req.user,
      acctSessionId: r.acctSessionId,
      framedIp: r.framedIp,
      startedAt: r.startedAt ?? now,
      stoppedAt: r.stoppedAt,
      // SQLite integers are 64-bit: the counters fit exactly
      inputOctets: Number(r.counters.inputOctets),
      outputOctets: Number(r.counters.outputOctets),
      inputPackets: Number(r.counters.inputPackets),
      outputPackets: Number(r.counters.outputPackets),
      terminateCause: r.completed ? (r.stoppedAt ? 'User-Request' : null) : null,
      source: 'radius-sim',
    };
    withBusyRetry(() =>
      db.transaction(() => {
        db.prepare(
          `INSERT INTO accounting_sessions (id, tenant_id, version, updated_at, subscriber_id, nas_device_id, username, acct_session_id, framed_ip,
             started_at, stopped_at, input_octets, output_octets, input_packets, output_packets, terminate_cause, source)
           VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, scope.tenantId, now, row.subscriberId, row.nasDeviceId, row.username, row.acctSessionId, row.framedIp, row.startedAt, row.stoppedAt,
          row.inputOctets, row.outputOctets, row.inputPackets, row.outputPackets, row.terminateCause, row.source);
        new ChangeRecorder(db).record(scope, 'accounting_sessions', id, 'insert', 0, row, now);
      })(),
    );
    return id;
  }

  async load(req: ParsedRequestOf<'radius.load'>): Promise<ResponseOf<'radius.load'>> {
    const t = this.resolve(req.target, 'auth', req);
    if (req.kind === 'auth' && (!req.user || req.password === undefined)) {
      throw new NocError('VALIDATION', 'user: a load test of Access-Requests needs a user and a password', [{ path: 'user', message: 'required for auth load' }]);
    }
    const attrs =
      req.kind === 'auth'
        ? [...this.client.authAttributes(req.user ?? '', req.password ?? '', req.method).attrs, this.client.text('NAS-Identifier', t.nasIdentifier)]
        : [this.client.text('NAS-Identifier', t.nasIdentifier)];
    const taskId = req.taskId ?? uuidv7();
    if (this.loads.has(taskId)) throw new NocError('CONFLICT', 'A load test with that task id is already running.');
    const progress = new ProgressReporter(this.bus, taskId, `RADIUS load: ${req.count} requests`, 250);
    const controller = new AbortController();
    this.loads.set(taskId, controller);
    try {
      const stats = await runLoad({
        destination: t.server,
        secret: t.server.secret,
        code: req.kind === 'auth' ? CODE.accessRequest : CODE.statusServer,
        attributes: attrs,
        count: req.count,
        concurrency: req.concurrency,
        ratePerSecond: req.ratePerSecond,
        timeoutMs: t.options.timeoutMs,
        retries: t.options.retries,
        strict: t.options.strict,
        onProgress: (done, total) => progress.update(done, total),
        signal: controller.signal,
      });
      progress.finish(1, undefined, controller.signal.aborted ? `RADIUS load stopped after ${stats.sent} of ${req.count} requests` : undefined);
      this.repo().recordRun({
        kind: 'load',
        server: `${t.server.host}:${t.server.port}`,
        userName: req.user ?? null,
        outcome: controller.signal.aborted ? 'stopped' : stats.timeouts > 0 ? 'drops' : 'ok',
        code: null,
        rttMs: stats.latencyMs.p50,
        summary: `${stats.replies}/${stats.sent} replies, ${Math.round(stats.requestsPerSecond)} req/s, p99 ${stats.latencyMs.p99.toFixed(1)} ms, ${stats.timeouts} timeouts, ${stats.retransmissions} retransmissions`,
        detail: stats,
      });
      return stats;
    } catch (err) {
      progress.finish(1, err instanceof Error ? err.message : String(err));
      throw err;
    } finally {
      this.loads.delete(taskId);
    }
  }
}
