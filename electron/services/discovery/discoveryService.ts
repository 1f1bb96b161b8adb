// Discovery (sweep, identify, follow LLDP to neighbours, record devices, interfaces and links) and
// the topology map's data (devices, links, saved positions), behind the `discovery.*` and
// `topology.*` channels. The network work is in discoveryCrawl, naming and merging links in
// linkResolver, the writes in discoveryStore.
import { NocError } from '../../../shared/ipc/errors';
import type { discoveryChannels } from '../../../shared/ipc/discoverySchemas';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { ProgressReporter, type EventBus } from '../events/eventBus';
import type { HandlersFor } from '../ipc/dispatcher';
import type { SnmpService } from '../snmp/snmpService';
import type { Workspace } from '../workspace/workspace';
import { DiscoveryCrawl } from './discoveryCrawl';
import { DiscoveryStore, type DeviceToRecord } from './discoveryStore';
import { dedupeLinks, localInterfaceName, remoteInterfaceName, type DeviceFacts, type LinkObservation } from './linkResolver';
import type { RemoteNeighbour } from './lldp';
import { expandSeeds } from './seedRange';
import { TopologyRepository } from './topologyRepository';

type RunRequest = ParsedRequestOf<'discovery.run'>;
type RunResult = ResponseOf<'discovery.run'>;

/** Sweeps wait less than interactive tools: most addresses of a range never answer. */
const SWEEP_TIMEOUT_MS = 1500;

export class DiscoveryService {
  private readonly runs = new Map<string, AbortController>();

  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    private readonly snmp: SnmpService,
  ) {}

  handlers(): HandlersFor<keyof typeof discoveryChannels> {
    return {
      'discovery.run': (req) => this.discover(req),
      'discovery.stop': (req) => this.stop(req.taskId),
      'topology.graph': () => new TopologyRepository(this.workspace.sqlite, this.workspace.scope()).graph(),
      'topology.positions.save': (req) => new TopologyRepository(this.workspace.sqlite, this.workspace.scope()).savePositions(req),
    };
  }

  async discover(req: RunRequest): Promise<RunResult> {
    if (this.workspace.tenant().isDemo) {
      throw new NocError('VALIDATION', 'This is the demo tenant: its devices are sample data and are never swept. Switch to a real tenant to run discovery.');
    }
    if (req.taskId !== undefined && this.runs.has(req.taskId)) throw new NocError('CONFLICT', `A discovery with task id ${req.taskId} is already running.`);
    const sweep = expandSeeds(req.seeds);
    const single = new Set(req.seeds.filter((s) => !s.includes('/')).map((s) => s.trim()));
    const targetFor = (host: string) =>
      this.snmp.resolve({
        host,
        ...(req.credentialId !== undefined ? { credentialId: req.credentialId } : {}),
        ...(req.credentials !== undefined ? { credentials: req.credentials } : {}),
        ...(req.port !== undefined ? { port: req.port } : {}),
        timeoutMs: req.timeoutMs ?? SWEEP_TIMEOUT_MS,
        retries: req.retries ?? 1,
      });
    // bad credentials (unknown profile, v3 without a user) fail here, before any packet
    const { maxRepetitions } = targetFor(sweep[0] ?? '127.0.0.1');
    const abort = new AbortController();
    const taskId = req.taskId;
    const progress = taskId === undefined ? undefined : new ProgressReporter(this.bus, taskId, `Discovery from ${req.seeds.join(', ')}`);
    if (taskId !== undefined) this.runs.set(taskId, abort);
    try {
      const crawl = new DiscoveryCrawl(this.snmp.engine, {
        targetFor: (a) => targetFor(a).target,
        maxRepetitions,
        followLldp: req.followLldp,
        maxDepth: req.maxDepth,
        concurrency: req.concurrency,
        rate: req.rate,
        signal: abort.signal,
        onProgress: (done, total, label) => progress?.update(done, total, label),
      });
      const found = await crawl.run(sweep, single);
      const { toRecord, observations, errors } = assemble(found.reached);
      const store = new DiscoveryStore(this.workspace.sqlite, this.workspace.scope());
      const recorded = store.record(toRecord, dedupeLinks(observations), req.credentialId ?? null, { interfaces: !found.stopped, lldpLinks: req.followLldp && !found.stopped });
      progress?.finish(found.probed, undefined, `Discovery: ${recorded.devices.length} devices, ${recorded.links.length} links`);
      return {
        devices: recorded.devices.map(({ key: _key, ...d }) => d),
        links: recorded.links,
        removed: recorded.removed,
        errors: [...found.errors, ...errors],
        probed: found.probed,
        stopped: found.stopped,
      };
    } catch (error) {
      progress?.finish(0, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      if (taskId !== undefined) this.runs.delete(taskId);
    }
  }

  stop(taskId: string): ResponseOf<'discovery.stop'> {
    const run = this.runs.get(taskId);
    run?.abort();
    return { stopping: run !== undefined };
  }

  close(): void {
    for (const r of this.runs.values()) r.abort();
    this.runs.clear();
  }
}

/**
 * Reached devices plus neighbours only heard of (recorded when they advertise a management address,
 * so the link to them is not lost), and one link observation per LLDP neighbour row.
 */
export function assemble(reached: readonly DeviceFacts[]): { toRecord: DeviceToRecord[]; observations: LinkObservation[]; errors: { address: string; message: string }[] } {
  const byAddress = new Map(reached.map((d) => [d.address, d]));
  const byChassis = new Map(reached.filter((d) => d.chassisId !== '').map((d) => [d.chassisId, d]));
  const bySysName = new Map(reached.filter((d) => d.sysName !== '').map((d) => [d.sysName, d]));
  const match = (n: RemoteNeighbour): DeviceFacts | undefined =>
    n.addresses.map((a) => byAddress.get(a)).find((d) => d !== undefined) ??
    (n.chassisId === '' ? undefined : byChassis.get(n.chassisId)) ??
    (n.sysName === '' ? undefined : bySysName.get(n.sysName));
  const toRecord: DeviceToRecord[] = reached.map((d) => ({
    key: d.key,
    name: d.sysName || d.address,
    address: d.address,
    sysObjectId: d.sysObjectId,
    sysDescr: d.sysDescr,
    reached: true,
    interfaces: d.interfaces,
  }));
  const stubs = new Map<string, DeviceToRecord>();
  const observations: LinkObservation[] = [];
  const errors: { address: string; message: string }[] = [];
  for (const d of reached) {
    for (const n of d.neighbours) {
      const local = { device: d.key, interface: localInterfaceName(d, n.localPortNum) };
      const far = match(n);
      if (far !== undefined) {
        observations.push({ local, remote: { device: far.key, interface: remoteInterfaceName(n, far) } });
        continue;
      }
      const address = n.addresses[0];
      if (address === undefined) continue; // already reported by the crawl
      const key = n.chassisId !== '' ? n.chassisId : `name:${n.sysName || address}`;
      if (!stubs.has(key)) {
        stubs.set(key, { key, name: n.sysName || address, address, sysObjectId: '', sysDescr: n.sysDesc, reached: false, interfaces: [] });
        errors.push({ address, message: `${n.sysName || address} (LLDP neighbour of ${d.sysName || d.address}) did not answer SNMP: recorded from LLDP only` });
      }
      observations.push({ local, remote: { device: key, interface: remoteInterfaceName(n, undefined) } });
    }
  }
  return { toRecord: [...toRecord, ...stubs.values()], observations, errors };
}
