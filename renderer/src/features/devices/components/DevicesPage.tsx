// The Devices page: toolbar, virtualized table, detail panel, add/edit form and delete confirm.
// The open device lives in the URL (#/devices/<id>), so the palette and reloads land on it.
import { useEffect, useRef, useState } from 'react';
import type { Device } from '../../../../../shared/domain/device';
import { navigate, useRoute } from '../../../app/router';
import { isModalOpen, isTypingTarget } from '../../../lib/keyboard';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { useCan } from '../../appInfo/store';
import { useDevices } from '../store';
import { DeviceDetailPanel } from './DeviceDetailPanel';
import { DeviceFormDialog } from './DeviceFormDialog';
import { DeviceTable, rowDomId } from './DeviceTable';
import { DeviceToolbar } from './DeviceToolbar';

function focusTable(): void {
  document.querySelector<HTMLElement>('[data-testid="device-table-body"]')?.focus();
}

function closeDetail(): void {
  navigate('devices', null);
  requestAnimationFrame(focusTable);
}

type FormState = { mode: 'add' } | { mode: 'edit'; device: Device } | null;

export function DevicesPage() {
  const route = useRoute();
  const detailParam = route.page === 'devices' ? route.param : null;
  const openDetail = useDevices((s) => s.openDetail);
  const remove = useDevices((s) => s.remove);
  const canWrite = useCan('devices:write');

  const searchRef = useRef<HTMLInputElement>(null);
  const [form, setForm] = useState<FormState>(null);
  const [deleting, setDeleting] = useState<Device | null>(null);

  useEffect(() => {
    // keyboard-first: arrows work at once unless something else already has focus
    if (document.activeElement === document.body) focusTable();
  }, []);

  useEffect(() => {
    void openDetail(detailParam);
  }, [detailParam, openDetail]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isModalOpen() || isTypingTarget(e.target)) return;
      const detail = useDevices.getState().detail;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'n' && canWrite) {
        e.preventDefault();
        setForm({ mode: 'add' });
      } else if (e.key === 'e' && detail && canWrite) {
        e.preventDefault();
        setForm({ mode: 'edit', device: detail });
      } else if (e.key === 'Delete' && detail && canWrite) {
        e.preventDefault();
        setDeleting(detail);
      } else if (e.key === 'Escape' && useDevices.getState().detailId) {
        e.preventDefault();
        closeDetail();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canWrite]);

  return (
    <div className="devices-page">
      <DeviceToolbar searchRef={searchRef} onAdd={() => setForm({ mode: 'add' })} />
      <div className={`devices-body${detailParam ? ' with-detail' : ''}`}>
        <DeviceTable onOpen={(id) => navigate('devices', id)} />
        {detailParam && (
          <DeviceDetailPanel onClose={closeDetail} onEdit={(device) => setForm({ mode: 'edit', device })} onDelete={(d) => setDeleting(d)} />
        )}
      </div>
      {form && (
        <DeviceFormDialog
          device={form.mode === 'edit' ? form.device : undefined}
          onClose={() => setForm(null)}
          onSaved={(d) => {
            setForm(null);
            navigate('devices', d.id);
            requestAnimationFrame(() => document.getElementById(rowDomId(d.id))?.scrollIntoView({ block: 'nearest' }));
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete device"
          danger
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await remove(deleting.id);
            navigate('devices', null, { replace: true });
            requestAnimationFrame(focusTable);
          }}
        >
          <p>
            <strong>{deleting.name}</strong> (<span className="mono">{deleting.mgmtAddress}</span>) will be removed from the inventory of
            this workspace. Sync keeps a tombstone so other consoles remove it too.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
