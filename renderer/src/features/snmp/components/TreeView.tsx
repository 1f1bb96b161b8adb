// The tree view: varbinds grouped by OID prefix and MIB object (ifTable → ifDescr → ifDescr.3),
// folded where a chain has one branch. Large results open at the top level only; each line opens
// and closes with a click or the arrow keys.
import { useMemo, useState } from 'react';
import { buildOidTree, flattenTree, initialExpanded } from '../oidTree';
import type { Varbind } from '../types';
import { ValueCell } from './VarbindTable';
import { GridHeader, VirtualRows } from './VirtualRows';

const TREE_COLUMNS = ['OID / name', 'Type', 'Value'];

export function TreeView({ varbinds, resetKey }: { varbinds: readonly Varbind[]; resetKey: string | number }) {
  const roots = useMemo(() => buildOidTree(varbinds), [varbinds]);
  // expanded state belongs to this tree: a new result (new roots) starts from its own default
  const [state, setState] = useState<{ roots: typeof roots; open: Set<string> } | null>(null);
  const open = state?.roots === roots ? state.open : initialExpanded(roots, varbinds.length);
  const rows = useMemo(() => flattenTree(roots, open), [roots, open]);

  const toggle = (oid: string, to?: boolean) => {
    const next = new Set(open);
    const want = to ?? !next.has(oid);
    if (want) next.add(oid);
    else next.delete(oid);
    setState({ roots, open: next });
  };

  return (
    <VirtualRows
      count={rows.length}
      resetKey={resetKey}
      ariaLabel="Varbinds by OID"
      testId="snmp-tree"
      minWidth={640}
      header={<GridHeader className="snmp-tree-grid" labels={TREE_COLUMNS} />}
      renderRow={(i, style) => {
        const row = rows[i];
        if (!row) return null;
        const { node, depth, expanded } = row;
        const branch = node.children.length > 0;
        return (
          <div
            key={node.oid}
            role="row"
            aria-rowindex={i + 2}
            aria-level={depth + 1}
            aria-expanded={branch ? expanded : undefined}
            className={`snmp-tree-grid snmp-row${i % 2 ? ' odd' : ''}${branch ? ' branch' : ''}`}
            style={style}
            onClick={branch ? () => toggle(node.oid) : undefined}
            onKeyDown={(e) => {
              if (!branch) return;
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                toggle(node.oid, e.key === 'ArrowRight' ? true : e.key === 'ArrowLeft' ? false : undefined);
              }
            }}
            tabIndex={branch ? 0 : -1}
            data-testid="snmp-tree-row"
            data-oid={node.oid}
            data-label={node.label}
            data-branch={branch}
          >
            <div role="gridcell" className="cell snmp-tree-label" style={{ paddingLeft: 8 + depth * 16 }} title={node.oid}>
              <span className="snmp-tree-toggle" aria-hidden="true">
                {branch ? (expanded ? '▾' : '▸') : ''}
              </span>
              <span className={node.named ? 'mono' : 'mono muted'}>{node.label}</span>
              {branch && <span className="muted snmp-tree-count"> ({node.count.toLocaleString('en-US')})</span>}
            </div>
            <div role="gridcell" className="cell">
              {node.varbind?.type ?? ''}
            </div>
            <div role="gridcell" className="cell">
              {node.varbind && <ValueCell v={node.varbind} />}
            </div>
          </div>
        );
      }}
    />
  );
}
