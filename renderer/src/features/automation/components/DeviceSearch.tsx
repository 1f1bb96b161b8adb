// Finding devices by name or address (devices.list search), for the run targets, the backup
// selection and the template's device. `DeviceMultiPicker` keeps a list of chips; the single
// picker shows the one chosen.
import { useState } from 'react';
import type { Device } from '../../../../../shared/domain/device';
import { useDeviceSearch } from '../../../lib/useDeviceSearch';
import type { PickedDevice } from '../types';

const RESULT_LIMIT = 12;

const picked = (d: Device): PickedDevice => ({ id: d.id, name: d.name, mgmtAddress: d.mgmtAddress });

interface SearchBoxProps {
  id: string;
  testId: string;
  placeholder: string;
  /** Devices already chosen (shown as such in the results). */
  chosen: ReadonlySet<string>;
  onPick: (d: PickedDevice) => void;
  onPickAll?: ((ds: PickedDevice[]) => void) | undefined;
}

function SearchBox({ id, testId, placeholder, chosen, onPick, onPickAll }: SearchBoxProps) {
  const [search, setSearch] = useState('');
  const results = useDeviceSearch(search, RESULT_LIMIT);
  return (
    <div className="auto-device-search">
      <input
        id={id}
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
      />
      {results && (
        <ul className="auto-device-results" role="listbox" aria-label="Devices found">
          {results.error && <li className="field-error">{results.error}</li>}
          {!results.error && results.items.length === 0 && <li className="muted">No device matches.</li>}
          {onPickAll && results.items.length > 1 && (
            <li>
              <button
                type="button"
                className="ghost"
                onClick={() => {
                  onPickAll(results.items.map(picked));
                  setSearch('');
                }}
                data-testid={`${testId}-all`}
              >
                Add all {results.items.length} shown
              </button>
            </li>
          )}
          {results.items.map((d) => (
            <li key={d.id} role="option" aria-selected={chosen.has(d.id)}>
              <button
                type="button"
                className="ghost"
                disabled={chosen.has(d.id)}
                onClick={() => {
                  onPick(picked(d));
                  setSearch('');
                }}
                data-testid={`${testId}-option`}
                data-device-name={d.name}
              >
                {d.name} <span className="muted mono">{d.mgmtAddress}</span>
                {d.sshProfileId === null && <span className="muted"> · no SSH profile</span>}
                {chosen.has(d.id) && <span className="muted"> · chosen</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Chip({ d, onRemove, testId }: { d: PickedDevice; onRemove: () => void; testId: string }) {
  return (
    <span className="filter-chip" data-testid={testId} data-device-id={d.id} data-device-name={d.name}>
      <span className="filter-chip-value">{d.name}</span>
      <button type="button" className="icon-button" aria-label={`Remove ${d.name}`} onClick={onRemove}>
        ×
      </button>
    </span>
  );
}

interface MultiProps {
  id: string;
  testId: string;
  devices: PickedDevice[];
  onChange: (devices: PickedDevice[]) => void;
}

export function DeviceMultiPicker({ id, testId, devices, onChange }: MultiProps) {
  const chosen = new Set(devices.map((d) => d.id));
  const add = (ds: PickedDevice[]) => onChange([...devices, ...ds.filter((d) => !chosen.has(d.id))]);
  return (
    <div className="auto-device-picker">
      <SearchBox id={id} testId={testId} placeholder="Search devices by name or address" chosen={chosen} onPick={(d) => add([d])} onPickAll={add} />
      {devices.length > 0 && (
        <div className="auto-chips">
          {devices.map((d) => (
            <Chip key={d.id} d={d} testId={`${testId}-chosen`} onRemove={() => onChange(devices.filter((x) => x.id !== d.id))} />
          ))}
          {devices.length > 1 && (
            <button type="button" className="link-button" onClick={() => onChange([])}>
              Clear all
            </button>
          )}
        </div>
      )}
    </div>
  );
}

interface SingleProps {
  id: string;
  testId: string;
  device: PickedDevice | null;
  onChange: (device: PickedDevice | null) => void;
}

export function DevicePicker({ id, testId, device, onChange }: SingleProps) {
  if (device) return <Chip d={device} testId={`${testId}-chosen`} onRemove={() => onChange(null)} />;
  return <SearchBox id={id} testId={testId} placeholder="Search a device by name or address" chosen={new Set()} onPick={onChange} />;
}
