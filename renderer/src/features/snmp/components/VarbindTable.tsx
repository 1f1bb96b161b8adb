// The table view: one line per varbind — OID, name, type, value (the MIB's named value or a
// duration where main gave one, the raw value in the tooltip; hex OctetStrings marked).
import type { Varbind } from '../types';
import { rawBehind, shownValue } from '../format';
import { GridHeader, VirtualRows } from './VirtualRows';

const VARBIND_COLUMNS = ['OID', 'Name', 'Type', 'Value'];

export function ValueCell({ v }: { v: Varbind }) {
  const raw = rawBehind(v);
  return (
    <span className={`snmp-value${v.encoding === 'hex' ? ' hex' : ''}`} title={raw !== null ? `${shownValue(v)} (raw ${raw})` : shownValue(v)}>
      {v.encoding === 'hex' && <span className="badge snmp-hex-mark">hex</span>}
      {shownValue(v)}
      {raw !== null && <span className="muted"> ({raw})</span>}
    </span>
  );
}

export function VarbindTable({ varbinds, resetKey, onUseOid }: { varbinds: readonly Varbind[]; resetKey: string | number; onUseOid: (oid: string) => void }) {
  return (
    <VirtualRows
      count={varbinds.length}
      resetKey={resetKey}
      ariaLabel="Varbinds"
      testId="snmp-table"
      minWidth={720}
      header={<GridHeader className="snmp-vb-grid" labels={VARBIND_COLUMNS} />}
      renderRow={(i, style) => {
        const v = varbinds[i];
        if (!v) return null;
        return (
          <div
            key={i}
            role="row"
            aria-rowindex={i + 2}
            className={`snmp-vb-grid snmp-row${i % 2 ? ' odd' : ''}`}
            style={style}
            onDoubleClick={() => onUseOid(v.oid)}
            title="Double-click to use this OID in the request"
            data-testid="snmp-row"
            data-oid={v.oid}
            data-name={v.name ?? ''}
            data-type={v.type}
            data-value={shownValue(v)}
            data-encoding={v.encoding ?? ''}
          >
            <div role="gridcell" className="cell mono" title={v.oid}>
              {v.oid}
            </div>
            <div role="gridcell" className="cell mono" title={v.name ?? ''}>
              {v.name ?? <span className="muted">—</span>}
            </div>
            <div role="gridcell" className="cell">
              {v.type}
            </div>
            <div role="gridcell" className="cell">
              <ValueCell v={v} />
            </div>
          </div>
        );
      }}
    />
  );
}
