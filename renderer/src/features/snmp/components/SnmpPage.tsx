// The SNMP tools: a MIB-aware get / get-next / walk browser in the spirit of a MIB browser and
// snmpbulkwalk. Target (device or address + credentials) and request on the left, the result on
// the right (table, tree, "as table", CSV export), SET under its own permission and confirmation.
import { useEffect, useState } from 'react';
import { navigate, useRoute } from '../../../app/router';
import { useConnection } from '../../../lib/api';
import { startSnmpSync, useSnmp } from '../store';
import { CredentialsDialog } from './CredentialsDialog';
import { OperationPanel } from './OperationPanel';
import { ResultsPanel } from './ResultsPanel';
import { SetPanel } from './SetPanel';
import { TargetPanel } from './TargetPanel';

/** `#/snmp/device:<id>` opens the page with that device as the target (a link other pages can give). */
const DEVICE_PARAM = /^device:([0-9a-f-]{36})$/i;

export function SnmpPage() {
  const [managing, setManaging] = useState(false);
  const loadCredentials = useSnmp((s) => s.loadCredentials);
  const requestedDeviceId = useSnmp((s) => s.requestedDeviceId);
  const applyRequestedDevice = useSnmp((s) => s.applyRequestedDevice);
  const epoch = useConnection((s) => s.epoch);
  const param = useRoute((r) => r.param);

  useEffect(() => {
    startSnmpSync();
  }, []);

  // the list again after every (re)connection: another console may have changed it
  useEffect(() => {
    if (epoch > 0) void loadCredentials();
  }, [epoch, loadCredentials]);

  // a device from the route becomes a request like openSnmpFor's; the parameter is then dropped so
  // a reload does not undo what was changed since
  useEffect(() => {
    const id = param ? DEVICE_PARAM.exec(param)?.[1] : undefined;
    if (!id) return;
    useSnmp.setState({ requestedDeviceId: id.toLowerCase() });
    navigate('snmp', null, { replace: true });
  }, [param]);

  useEffect(() => {
    if (requestedDeviceId) void applyRequestedDevice();
  }, [requestedDeviceId, applyRequestedDevice]);

  return (
    <div className="snmp-page" data-testid="snmp-page">
      <div className="toolbar snmp-toolbar">
        <h1 className="snmp-title">SNMP</h1>
        <span className="muted">get, get-next and walk with MIB names; SET with confirmation</span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => setManaging(true)} data-testid="snmp-credentials-manage">
          SNMP credentials…
        </button>
      </div>
      <div className="snmp-body">
        <div className="snmp-left">
          <TargetPanel onManageCredentials={() => setManaging(true)} />
          <OperationPanel />
          <SetPanel />
        </div>
        <div className="snmp-right">
          <ResultsPanel />
        </div>
      </div>
      {managing && (
        <CredentialsDialog
          onClose={() => setManaging(false)}
          onCreated={(c) => {
            const s = useSnmp.getState();
            // a new credential is what the user means to use next, unless a device is the target
            if (s.target.mode === 'address') s.setTarget({ credentialId: c.id });
          }}
        />
      )}
    </div>
  );
}
