// The voltha.* channels: endpoints, polling into the PON mirror (on demand and, in the desktop
// and web hosts, in the background), live device detail and the actions that change a device.
import type { PonDeviceAction } from '../../../shared/domain/voltha';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { PonDevice, VolthaEndpoint } from '../../../shared/ipc/volthaSchemas';
import { HEALTH, PonRepository } from '../cache/repositories/ponRepository';
import type { EventBus } from '../events/eventBus';
import type { Workspace } from '../workspace/workspace';
import { AlarmWriter } from './ponAlarms';
import { pollEndpoint, rowOf, type PollResult } from './ponSync';
import { VolthaClient } from './volthaClient';

interface EndpointState {
  lastPollAt: number | null;
  lastError: string | null;
  version: string | null;
  polling: Promise<PollResult> | null;
}

type Counts = { total: number; active: number; down: number; disabled: number };

function emptyCounts(): Counts {
  return { total: 0, active: 0, down: 0, disabled: 0 };
}

function addCount(c: Counts, health: number, n: number): void {
  c.total += n;
  if (health === HEALTH.active) c.active += n;
  else if (health === HEALTH.down) c.down += n;
  else if (health === HEALTH.disabled) c.disabled += n;
}

export class VolthaService {
  private readonly clients = new Map<string, { key: string; client: VolthaClient }>();
  private readonly state = new Map<string, EndpointState>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    private readonly protosDir?: string,
  ) {}

  private repo(): PonRepository {
    return new PonRepository(this.workspace.sqlite, this.workspace.scope());
  }

  private stateOf(id: string): EndpointState {
    let s = this.state.get(id);
    if (!s) {
      s = { lastPollAt: null, lastError: null, version: null, polling: null };
      this.state.set(id, s);
    }
    return s;
  }

  private endpoint(id: string): Omit<VolthaEndpoint, 'lastPollAt' | 'lastError' | 'version'> {
    const e = this.repo().endpoint(id);
    if (!e) throw new NocError('NOT_FOUND', 'No such VOLTHA endpoint in this workspace.');
    return e;
  }

  /** One client per endpoint, rebuilt when its address, TLS or deadline changes. */
  private client(id: string): VolthaClient {
    const e = this.endpoint(id);
    const key = `${e.address}|${e.tls}|${e.deadlineMs}`;
    const cached = this.clients.get(id);
    if (cached?.key === key) return cached.client;
    cached?.client.close();
    const client = new VolthaClient({ address: e.address, tls: e.tls, deadlineMs: e.deadlineMs, protosDir: this.protosDir });
    this.clients.set(id, { key, client });
    return client;
  }

  listEndpoints(): VolthaEndpoint[] {
    return this.repo()
      .endpoints()
      .map((e) => {
        const s = this.stateOf(e.id);
        return { ...e, lastPollAt: s.lastPollAt, lastError: s.lastError, version: s.version };
      });
  }

  saveEndpoint(req: ParsedRequestOf<'voltha.endpoints.save'>): VolthaEndpoint {
    const { id, ...fields } = req;
    const saved = this.repo().saveEndpoint(fields, id);
    const e = this.listEndpoints().find((x) => x.id === saved);
    if (!e) throw new NocError('INTERNAL', 'endpoint vanished after saving');
    return e;
  }

  deleteEndpoint(id: string): { deleted: boolean } {
    const deleted = this.repo().deleteEndpoint(id);
    this.clients.get(id)?.client.close();
    this.clients.delete(id);
    this.state.delete(id);
    if (deleted) this.bus.emit('voltha.changed', { endpointId: id, changed: 0, at: Date.now() });
    return { deleted };
  }

  /** Polls now; a poll already running for the endpoint is joined, not doubled. */
  refresh(endpointId: string): Promise<PollResult> {
    const s = this.stateOf(endpointId);
    if (s.polling) return s.polling;
    const e = this.endpoint(endpointId);
    const client = this.client(endpointId);
    const run = (async () => {
      try {
        const r = await pollEndpoint(client, this.repo(), new AlarmWriter(this.workspace.sqlite, this.workspace.scope()), e);
        s.lastPollAt = Date.now();
        s.lastError = r.error;
        if (!r.error && s.version === null) s.version = await client.versionText().catch(() => null);
        // after every poll, changed or not: the page shows when the mirror was last confirmed
        this.bus.emit('voltha.changed', { endpointId, changed: r.changed, at: Date.now() });
        return r;
      } finally {
        s.polling = null;
      }
    })();
    s.polling = run;
    return run;
  }

  /** Background polling for the desktop and web hosts: each endpoint on its own interval. */
  startPolling(tickMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      const now = Date.now();
      let endpoints: ReturnType<PonRepository['endpoints']>;
      try {
        endpoints = this.repo().endpoints();
      } catch {
        return; // workspace closing
      }
      for (const e of endpoints) {
        const s = this.stateOf(e.id);
        if (s.polling || (s.lastPollAt !== null && now - s.lastPollAt < e.pollIntervalMs)) continue;
        this.refresh(e.id).catch((err: unknown) => {
          s.lastPollAt = Date.now();
          s.lastError = err instanceof Error ? err.message : String(err);
        });
      }
    }, tickMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const c of this.clients.values()) c.client.close();
    this.clients.clear();
  }

  tree(endpointId?: string): ResponseOf<'voltha.tree'> {
    const repo = this.repo();
    const counts = repo.onuCounts(endpointId);
    const byOlt = new Map<string, Counts>();
    const byPort = new Map<string, Counts>();
    for (const c of counts) {
      const o = byOlt.get(`${c.endpointId}|${c.parentId}`) ?? emptyCounts();
      addCount(o, c.health, c.n);
      byOlt.set(`${c.endpointId}|${c.parentId}`, o);
      const p = byPort.get(`${c.endpointId}|${c.parentId}|${c.parentPortNo}`) ?? emptyCounts();
      addCount(p, c.health, c.n);
      byPort.set(`${c.endpointId}|${c.parentId}|${c.parentPortNo}`, p);
    }
    return repo.olts(endpointId).map((olt) => ({
      olt,
      onuCounts: byOlt.get(`${olt.endpointId}|${olt.id}`) ?? emptyCounts(),
      ponPorts: repo
        .ports(olt.endpointId, olt.id)
        .filter((p) => p.type === 'PON_OLT')
        .map((p) => ({ portNo: p.portNo, label: p.label, type: p.type, adminState: p.adminState, operStatus: p.operStatus, onuCounts: byPort.get(`${olt.endpointId}|${olt.id}|${p.portNo}`) ?? emptyCounts() })),
    }));
  }

  onus(req: ParsedRequestOf<'voltha.onus.list'>): ResponseOf<'voltha.onus.list'> {
    return this.repo().onus(req);
  }

  async device(endpointId: string, id: string): Promise<ResponseOf<'voltha.device.get'>> {
    const client = this.client(endpointId);
    const cached = this.repo().device(endpointId, id);
    try {
      const [live, ports] = await Promise.all([client.device(id), client.ports(id)]);
      const row = rowOf(live);
      const device: PonDevice = {
        ...(cached ?? { inventoryDeviceId: null, inventoryDeviceName: null, subscriberId: null, subscriberName: null, subscriberAccount: null, changedAt: Date.now() }),
        endpointId,
        id: row.id,
        kind: row.kind,
        type: row.type,
        parentId: row.parentId,
        parentPortNo: row.parentPortNo,
        serialNumber: row.serialNumber,
        vendor: row.vendor,
        model: row.model,
        hostAndPort: row.hostAndPort,
        adminState: row.adminState,
        operStatus: row.operStatus,
        connectStatus: row.connectStatus,
        reason: row.reason,
      };
      return {
        device,
        ports: ports.map((p) => ({ portNo: p.port_no, label: p.label, type: p.type, adminState: p.admin_state, operStatus: p.oper_status })),
        live: true,
        error: null,
      };
    } catch (err) {
      if (err instanceof NocError && err.code === 'NOT_FOUND') throw err;
      if (!cached) throw err;
      const ports = this.repo().ports(endpointId, id).map((p) => ({ portNo: p.portNo, label: p.label, type: p.type, adminState: p.adminState, operStatus: p.operStatus }));
      return { device: cached, ports, live: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  async action(endpointId: string, id: string, action: PonDeviceAction): Promise<ResponseOf<'voltha.device.action'>> {
    const client = this.client(endpointId);
    await client.act(action, id);
    await this.refresh(endpointId).catch(() => undefined);
    return { ok: true, device: action === 'delete' ? null : (this.repo().device(endpointId, id) ?? null) };
  }

  async preprovision(req: ParsedRequestOf<'voltha.preprovision'>): Promise<PonDevice> {
    const client = this.client(req.endpointId);
    const created = await client.preprovision(req.type, req.hostAndPort);
    if (req.enable) await client.enable(created.id);
    await this.refresh(req.endpointId).catch(() => undefined);
    const row = this.repo().device(req.endpointId, created.id);
    if (row) return row;
    const r = rowOf(created);
    return {
      endpointId: req.endpointId,
      ...r,
      inventoryDeviceId: null,
      inventoryDeviceName: null,
      subscriberId: null,
      subscriberName: null,
      subscriberAccount: null,
      changedAt: Date.now(),
    };
  }

  async info(endpointId: string): Promise<ResponseOf<'voltha.info'>> {
    const client = this.client(endpointId);
    const [v, adapters] = await Promise.all([client.versionText(), client.adapters()]);
    this.stateOf(endpointId).version = v;
    return {
      version: v,
      adapters: adapters.map((a) => ({ id: a.id, vendor: a.vendor, version: a.version, type: a.type, endpoint: a.endpoint, currentReplica: a.currentReplica, totalReplicas: a.totalReplicas })),
    };
  }
}
