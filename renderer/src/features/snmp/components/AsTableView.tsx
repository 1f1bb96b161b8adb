// The "as table" view of a table walk: rows by instance index, columns by column name, the way
// `snmptable` prints ifTable.
import type { TableShape } from '../tableShape';
import { shownValue } from '../format';
import { ValueCell } from './VarbindTable';
import { VirtualRows } from './VirtualRows';

const INDEX_WIDTH = 90;
const COLUMN_WIDTH = 150;

export function AsTableView({ shape, resetKey }: { shape: TableShape; resetKey: string | number }) {
  const template = `${INDEX_WIDTH}px repeat(${shape.columns.length}, minmax(${COLUMN_WIDTH}px, 1fr))`;
  return (
    <VirtualRows
      count={shape.rows.length}
      resetKey={resetKey}
      ariaLabel="Walk as a table"
      testId="snmp-astable"
      minWidth={INDEX_WIDTH + shape.columns.length * COLUMN_WIDTH}
      header={
        <div className="snmp-astable-grid" role="row" style={{ gridTemplateColumns: template }}>
          <div role="columnheader" className="cell">
            Index
          </div>
          {shape.columns.map((c) => (
            <div key={c.oid} role="columnheader" className="cell mono" title={c.oid} data-testid="snmp-astable-column">
              {c.name}
            </div>
          ))}
        </div>
      }
      renderRow={(i, style) => {
        const row = shape.rows[i];
        if (!row) return null;
        return (
          <div
            key={row.index}
            role="row"
            aria-rowindex={i + 2}
            className={`snmp-astable-grid snmp-row${i % 2 ? ' odd' : ''}`}
            style={{ ...style, gridTemplateColumns: template }}
            data-testid="snmp-astable-row"
            data-index={row.index}
          >
            <div role="gridcell" className="cell mono">
              {row.index}
            </div>
            {row.cells.map((v, c) => (
              <div key={c} role="gridcell" className="cell" data-column={shape.columns[c]?.name} data-value={v ? shownValue(v) : ''}>
                {v ? <ValueCell v={v} /> : <span className="muted">—</span>}
              </div>
            ))}
          </div>
        );
      }}
    />
  );
}
