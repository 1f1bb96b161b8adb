// Inventory use cases behind the devices.* channels: list, read, add, edit, delete, CSV import.
import type { Device } from '../../../shared/domain/device';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import { DeviceRepository, type DevicePage, type DeviceFields } from '../cache/repositories/deviceRepository';
import { SiteRepository } from '../cache/repositories/siteRepository';
import { EventBus, ProgressReporter } from '../events/eventBus';
import type { Workspace } from '../workspace/workspace';
import { uuidv7 } from '../util/uuidv7';
import { parseDeviceCsv } from './csvDeviceRows';

const IMPORT_BATCH = 2000;

export class DeviceService {
  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
  ) {}

  private repo(): DeviceRepository {
    return new DeviceRepository(this.workspace.sqlite, this.workspace.scope());
  }

  list(q: ParsedRequestOf<'devices.list'>): DevicePage {
    return this.repo().list(q);
  }

  get(id: string): Device {
    return this.repo().require(id);
  }

  create(input: ParsedRequestOf<'devices.create'>): Device {
    const repo = this.repo();
    if (repo.findByName(input.name)) {
      throw new NocError('VALIDATION', `A device named ${input.name} already exists.`, [{ path: 'name', message: 'a device with this name already exists' }]);
    }
    const d = repo.create(input);
    this.bus.emit('devices.changed', { ids: [d.id], reason: 'created' });
    return d;
  }

  update(req: ParsedRequestOf<'devices.update'>): Device {
    const repo = this.repo();
    if (req.patch.name) {
      const other = repo.findByName(req.patch.name);
      if (other && other.id !== req.id) throw new NocError('VALIDATION', `A device named ${req.patch.name} already exists.`, [{ path: 'name', message: 'a device with this name already exists' }]);
    }
    const d = repo.update(req.id, req.patch, req.baseVersion);
    this.bus.emit('devices.changed', { ids: [d.id], reason: 'updated' });
    return d;
  }

  delete(id: string): { id: string } {
    this.repo().softDelete(id);
    this.bus.emit('devices.changed', { ids: [id], reason: 'deleted' });
    return { id };
  }

  /**
   * Import CSV text: rows that validate are inserted (or update the device of the same name), rows
   * that do not are reported by line and skipped. Batches keep each transaction short.
   */
  import(req: ParsedRequestOf<'devices.import'>): ResponseOf<'devices.import'> {
    const { rows, errors } = parseDeviceCsv(req.csv);
    const repo = this.repo();
    const sites = new SiteRepository(this.workspace.sqlite, this.workspace.scope());
    const progress = new ProgressReporter(this.bus, req.taskId ?? uuidv7(), `Importing ${req.fileName ?? 'devices'}`);
    let imported = 0;
    let updated = 0;
    const seen = new Map<string, number>();
    for (let start = 0; start < rows.length; start += IMPORT_BATCH) {
      const batch = rows.slice(start, start + IMPORT_BATCH);
      repo.transaction(() => {
        const now = Date.now();
        for (const row of batch) {
          const dupLine = seen.get(row.input.name.toLowerCase());
          if (dupLine !== undefined) {
            errors.push({ line: row.line, message: `duplicate of line ${dupLine} (name ${row.input.name})` });
            continue;
          }
          seen.set(row.input.name.toLowerCase(), row.line);
          let siteId = row.input.siteId;
          if (row.site) {
            const site = sites.resolve(row.site);
            if (!site) {
              errors.push({ line: row.line, message: `site "${row.site}" does not exist` });
              continue;
            }
            siteId = site.id;
          }
          const fields: DeviceFields = { ...row.input, siteId };
          try {
            const existing = repo.findByName(fields.name);
            if (existing) {
              repo.updateInTransaction(existing, fields, now);
              updated++;
            } else {
              repo.insertInTransaction(fields, now);
              imported++;
            }
          } catch (err) {
            if (err instanceof NocError && err.code === 'VALIDATION') errors.push({ line: row.line, message: err.message });
            else throw err;
          }
        }
      });
      progress.update(Math.min(start + IMPORT_BATCH, rows.length), rows.length);
    }
    progress.finish(rows.length);
    errors.sort((a, b) => a.line - b.line);
    if (imported + updated > 0) this.bus.emit('devices.changed', { ids: [], reason: 'imported' });
    return { imported, updated, errors };
  }
}
