// Records what a discovery run found, in one transaction with the outbox entries of every synced
// row it touches (devices, interfaces, links).
//
// Identity (documented in docs and the CLI help): a discovered device is the inventory device with
// the same management address; failing that, the one device whose name equals its sysName (then its
// address is updated). Re-running therefore updates rows, never duplicates them. Interfaces are
// keyed by (device, ifIndex). A link is the same link when it joins the same two devices on the same
// interface names (either orientation); an LLDP link that kept one end but whose other end's name
// changed is updated in place.
import type Database from 'better-sqlite3';
import type { DeviceRole } from '../../../shared/domain/device';
import { withBusyRetry } from '../cache/busyRetry';
import { DeviceRepository, type DeviceFields } from '../cache/repositories/deviceRepository';
import { ChangeRecorder } from '../cache/repositories/outboxWriter';
import type { TenantScope } from '../cache/repositories/scope';
import { uuidv7 } from '../util/uuidv7';
import { identify, type Identity } from './identify';
import type { InterfaceFacts, ResolvedLink } from './linkResolver';

/** A device to record: one discovery reached, or a neighbour only heard of through LLDP. */
export interface DeviceToRecord {
  key: string;
  name: string;
  address: string;
  sysObjectId: string;
  sysDescr: string;
  reached: boolean;
  interfaces: InterfaceFacts[];
}

export interface RecordedDevice {
  id: string;
  key: string;
  name: string;
  address: string;
  vendor: string;
  model: string;
  role: DeviceRole;
  new: boolean;
}

export interface RemovedLink {
  id: string;
  a: { device: string; interface: string };
  b: { device: string; interface: string };
}

export interface RecordedLink {
  id: string;
  a: { device: string; interface: string };
  b: { device: string; interface: string };
  new: boolean;
}

interface LinkRow {
  id: string;
  version: number;
  a_device_id: string;
  a_interface: string;
  b_device_id: string;
  b_interface: string;
  source: string;
}

interface InterfaceRow {
  id: string;
  version: number;
  name: string;
  description: string;
  speed_bps: number | null;
  mac: string | null;
  admin_status: string;
  oper_status: string;
  deleted_at: number | null;
}

