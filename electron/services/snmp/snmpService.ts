// The SNMP tools behind the `snmp.*` channels: credential profiles (vault), target resolution
// (device → its SNMP profile and address; host + profile; host + one-off credentials), get /
// get-next / walk (progress on the bus, stoppable by task id) / set (audited), and MIB search.
import type { SnmpSetType } from '../../../shared/domain/snmp';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { AuditWriter } from '../cache/repositories/auditWriter';
import { ProgressReporter, type EventBus } from '../events/eventBus';
import { liveScope } from '../ssh/sshContext';
import type { Workspace } from '../workspace/workspace';
import { searchMib } from './mib';
import { inlineTarget, SNMP_DEFAULTS } from './inlineTarget';
import { SnmpCredentialVault, type SnmpCredential } from './snmpCredentialVault';
import { SnmpEngine, toSetVarbinds, type SnmpTarget } from './snmpEngine';

type TargetInput = ParsedRequestOf<'snmp.get'>['target'];

const DEFAULTS = SNMP_DEFAULTS;

export interface ResolvedTarget {
  target: SnmpTarget;
  maxRepetitions: number;
  deviceId: string | null;
}

export class SnmpService {
  readonly engine = new SnmpEngine();
  readonly vault: SnmpCredentialVault;
  private readonly walks = new Map<string, AbortController>();

  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
  ) {
    this.vault = new SnmpCredentialVault(workspace.sqlite, liveScope(workspace), workspace.box);
  }

  credentials(): ResponseOf<'snmp.credentials.list'> {
    return this.vault.list();
  }

  saveCredential(req: ParsedRequestOf<'snmp.credentials.save'>): ResponseOf<'snmp.credentials.save'> {
    return this.vault.save(req);
  }

  deleteCredential(id: string): ResponseOf<'snmp.credentials.delete'> {
    return this.vault.delete(id);
  }

  /** Address, credentials and settings for a request: inline credentials win over a profile, a profile over the device's. */
  resolve(t: TargetInput): ResolvedTarget {
    let host = t.host;
    let profileId = t.credentialId;
    let deviceId: string | null = null;
    if (t.deviceId !== undefined) {
      const scope = this.workspace.scope();
      const d = this.workspace.sqlite
        .prepare('SELECT id, name, mgmt_address AS mgmtAddress, snmp_profile_id AS profileId FROM devices WHERE tenant_id = ? AND id = ? AND deleted_at IS NULL')
        .get(scope.tenantId, t.deviceId) as { id: string; name: string; mgmtAddress: string; profileId: string | null } | undefined;
      if (d === undefined) throw new NocError('NOT_FOUND', 'That device no longer exists.', { id: t.deviceId });
      deviceId = d.id;
      host ??= d.mgmtAddress;
      profileId ??= d.profileId ?? undefined;
      if (profileId === undefined && t.credentials === undefined) {
        throw new NocError('VALIDATION', `Device ${d.name} has no SNMP profile: choose one or give credentials.`, [{ path: 'target.credentialId', message: 'no SNMP profile' }]);
      }
    }
    if (host === undefined) throw new NocError('VALIDATION', 'give a device or a host', [{ path: 'target.host', message: 'host is required' }]);
    const profile: SnmpCredential | undefined = profileId === undefined ? undefined : this.vault.get(profileId);
    const base = {
      host,
      port: t.port ?? profile?.port ?? DEFAULTS.port,
      timeoutMs: t.timeoutMs ?? profile?.timeoutMs ?? DEFAULTS.timeoutMs,
      retries: t.retries ?? profile?.retries ?? DEFAULTS.retries,
    };
    const maxRepetitions = profile?.maxRepetitions ?? DEFAULTS.maxRepetitions;
    if (t.credentials !== undefined) return { target: inlineTarget(base, t.credentials), maxRepetitions, deviceId };
    if (profile === undefined) throw new NocError('VALIDATION', 'give a credential profile or credentials', [{ path: 'target.credentialId', message: 'credentials are required' }]);
    const secrets = this.vault.secretsOf(profile.id);
    if (profile.version !== '3') return { target: { ...base, version: profile.version, community: secrets.community }, maxRepetitions, deviceId };
    return {
      target: {
        ...base,
        version: '3',
        v3: {
          user: profile.user ?? '',
          level: profile.securityLevel ?? 'noAuthNoPriv',
          authProtocol: profile.authProtocol ?? 'sha',
          authKey: secrets.authKey,
          privProtocol: profile.privProtocol ?? 'aes',
          privKey: secrets.privKey,
        },
      },
      maxRepetitions,
      deviceId,
    };
  }

  get(req: ParsedRequestOf<'snmp.get'>): Promise<ResponseOf<'snmp.get'>> {
    return this.engine.get(this.resolve(req.target).target, req.oids);
  }

  getNext(req: ParsedRequestOf<'snmp.getNext'>): Promise<ResponseOf<'snmp.getNext'>> {
    return this.engine.getNext(this.resolve(req.target).target, req.oids);
  }

  async walk(req: ParsedRequestOf<'snmp.walk'>): Promise<ResponseOf<'snmp.walk'>> {
    const { target, maxRepetitions } = this.resolve(req.target);
    if (req.taskId !== undefined && this.walks.has(req.taskId)) throw new NocError('CONFLICT', `A walk with task id ${req.taskId} is already running.`);
    const abort = new AbortController();
    const progress = req.taskId === undefined ? undefined : new ProgressReporter(this.bus, req.taskId, `SNMP walk ${req.oid} on ${target.host}`);
    if (req.taskId !== undefined) this.walks.set(req.taskId, abort);
    try {
      const result = await this.engine.walk(target, req.oid, {
        bulk: req.bulk,
        maxRepetitions: req.maxRepetitions ?? maxRepetitions,
        limit: req.limit,
        signal: abort.signal,
        // the total is unknown until the end: report the count against the limit
        ...(progress === undefined ? {} : { onProgress: (n: number) => progress.update(n, req.limit, `SNMP walk ${req.oid}: ${n} varbinds`) }),
      });
      progress?.finish(result.varbinds.length);
      return result;
    } catch (error) {
      progress?.finish(0, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      if (req.taskId !== undefined) this.walks.delete(req.taskId);
    }
  }

  stopWalk(taskId: string): ResponseOf<'snmp.walk.stop'> {
    const walk = this.walks.get(taskId);
    walk?.abort();
    return { stopping: walk !== undefined };
  }

  async set(req: ParsedRequestOf<'snmp.set'>): Promise<ResponseOf<'snmp.set'>> {
    const { target, deviceId } = this.resolve(req.target);
    toSetVarbinds(req.varbinds); // bad values are refused before anything is sent or audited
    const audit = new AuditWriter(this.workspace.sqlite, this.workspace.scope());
    // the values written are part of the record; the credentials are not
    const details = { host: target.host, port: target.port, version: target.version, varbinds: req.varbinds.map((v) => ({ oid: v.oid, type: v.type as SnmpSetType, value: v.value })) };
    try {
      const r = await this.engine.set(target, req.varbinds);
      audit.write('snmp.set', 'devices', deviceId, { ...details, ok: true });
      return r;
    } catch (error) {
      audit.write('snmp.set', 'devices', deviceId, { ...details, ok: false, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  mibSearch(req: ParsedRequestOf<'snmp.mib.search'>): ResponseOf<'snmp.mib.search'> {
    return searchMib(req.query, req.limit);
  }

  close(): void {
    for (const w of this.walks.values()) w.abort();
    this.walks.clear();
  }
}
