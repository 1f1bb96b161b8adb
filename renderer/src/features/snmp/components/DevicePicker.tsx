// The device a request goes to, found by name or address in the inventory (devices.list search).
// The device's SNMP profile supplies version, credentials, port, timeout and retries.
import { useState } from 'react';
import { useDeviceSearch } from '../../../lib/useDeviceSearch';
import type { SnmpCredential, SnmpDevice } from '../types';

const RESULT_LIMIT = 10;

interface Props {
  id: string;
  device: SnmpDevice | null;
  credentials: readonly SnmpCredential[];
  error?: string | undefined;
  onChange: (device: SnmpDevice | null) => void;
}

export function DevicePicker({ id, device, credentials, error, onChange }: Props) {
  const [search, setSearch] = useState('');
  const results = useDeviceSearch(search, RESULT_LIMIT);

  const profileName = (profileId: string | null) => (profileId ? (credentials.find((c) => c.id === profileId)?.name ?? 'SNMP profile') : null);

  if (device) {
    const profile = profileName(device.snmpProfileId);
    return (
      <div className="snmp-device-chosen">
        <span className="filter-chip" data-testid="snmp-device-chosen" data-device-id={device.id}>
          <span className="filter-chip-value">{device.name}</span>
          <span className="muted mono">{device.mgmtAddress}</span>
          <button type="button" className="icon-button" aria-label={`Remove ${device.name}`} onClick={() => onChange(null)}>
            ×
          </button>
        </span>
        {profile ? (
          <span className="muted" data-testid="snmp-device-profile">
            via {profile}
          </span>
        ) : (
          <span className="field-error" data-testid="snmp-device-no-profile">
            No SNMP profile on this device: give it one in Devices, or use its address with credentials here.
          </span>
        )}
      </div>
    );
  }

  return (
    <div className="auto-device-search">
      <input
        id={id}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Search a device by name or address"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid="snmp-device-search"
      />
      {results && (
        <ul className="auto-device-results" role="listbox" aria-label="Devices found">
          {results.error && <li className="field-error">{results.error}</li>}
          {!results.error && results.items.length === 0 && <li className="muted">No device matches.</li>}
          {results.items.map((d) => (
            <li key={d.id} role="option" aria-selected={false}>
              <button
                type="button"
                className="ghost"
                onClick={() => {
                  onChange({ id: d.id, name: d.name, mgmtAddress: d.mgmtAddress, snmpProfileId: d.snmpProfileId });
                  setSearch('');
                }}
                data-testid="snmp-device-option"
                data-device-name={d.name}
              >
                {d.name} <span className="muted mono">{d.mgmtAddress}</span>
                {d.snmpProfileId === null && <span className="muted"> · no SNMP profile</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
