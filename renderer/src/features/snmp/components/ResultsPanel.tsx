// The last result: what was asked and what came back (count, requests, time; truncated or
// stopped said plainly), a filter, the table / tree / "as table" views and the CSV export of what
// is shown.
import { useMemo, useState } from 'react';
import { Segmented } from '../../sshCredentials/components/Segmented';
import { csvFileName, filterVarbinds, formatMs, plural, varbindsCsv } from '../format';
import { useSnmp, type SnmpResult } from '../store';
import { tableShapeOf } from '../tableShape';
import type { Varbind } from '../types';
import { AsTableView } from './AsTableView';
import { TreeView } from './TreeView';
import { VarbindTable } from './VarbindTable';

type View = 'table' | 'tree' | 'astable';

const NONE: readonly Varbind[] = [];

const OP_LABELS = { get: 'Get', getNext: 'GetNext', walk: 'Walk' } as const;

/** Saves text as a file through a temporary object URL (no round trip to the host). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // revoked later: some browsers read the URL after click() returns
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Summary({ result, shown }: { result: SnmpResult; shown: number }) {
  const total = result.varbinds.length;
  return (
    <div className="snmp-summary" data-testid="snmp-summary" data-count={total} data-truncated={result.truncated} data-stopped={result.stopped}>
      <p>
        <strong>{OP_LABELS[result.op]}</strong> <span className="mono">{result.oidText}</span> on {result.targetLabel}
      </p>
      <p className="muted">
        {plural(total, 'varbind')}
        {result.requests !== null && result.op === 'walk' ? ` in ${plural(result.requests, 'request')}` : ''}, {formatMs(result.ms)}
        {shown !== total ? ` · ${plural(shown, 'shown', 'shown')} by the filter` : ''}
      </p>
      {result.stopped && (
        <p className="badge status-degraded" data-testid="snmp-stopped">
          Stopped — showing the {plural(total, 'varbind')} received before Stop.
        </p>
      )}
      {result.truncated && !result.stopped && (
        <p className="badge status-degraded" data-testid="snmp-truncated">
          Truncated — the walk stopped at {plural(total, 'varbind')}; raise "Stop after" or walk a narrower OID.
        </p>
      )}
    </div>
  );
}

export function ResultsPanel() {
  const result = useSnmp((s) => s.result);
  const running = useSnmp((s) => s.running);
  const setOperation = useSnmp((s) => s.setOperation);
  const [view, setView] = useState<View>('table');
  const [filter, setFilter] = useState('');

  const varbinds: readonly Varbind[] = result?.varbinds ?? NONE;
  const shown = useMemo(() => filterVarbinds(varbinds, filter), [varbinds, filter]);
  const shape = useMemo(() => (result?.op === 'walk' ? tableShapeOf(shown) : null), [result, shown]);
  const active: View = view === 'astable' && !shape ? 'table' : view;

  if (!result) {
    return (
      <section className="card snmp-results snmp-results-empty" data-testid="snmp-results" data-state={running ? 'running' : 'idle'}>
        <p className="muted">{running ? 'Waiting for the agent…' : 'Pick a target, type an OID or a MIB name (system, ifTable, sysUpTime.0) and run Get or Walk.'}</p>
      </section>
    );
  }

  const views = [
    ['table', 'Table', 'table'],
    ['tree', 'Tree', 'tree'],
    ...(shape ? ([['astable', 'As table', 'astable']] as const) : []),
  ] as const satisfies readonly (readonly [View, string, string])[];

  const exportCsv = () => download(varbindsCsv(shown), csvFileName(result.oidText.split(' ')[0] ?? 'result', result.host, new Date(result.at)));

  return (
    <section className="card snmp-results" data-testid="snmp-results" data-state={running ? 'running' : 'ready'} data-seq={result.seq}>
      <Summary result={result} shown={shown.length} />
      <div className="snmp-results-toolbar">
        <Segmented label="View" value={active} options={views} onChange={setView} testIdPrefix="snmp-view" />
        <input type="search" className="snmp-filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter OID, name, type or value" aria-label="Filter the result" data-testid="snmp-filter" />
        <button type="button" onClick={exportCsv} disabled={shown.length === 0} title="oid,name,type,value of every varbind the filter leaves" data-testid="snmp-export-csv">
          Export CSV
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="muted table-message" data-testid="snmp-empty">
          {varbinds.length === 0 ? 'The agent returned nothing under this OID.' : 'No varbind matches the filter.'}
        </p>
      ) : active === 'tree' ? (
        <TreeView varbinds={shown} resetKey={result.seq} />
      ) : active === 'astable' && shape ? (
        <AsTableView shape={shape} resetKey={result.seq} />
      ) : (
        <VarbindTable varbinds={shown} resetKey={result.seq} onUseOid={(oid) => setOperation({ oid })} />
      )}
    </section>
  );
}
