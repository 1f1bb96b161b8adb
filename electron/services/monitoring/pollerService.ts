// The SNMP poller: every monitored device (non-deleted, with an SNMP profile, not in maintenance,
// in the active tenant unless it is a demo tenant — demo devices are sample data and are never
// polled) on its interval, with bounded concurrency. Each poll stores a device sample, interface
// rates from counter deltas, and the state the next poll needs; derives the device status (written
// to the synced devices table with its outbox entry only when it changes) and raises or clears
// the poller's alarms. Settings: poller.intervalMs (60 s), poller.concurrency (32),
// poller.slowMs (1 s round trip = degraded), poller.cpuThresholdPct (90), poller.deadlineMs.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DeviceStatus } from '../../../shared/domain/device';
import { NocError } from '../../../shared/ipc/errors';
import type { pollerChannels } from '../../../shared/ipc/pollerSchemas';
import type { EventOf, ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { AlarmService } from '../alarms/alarmService';
import { DeviceRepository } from '../cache/repositories/deviceRepository';
import type { EventBus } from '../events/eventBus';
import type { HandlersFor } from '../ipc/dispatcher';
import type { ResolvedTarget, SnmpService } from '../snmp/snmpService';
import type { Workspace } from '../workspace/workspace';
import { interfaceRate } from './counterRates';
import { healthOf, wantedAlarms, type HealthThresholds } from './deviceHealth';
import { pollDevice, type DevicePoll } from './pollDevice';
import { PollSession } from './pollSession';
import { countersOf, HOUR_MS, SampleStore, type InterfaceRateRow, type InterfaceState, type PollState } from './sampleStore';
import { CycleLoop, mapPool } from './scheduler';

export type PollResult = ResponseOf<'poller.pollNow'>['results'][number];
export type CycleSummary = EventOf<'poller.cycle'>;

interface MonitoredDevice {
  id: string;
  name: string;
  mgmtAddress: string;
  profileId: string;
  status: DeviceStatus;
}

/** What one cycle or one pollNow shares: resolved targets and addresses, status changes to announce. */
interface PollContext {
  tenantId: string;
  targets: Map<string, ResolvedTarget | NocError>;
  addresses: Map<string, Promise<string>>;
  changed: string[];
  thresholds: HealthThresholds;
  deadlineMs: number | null;
  intervalMs: number;
}

const SAMPLE_EVENT_INTERFACES = 256;
const MONITORED_SQL = `SELECT d.id, d.name, d.mgmt_address AS mgmtAddress, d.snmp_profile_id AS profileId, d.status
  FROM devices d JOIN tenants t ON t.id = d.tenant_id
  WHERE d.tenant_id = ? AND d.deleted_at IS NULL AND d.snmp_profile_id IS NOT NULL AND d.status <> 'maintenance' AND t.is_demo = 0 AND t.deleted_at IS NULL`;

export class PollerService {
  private readonly store: SampleStore;
  private readonly loop: CycleLoop;
  private readonly inFlight = new Map<string, Promise<PollResult>>();
  private cycle = 0;
  private closed = false;
  private lastCycle: CycleSummary | null = null;

  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    private readonly snmp: SnmpService,
    private readonly alarms: AlarmService,
  ) {
    this.store = new SampleStore(workspace.sqlite);
    this.loop = new CycleLoop(
      async () => {
        await this.runCycle();
      },
      () => this.intervalMs(),
      (error) => {
        if (!this.closed) console.error('poll cycle failed:', error instanceof Error ? error.message : error);
      },
    );
  }

  /** Starts the schedule (the desktop and web hosts call this; the CLI polls on request). */
  start(): void {
    this.loop.start();
  }

  private setting(key: string, fallback: number, min: number, max: number): number {
    const text = this.workspace.getSetting(key);
    const v = text === null ? NaN : Number(text);
    return Number.isFinite(v) && v >= min && v <= max ? v : fallback;
  }

  intervalMs(): number {
    return this.setting('poller.intervalMs', 60_000, 1000, 86_400_000);
  }

  private concurrency(): number {
    return this.setting('poller.concurrency', 32, 1, 256);
  }

  private context(): PollContext {
    const deadline = this.workspace.getSetting('poller.deadlineMs');
    return {
      tenantId: this.workspace.scope().tenantId,
      targets: new Map(),
      addresses: new Map(),
      changed: [],
      thresholds: { slowMs: this.setting('poller.slowMs', 1000, 1, 600_000), cpuPct: this.setting('poller.cpuThresholdPct', 90, 1, 100) },
      deadlineMs: deadline === null ? null : this.setting('poller.deadlineMs', 30_000, 100, 600_000),
      intervalMs: this.intervalMs(),
    };
  }

  monitoredDevices(): MonitoredDevice[] {
    return this.workspace.sqlite.prepare(MONITORED_SQL).all(this.workspace.scope().tenantId) as MonitoredDevice[];
  }

  /** One cycle over every monitored device; emits `poller.cycle` with its summary. */
  async runCycle(concurrency = this.concurrency()): Promise<{ summary: CycleSummary; results: PollResult[] }> {
    const startedAt = Date.now();
    const devices = this.monitoredDevices();
    const results = await this.pollMany(devices, concurrency);
    const summary: CycleSummary = {
      cycle: ++this.cycle,
      startedAt,
      devices: devices.length,
      ok: results.filter((r) => r.reachable).length,
      failed: results.filter((r) => !r.reachable).length,
      slow: results.filter((r) => r.slow).length,
      durationMs: Date.now() - startedAt,
    };
    this.lastCycle = summary;
    this.bus.emit('poller.cycle', summary);
    this.maintainIfDue(Date.now());
    return { summary, results };
  }

  /** Roll-ups and pruning, at most once an hour whatever the interval. */
  maintainIfDue(now: number, force = false): void {
    const last = Number(this.workspace.getSetting('poller.maintainedAt') ?? 0);
    if (!force && now - last < HOUR_MS) return;
    const r = this.store.maintain(now, Number(this.workspace.getSetting('poller.rolledUpTo') ?? 0));
    this.workspace.setSetting('poller.rolledUpTo', String(r.rolledUpTo));
    this.workspace.setSetting('poller.maintainedAt', String(now));
  }

  private async pollMany(devices: MonitoredDevice[], concurrency: number): Promise<PollResult[]> {
    const ctx = this.context();
    const results = await mapPool(devices, concurrency, (d) => this.pollOnce(d, ctx));
    if (ctx.changed.length > 0) this.bus.emit('devices.changed', { ids: ctx.changed, reason: 'updated' });
    return results;
  }

  /** Polls now: the given devices (each must be monitored) or all monitored devices. */
  async pollNow(req: ParsedRequestOf<'poller.pollNow'>): Promise<ResponseOf<'poller.pollNow'>> {
    const t0 = Date.now();
    const devices = req.all === true ? this.monitoredDevices() : this.requireMonitored(req.deviceIds ?? []);
    const results = await this.pollMany(devices, req.concurrency ?? this.concurrency());
    return { results, durationMs: Date.now() - t0 };
  }

  private requireMonitored(ids: string[]): MonitoredDevice[] {
    const monitored = new Map(this.monitoredDevices().map((d) => [d.id, d]));
    return [...new Set(ids)].map((id) => {
      const d = monitored.get(id);
      if (d !== undefined) return d;
      const row = this.workspace.sqlite
        .prepare('SELECT d.name, d.snmp_profile_id AS profileId, d.status, t.is_demo AS isDemo FROM devices d JOIN tenants t ON t.id = d.tenant_id WHERE d.tenant_id = ? AND d.id = ? AND d.deleted_at IS NULL')
        .get(this.workspace.scope().tenantId, id) as { name: string; profileId: string | null; status: string; isDemo: number } | undefined;
      if (row === undefined) throw new NocError('NOT_FOUND', 'That device no longer exists.', { id });
      const why = row.isDemo === 1 ? 'is demo data (demo devices are never polled)' : row.profileId === null ? 'has no SNMP profile' : 'is in maintenance';
      throw new NocError('VALIDATION', `Device ${row.name} ${why}.`, [{ path: 'deviceIds', message: why }]);
    });
  }

  /** One poll of one device; a second request for a device already being polled shares the first. */
  private pollOnce(d: MonitoredDevice, ctx: PollContext): Promise<PollResult> {
    const running = this.inFlight.get(d.id);
    if (running !== undefined) return running;
    const p = this.poll(d, ctx).finally(() => this.inFlight.delete(d.id));
    this.inFlight.set(d.id, p);
    return p;
  }

  private targetOf(d: MonitoredDevice, ctx: PollContext): ResolvedTarget {
    let t = ctx.targets.get(d.profileId);
    if (t === undefined) {
      try {
        // credentials are resolved (and unsealed) once per profile per cycle, not per device
        t = this.snmp.resolve({ host: d.mgmtAddress, credentialId: d.profileId });
      } catch (error) {
        t = error instanceof NocError ? error : new NocError('UNAVAILABLE', String(error));
      }
      ctx.targets.set(d.profileId, t);
    }
    if (t instanceof NocError) throw t;
    return { ...t, target: { ...t.target, host: d.mgmtAddress }, deviceId: d.id };
  }

  private address(host: string, ctx: PollContext): Promise<string> {
    let a = ctx.addresses.get(host);
    if (a === undefined) {
      a =
        isIP(host) !== 0
          ? Promise.resolve(host)
          : lookup(host).then(
              (r) => r.address,
              (error: NodeJS.ErrnoException) => {
                throw new NocError('UNAVAILABLE', `cannot resolve ${host} (${error.code ?? 'error'})`, { host });
              },
            );
      ctx.addresses.set(host, a);
    }
    return a;
  }

  private async poll(d: MonitoredDevice, ctx: PollContext): Promise<PollResult> {
    let resolved: ResolvedTarget;
    let address: string;
    try {
      resolved = this.targetOf(d, ctx);
      address = await this.address(resolved.target.host, ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { deviceId: d.id, name: d.name, at: Date.now(), status: null, reachable: false, slow: false, rttMs: null, uptimeTicks: null, sysName: null, cpuPct: null, memPct: null, error: message, interfaces: [] };
    }
    const t = resolved.target;
    const deadlineMs = ctx.deadlineMs ?? Math.min(ctx.intervalMs, Math.max(5000, 3 * t.timeoutMs * (t.retries + 1)));
    const poll = await pollDevice(new PollSession(t, address), { maxRepetitions: resolved.maxRepetitions, deadlineMs });
    // a poll that finishes after close() (the host is shutting down) has no cache to write to
    if (this.closed) throw new NocError('UNAVAILABLE', 'the poller was closed');
    return this.record(d, poll, ctx);
  }

  /** Rates, samples, state, alarms, status and the live event for one finished poll. */
  private record(d: MonitoredDevice, poll: DevicePoll, ctx: PollContext): PollResult {
    const prev = this.store.state(ctx.tenantId, d.id);
    const health = healthOf(poll, ctx.thresholds);
    const rates: InterfaceRateRow[] = [];
    const interfaces: InterfaceState[] = poll.interfaces.map((i) => {
      let inBps: number | null = null;
      let outBps: number | null = null;
      const before = countersOf(prev, i.ifIndex);
      if (poll.reachable && before !== null && prev?.countersAt != null && i.inOctets !== null && i.outOctets !== null) {
        const r = interfaceRate(
          { at: prev.countersAt, uptimeTicks: prev.uptimeTicks, ...before },
          { at: poll.at, uptimeTicks: poll.uptimeTicks, in: i.inOctets, out: i.outOctets, bits: i.bits },
          i.speedBps,
        );
        if (r.ok) {
          ({ inBps, outBps } = r);
          rates.push({ ifIndex: i.ifIndex, inBps, outBps });
        }
      }
      return { ifIndex: i.ifIndex, name: i.name, adminStatus: i.adminStatus, operStatus: i.operStatus, speedBps: i.speedBps, inBps, outBps };
    });
    const answeredFully = poll.reachable && !poll.timedOut;
    const counters: PollState['counters'] = {};
    if (answeredFully) for (const i of poll.interfaces) if (i.inOctets !== null && i.outOctets !== null) counters[String(i.ifIndex)] = { in: i.inOctets.toString(), out: i.outOctets.toString(), bits: i.bits };
    const state: PollState = {
      at: poll.at,
      status: health.status,
      rttMs: poll.rttMs,
      error: poll.error,
      sysName: poll.sysName ?? prev?.sysName ?? null,
      sysDescr: poll.sysDescr ?? prev?.sysDescr ?? null,
      sysObjectId: poll.sysObjectId ?? prev?.sysObjectId ?? null,
      cpuPct: poll.cpuPct,
      memPct: poll.memPct,
      // a poll without a full answer keeps the last good counters: the next rate spans the gap
      countersAt: answeredFully ? poll.at : (prev?.countersAt ?? null),
      uptimeTicks: answeredFully ? poll.uptimeTicks : (prev?.uptimeTicks ?? null),
      counters: answeredFully ? counters : (prev?.counters ?? {}),
      interfaces: answeredFully ? interfaces : (prev?.interfaces ?? []),
      alarms: this.syncAlarms(d, poll, health, prev?.alarms ?? [], ctx),
    };
    this.store.save(ctx.tenantId, d.id, { at: poll.at, reachable: poll.reachable, rttMs: poll.rttMs, uptimeTicks: poll.uptimeTicks, cpuPct: poll.cpuPct, memPct: poll.memPct }, rates, state);
    this.updateStatus(d, health.status, ctx);
    this.bus.emit('poller.sample', {
      deviceId: d.id,
      at: poll.at,
      status: health.status,
      rttMs: poll.rttMs,
      interfaceCount: interfaces.length,
      interfaces: interfaces.slice(0, SAMPLE_EVENT_INTERFACES).map((i) => ({ ifIndex: i.ifIndex, name: i.name, operStatus: i.operStatus, inBps: i.inBps, outBps: i.outBps })),
    });
    return {
      deviceId: d.id,
      name: d.name,
      at: poll.at,
      status: health.status,
      reachable: poll.reachable,
      slow: health.slow,
      rttMs: poll.rttMs,
      uptimeTicks: poll.uptimeTicks,
      sysName: poll.sysName,
      cpuPct: poll.cpuPct,
      memPct: poll.memPct,
      error: poll.error,
      interfaces: state.interfaces,
    };
  }

  /**
   * Raises the alarms this poll calls for that are not open yet and clears the ones it no longer
   * calls for; returns the keys left open. Raising only on the transition keeps a device that
   * stays down from writing a synced alarm row every cycle.
   */
  private syncAlarms(d: MonitoredDevice, poll: DevicePoll, health: ReturnType<typeof healthOf>, open: string[], ctx: PollContext): string[] {
    const wanted = wantedAlarms(d.id, d.name, poll, health, ctx.thresholds);
    const wantedKeys = new Set(wanted.open.map((a) => a.dedupKey));
    const still = new Set(open);
    for (const alarm of wanted.open) {
      if (still.has(alarm.dedupKey)) continue;
      try {
        this.alarms.raise(alarm);
        still.add(alarm.dedupKey);
      } catch (error) {
        console.error(`poller: raising ${alarm.dedupKey} failed:`, error instanceof Error ? error.message : error);
      }
    }
    for (const key of open) {
      if (wantedKeys.has(key) || !wanted.judged(key)) continue;
      try {
        this.alarms.clear(key, `cleared by poll of ${d.name}`);
        still.delete(key);
      } catch (error) {
        console.error(`poller: clearing ${key} failed:`, error instanceof Error ? error.message : error);
      }
    }
    return [...still];
  }

  private updateStatus(d: MonitoredDevice, status: DeviceStatus, ctx: PollContext): void {
    if (d.status === status) return;
    try {
      // the repository writes the row and its outbox entry in one transaction
      new DeviceRepository(this.workspace.sqlite, { tenantId: ctx.tenantId, actor: 'poller' }).update(d.id, { status });
      d.status = status;
      ctx.changed.push(d.id);
    } catch (error) {
      // deleted or set to maintenance meanwhile: the next cycle no longer polls it
      console.error(`poller: status of ${d.name} not updated:`, error instanceof Error ? error.message : error);
    }
  }

  status(): ResponseOf<'poller.status'> {
    return { running: this.loop.running, intervalMs: this.intervalMs(), concurrency: this.concurrency(), monitoredDevices: this.monitoredDevices().length, lastCycle: this.lastCycle };
  }

  samples(req: ParsedRequestOf<'poller.samples'>): ResponseOf<'poller.samples'> {
    const tenantId = this.workspace.scope().tenantId;
    if (req.ifIndex === undefined) {
      return { deviceId: req.deviceId, ifIndex: null, resolution: 'raw', interface: [], device: this.store.deviceSeries(tenantId, req.deviceId, req.from, req.to, req.limit) };
    }
    const s = this.store.interfaceSeries(tenantId, req.deviceId, req.ifIndex, req.from, req.to, Date.now(), req.limit);
    return { deviceId: req.deviceId, ifIndex: req.ifIndex, resolution: s.resolution, interface: s.points, device: [] };
  }

  interfaces(deviceId: string): ResponseOf<'poller.interfaces'> {
    const s = this.store.state(this.workspace.scope().tenantId, deviceId);
    return { deviceId, at: s?.at ?? null, status: s?.status ?? null, rttMs: s?.rttMs ?? null, cpuPct: s?.cpuPct ?? null, memPct: s?.memPct ?? null, interfaces: s?.interfaces ?? [] };
  }

  handlers(): HandlersFor<keyof typeof pollerChannels> {
    return {
      'poller.status': () => this.status(),
      'poller.pollNow': (req) => this.pollNow(req),
      'poller.samples': (req) => this.samples(req),
      'poller.interfaces': (req) => this.interfaces(req.deviceId),
    };
  }

  close(): void {
    this.closed = true;
    void this.loop.stop();
  }
}
