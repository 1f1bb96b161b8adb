// The PON page: voltctl, but visual. The VOLTHA endpoint on top; the OLT → PON port tree on the
// left (states and ONU counts from the cache); the ONU list (down first, filters, search) in the
// middle; the open OLT or ONU, live from the core, with its actions on the right. Polls and
// refreshes (`voltha.changed`) update everything in place.
import { useEffect, useRef, useState } from 'react';
import { isModalOpen, isTypingTarget } from '../../../lib/keyboard';
import { useAppInfo, useCan } from '../../appInfo/store';
import { setPonPageShown, startPonSync, usePon } from '../store';
import type { PonDevice, TreeOlt, VolthaEndpoint } from '../types';
import { DeviceDetailPanel } from './DeviceDetailPanel';
import { EndpointBar } from './EndpointBar';
import { EndpointDialog } from './EndpointDialog';
import { OltTree } from './OltTree';
import { OnuList } from './OnuList';
import { OnuToolbar } from './OnuToolbar';
import { PreprovisionDialog } from './PreprovisionDialog';

type EndpointEdit = { endpoint: VolthaEndpoint | null } | null;

export function PonPage() {
  const infoLoaded = useAppInfo((s) => s.info !== null);
  const canRead = useCan('voltha:read');
  const canManage = useCan('voltha:manage');
  const endpoints = usePon((s) => s.endpoints);
  const endpointsLoaded = usePon((s) => s.endpointsLoaded);
  const endpointsError = usePon((s) => s.endpointsError);
  const endpointId = usePon((s) => s.endpointId);
  const detailOpen = usePon((s) => s.detail !== null);
  const openDetail = usePon((s) => s.openDetail);
  const closeDetail = usePon((s) => s.closeDetail);
  const setScope = usePon((s) => s.setScope);
  const loadEndpoints = usePon((s) => s.loadEndpoints);

  const searchRef = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState<EndpointEdit>(null);
  const [preprovisioning, setPreprovisioning] = useState(false);

  useEffect(() => {
    startPonSync();
    setPonPageShown(true);
    return () => setPonPageShown(false);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isModalOpen() || isTypingTarget(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'Escape' && usePon.getState().detail) {
        e.preventDefault();
        usePon.getState().closeDetail();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const endpoint = endpoints.find((e) => e.id === endpointId) ?? null;

  const openOnu = (d: PonDevice) => void openDetail({ endpointId: d.endpointId, id: d.id }, d);
  const openOlt = (t: TreeOlt) => void openDetail({ endpointId: t.olt.endpointId, id: t.olt.id }, t.olt);

  let body;
  if (infoLoaded && !canRead) {
    body = (
      <div className="page">
        <p className="form-error" role="alert">
          Your role may not view PON devices (needs voltha:read).
        </p>
      </div>
    );
  } else if (endpointsError && endpoints.length === 0) {
    body = (
      <div className="page">
        <div className="table-message" role="alert">
          <p>Could not load the VOLTHA endpoints: {endpointsError}</p>
          <button type="button" onClick={() => void loadEndpoints()}>
            Try again
          </button>
        </div>
      </div>
    );
  } else if (endpointsLoaded && endpoints.length === 0) {
    body = (
      <div className="page">
        <div className="empty-state pon-empty" data-testid="pon-no-endpoint">
          <p>
            No VOLTHA endpoint in this workspace yet. Add the address of the VOLTHA core's API (voltha-api, often port 55555); the console
            polls it, mirrors OLTs, PON ports and ONUs into its cache and raises alarms on what goes down.
          </p>
          {canManage ? (
            <button type="button" className="primary" onClick={() => setEditing({ endpoint: null })} data-testid="pon-empty-add">
              Add a VOLTHA endpoint
            </button>
          ) : (
            <p>Ask someone with voltha:manage to add one.</p>
          )}
        </div>
      </div>
    );
  } else {
    body = (
      <div className={`pon-body${detailOpen ? ' with-detail' : ''}`}>
        <OltTree onOpenOlt={openOlt} />
        <section className="pon-main" aria-label="ONUs">
          <OnuToolbar searchRef={searchRef} />
          <OnuList onOpen={openOnu} />
        </section>
        {detailOpen && <DeviceDetailPanel onClose={closeDetail} />}
      </div>
    );
  }

  return (
    <div className="pon-page" data-testid="pon-page">
      <EndpointBar onAdd={() => setEditing({ endpoint: null })} onEdit={(e) => setEditing({ endpoint: e })} onPreprovision={() => setPreprovisioning(true)} />
      {body}
      {editing && <EndpointDialog endpoint={editing.endpoint} onClose={() => setEditing(null)} />}
      {preprovisioning && endpoint && (
        <PreprovisionDialog
          endpoint={endpoint}
          onClose={() => setPreprovisioning(false)}
          onCreated={(olt) => {
            setPreprovisioning(false);
            setScope({ oltId: olt.id, portNo: null });
            void openDetail({ endpointId: olt.endpointId, id: olt.id }, olt);
          }}
        />
      )}
    </div>
  );
}