export class DiscoveryStore {
  private readonly devices: DeviceRepository;
  private readonly changes: ChangeRecorder;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly scope: TenantScope,
  ) {
    this.devices = new DeviceRepository(sqlite, scope);
    this.changes = new ChangeRecorder(sqlite);
  }

  /**
   * `prune`: the run completed (not stopped), so what a fully walked device no longer shows is gone:
   * its interfaces missing from its ifTable, and (with `lldp`, when neighbours were walked) the LLDP
   * links touching it that no LLDP table reported this time. Manual links are never pruned.
   */
  record(
    found: readonly DeviceToRecord[],
    links: readonly ResolvedLink[],
    snmpProfileId: string | null,
    prune: { interfaces: boolean; lldpLinks: boolean } = { interfaces: false, lldpLinks: false },
  ): { devices: RecordedDevice[]; links: RecordedLink[]; removed: { interfaces: number; links: RemovedLink[] } } {
    return withBusyRetry(() =>
      this.sqlite.transaction(() => {
        const now = Date.now();
        const devices = found.map((d) => this.recordDevice(d, d.reached ? snmpProfileId : null, now));
        const byKey = new Map(devices.map((d) => [d.key, d]));
        for (const d of found) {
          const id = byKey.get(d.key)?.id;
          if (id !== undefined) for (const i of d.interfaces) this.recordInterface(id, i, now);
        }
        const recorded: RecordedLink[] = [];
        for (const l of links) {
          const a = byKey.get(l.a.device);
          const b = byKey.get(l.b.device);
          if (a === undefined || b === undefined || a.id === b.id) continue;
          const r = this.recordLink(a.id, l.a.interface, b.id, l.b.interface, now);
          recorded.push({ id: r.id, a: { device: a.name, interface: l.a.interface }, b: { device: b.name, interface: l.b.interface }, new: r.new });
        }
        const walked = found.filter((d) => d.reached && d.interfaces.length > 0).map((d) => ({ d, id: byKey.get(d.key)?.id })).filter((x): x is { d: DeviceToRecord; id: string } => x.id !== undefined);
        let interfacesRemoved = 0;
        if (prune.interfaces) for (const { d, id } of walked) interfacesRemoved += this.pruneInterfaces(id, new Set(d.interfaces.map((i) => i.ifIndex)), now);
        const linksRemoved = prune.lldpLinks ? this.pruneLldpLinks(new Set(found.filter((d) => d.reached).map((d) => byKey.get(d.key)?.id ?? '')), new Set(recorded.map((l) => l.id)), now) : [];
        return { devices, links: recorded, removed: { interfaces: interfacesRemoved, links: linksRemoved } };
      })(),
    );
  }

  private findExisting(address: string, name: string): string | null {
    const byAddress = this.sqlite
      .prepare('SELECT id FROM devices WHERE tenant_id = ? AND mgmt_address = ? AND deleted_at IS NULL ORDER BY updated_at LIMIT 1')
      .get(this.scope.tenantId, address) as { id: string } | undefined;
    if (byAddress !== undefined) return byAddress.id;
    if (name === '') return null;
    const byName = this.sqlite.prepare('SELECT id FROM devices WHERE tenant_id = ? AND name = ? AND deleted_at IS NULL LIMIT 2').all(this.scope.tenantId, name) as { id: string }[];
    // a name shared by two devices identifies neither
    return byName.length === 1 ? (byName[0]?.id ?? null) : null;
  }

  private recordDevice(d: DeviceToRecord, snmpProfileId: string | null, now: number): RecordedDevice {
    const who: Identity = identify(d.sysObjectId, d.sysDescr);
    const existingId = this.findExisting(d.address, d.name);
    const current = existingId === null ? null : this.devices.get(existingId);
    if (current === null) {
      const fields: DeviceFields = {
        name: d.name.slice(0, 128),
        mgmtAddress: d.address,
        role: who.role,
        vendor: who.vendor,
        model: who.model,
        siteId: null,
        snmpProfileId,
        sshProfileId: null,
        // it answered SNMP just now; a neighbour only heard of is unknown until polled
        status: d.reached ? 'up' : 'unknown',
        location: '',
        notes: d.reached ? '' : 'Heard of through LLDP; not reachable by SNMP with the discovery credentials.',
      };
      const id = this.devices.insertInTransaction(fields, now);
      return { id, key: d.key, name: fields.name, address: d.address, vendor: who.vendor, model: who.model, role: who.role, new: true };
    }
    const patch: Partial<DeviceFields> = {};
    if (d.name !== '' && d.name !== current.name) patch.name = d.name.slice(0, 128);
    if (d.address !== current.mgmtAddress) patch.mgmtAddress = d.address;
    if (who.vendor !== '' && who.vendor !== current.vendor) patch.vendor = who.vendor;
    if (who.model !== '' && who.model !== current.model) patch.model = who.model;
    // a role someone chose stays; discovery only fills in "other"
    if (current.role === 'other' && who.role !== 'other') patch.role = who.role;
    if (snmpProfileId !== null && current.snmpProfileId === null) patch.snmpProfileId = snmpProfileId;
    this.devices.updateInTransaction(current, patch, now);
    return {
      id: current.id,
      key: d.key,
      name: patch.name ?? current.name,
      address: d.address,
      vendor: patch.vendor ?? current.vendor,
      model: patch.model ?? current.model,
      role: patch.role ?? current.role,
      new: false,
    };
  }

  private pruneInterfaces(deviceId: string, seen: ReadonlySet<number>, now: number): number {
    const rows = this.sqlite
      .prepare('SELECT id, version, if_index AS ifIndex FROM interfaces WHERE tenant_id = ? AND device_id = ? AND deleted_at IS NULL')
      .all(this.scope.tenantId, deviceId) as { id: string; version: number; ifIndex: number }[];
    let removed = 0;
    for (const r of rows) {
      if (seen.has(r.ifIndex)) continue;
      this.sqlite.prepare('UPDATE interfaces SET deleted_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?').run(now, now, r.id, this.scope.tenantId);
      this.changes.record(this.scope, 'interfaces', r.id, 'delete', r.version, { deletedAt: now }, now);
      removed++;
    }
    return removed;
  }

  private pruneLldpLinks(reached: ReadonlySet<string>, kept: ReadonlySet<string>, now: number): RemovedLink[] {
    const rows = this.sqlite
      .prepare(
        `SELECT l.id, l.version, l.a_device_id, l.a_interface, l.b_device_id, l.b_interface, a.name AS a_name, b.name AS b_name
         FROM links l JOIN devices a ON a.id = l.a_device_id JOIN devices b ON b.id = l.b_device_id
         WHERE l.tenant_id = ? AND l.deleted_at IS NULL AND l.source = 'lldp'`,
      )
      .all(this.scope.tenantId) as (LinkRow & { a_name: string; b_name: string })[];
    const removed: RemovedLink[] = [];
    for (const r of rows) {
      if (kept.has(r.id) || !(reached.has(r.a_device_id) || reached.has(r.b_device_id))) continue;
      this.sqlite.prepare('UPDATE links SET deleted_at = ?, updated_at = ? WHERE id = ? AND tenant_id = ?').run(now, now, r.id, this.scope.tenantId);
      this.changes.record(this.scope, 'links', r.id, 'delete', r.version, { deletedAt: now }, now);
      removed.push({ id: r.id, a: { device: r.a_name, interface: r.a_interface }, b: { device: r.b_name, interface: r.b_interface } });
    }
    return removed;
  }

  private recordInterface(deviceId: string, i: InterfaceFacts, now: number): void {
    const fields = {
      name: i.name.slice(0, 128),
      description: (i.alias || (i.descr !== i.name ? i.descr : '')).slice(0, 256),
      speedBps: i.speedBps,
      mac: i.mac,
      adminStatus: i.adminStatus,
      operStatus: i.operStatus,
    };
    const row = this.sqlite
      .prepare('SELECT id, version, name, description, speed_bps, mac, admin_status, oper_status, deleted_at FROM interfaces WHERE tenant_id = ? AND device_id = ? AND if_index = ?')
      .get(this.scope.tenantId, deviceId, i.ifIndex) as InterfaceRow | undefined;
    if (row === undefined) {
      const id = uuidv7();
      this.sqlite
        .prepare(
          `INSERT INTO interfaces (id, tenant_id, version, updated_at, device_id, if_index, name, description, speed_bps, mac, admin_status, oper_status)
           VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, this.scope.tenantId, now, deviceId, i.ifIndex, fields.name, fields.description, fields.speedBps, fields.mac, fields.adminStatus, fields.operStatus);
      this.changes.record(this.scope, 'interfaces', id, 'insert', 0, { deviceId, ifIndex: i.ifIndex, ...fields }, now);
      return;
    }
    const before = { name: row.name, description: row.description, speedBps: row.speed_bps, mac: row.mac, adminStatus: row.admin_status, operStatus: row.oper_status };
    const patch: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([k, v]) => before[k as keyof typeof before] !== v));
    if (row.deleted_at !== null) patch.deletedAt = null;
    if (Object.keys(patch).length === 0) return;
    this.sqlite
      .prepare(
        `UPDATE interfaces SET name = ?, description = ?, speed_bps = ?, mac = ?, admin_status = ?, oper_status = ?, deleted_at = NULL, updated_at = ?
         WHERE id = ? AND tenant_id = ?`,
      )
      .run(fields.name, fields.description, fields.speedBps, fields.mac, fields.adminStatus, fields.operStatus, now, row.id, this.scope.tenantId);
    this.changes.record(this.scope, 'interfaces', row.id, 'update', row.version, patch, now);
  }

  private recordLink(aId: string, aIf: string, bId: string, bIf: string, now: number): { id: string; new: boolean } {
    const rows = this.sqlite
      .prepare(
        `SELECT id, version, a_device_id, a_interface, b_device_id, b_interface, source FROM links
         WHERE tenant_id = ? AND deleted_at IS NULL AND ((a_device_id = ? AND b_device_id = ?) OR (a_device_id = ? AND b_device_id = ?))`,
      )
      .all(this.scope.tenantId, aId, bId, bId, aId) as LinkRow[];
    // each row seen from our a/b orientation
    const oriented = rows.map((r) => (r.a_device_id === aId ? { r, x: r.a_interface, y: r.b_interface, flipped: false } : { r, x: r.b_interface, y: r.a_interface, flipped: true }));
    const exact = oriented.find((o) => o.x === aIf && o.y === bIf);
    if (exact !== undefined) return { id: exact.r.id, new: false };
    const oneEnd = oriented.find((o) => o.r.source === 'lldp' && (o.x === aIf || o.y === bIf));
    if (oneEnd !== undefined) {
      const [newA, newB] = oneEnd.flipped ? [bIf, aIf] : [aIf, bIf];
      this.sqlite.prepare('UPDATE links SET a_interface = ?, b_interface = ?, updated_at = ? WHERE id = ? AND tenant_id = ?').run(newA, newB, now, oneEnd.r.id, this.scope.tenantId);
      this.changes.record(this.scope, 'links', oneEnd.r.id, 'update', oneEnd.r.version, { aInterface: newA, bInterface: newB }, now);
      return { id: oneEnd.r.id, new: false };
    }
    const id = uuidv7();
    this.sqlite
      .prepare(
        `INSERT INTO links (id, tenant_id, version, updated_at, a_device_id, a_interface, b_device_id, b_interface, kind, source)
         VALUES (?, ?, 0, ?, ?, ?, ?, ?, 'ethernet', 'lldp')`,
      )
      .run(id, this.scope.tenantId, now, aId, aIf, bId, bIf);
    this.changes.record(this.scope, 'links', id, 'insert', 0, { aDeviceId: aId, aInterface: aIf, bDeviceId: bId, bInterface: bIf, kind: 'ethernet', source: 'lldp' }, now);
    return { id, new: true };
  }
}
