// The OLT → PON port tree of the endpoint, from the cache: states and ONU counts per OLT and per
// PON port. Selecting a row narrows the ONU list; ⓘ opens the OLT (live, with its actions).
// Keyboard: Up/Down move between rows, Right/Left open/close an OLT, Enter/Space select.
import type { KeyboardEvent } from 'react';
import { formatCount } from '../../../lib/format';
import { oltState } from '../format';
import { ALL_SCOPE, usePon, type Scope } from '../store';
import type { OnuCounts, TreeOlt } from '../types';
import { StateBadge } from './StateBadge';

export function sumCounts(tree: readonly TreeOlt[]): OnuCounts {
  const c: OnuCounts = { total: 0, active: 0, down: 0, disabled: 0 };
  for (const t of tree) {
    c.total += t.onuCounts.total;
    c.active += t.onuCounts.active;
    c.down += t.onuCounts.down;
    c.disabled += t.onuCounts.disabled;
  }
  return c;
}

/** total · active · down · disabled, the raw numbers in data attributes. */
export function Counts({ c, testId }: { c: OnuCounts; testId?: string }) {
  return (
    <span
      className="pon-counts"
      data-testid={testId}
      data-total={c.total}
      data-active={c.active}
      data-down={c.down}
      data-disabled={c.disabled}
      title={`${formatCount(c.total)} ONUs: ${formatCount(c.active)} active, ${formatCount(c.down)} down, ${formatCount(c.disabled)} disabled`}
    >
      <span className="pon-count-total">{formatCount(c.total)}</span>
      <span className="pon-count tone-ok">
        <span aria-hidden="true">▲</span>
        {formatCount(c.active)}
      </span>
      <span className={`pon-count${c.down > 0 ? ' tone-bad' : ' zero'}`}>
        <span aria-hidden="true">▼</span>
        {formatCount(c.down)}
      </span>
      <span className={`pon-count${c.disabled > 0 ? ' tone-off' : ' zero'}`}>
        <span aria-hidden="true">■</span>
        {formatCount(c.disabled)}
      </span>
    </span>
  );
}

function focusRow(from: HTMLElement, step: 1 | -1): void {
  const tree = from.closest('[role="tree"]');
  if (!tree) return;
  const rows = [...tree.querySelectorAll<HTMLElement>('[data-tree-row]')];
  const i = rows.indexOf(from);
  rows[Math.max(0, Math.min(rows.length - 1, i + step))]?.focus();
}

interface OltTreeProps {
  onOpenOlt: (olt: TreeOlt) => void;
}

export function OltTree({ onOpenOlt }: OltTreeProps) {
  const tree = usePon((s) => s.tree);
  const treeLoaded = usePon((s) => s.treeLoaded);
  const treeError = usePon((s) => s.treeError);
  const scope = usePon((s) => s.scope);
  const expanded = usePon((s) => s.expanded);
  const setScope = usePon((s) => s.setScope);
  const setExpanded = usePon((s) => s.setExpanded);
  const openId = usePon((s) => (s.detail && !s.detail.deleted ? s.detail.id : null));

  const rowKeys = (e: KeyboardEvent<HTMLElement>, target: Scope, olt?: TreeOlt) => {
    switch (e.key) {
      case 'Enter':
      case ' ':
        setScope(target);
        break;
      case 'ArrowDown':
        focusRow(e.currentTarget, 1);
        break;
      case 'ArrowUp':
        focusRow(e.currentTarget, -1);
        break;
      case 'ArrowRight':
        if (olt) setExpanded(olt.olt.id, true);
        break;
      case 'ArrowLeft':
        if (olt) setExpanded(olt.olt.id, false);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const all = sumCounts(tree);

  return (
    <nav className="pon-tree" aria-label="OLTs and PON ports" data-testid="pon-tree" data-state={treeLoaded ? (treeError ? 'error' : 'ready') : 'loading'}>
      <div className="pon-tree-head">
        <span>OLTs</span>
        <span className="muted" data-testid="pon-olt-count" data-count={tree.length}>
          {formatCount(tree.length)}
        </span>
      </div>
      {treeError && (
        <p className="form-error pon-tree-error" role="alert">
          {treeError}
        </p>
      )}
      <ul className="pon-tree-list" role="tree" aria-label="OLTs">
        <li role="none">
          <div
            role="treeitem"
            aria-selected={scope.oltId === null}
            tabIndex={0}
            data-tree-row
            className={`pon-tree-row pon-all-row${scope.oltId === null ? ' selected' : ''}`}
            onClick={() => setScope(ALL_SCOPE)}
            onKeyDown={(e) => rowKeys(e, ALL_SCOPE)}
            data-testid="pon-olt-all"
          >
            <span className="pon-all-label">All OLTs</span>
            <Counts c={all} testId="pon-all-counts" />
          </div>
        </li>
        {tree.map((t) => {
          const o = t.olt;
          const open = expanded[o.id] ?? false;
          const selected = scope.oltId === o.id && scope.portNo === null;
          const state = oltState(o);
          return (
            <li key={o.id} role="none">
              <div
                role="treeitem"
                aria-selected={selected}
                aria-expanded={t.ponPorts.length ? open : undefined}
                tabIndex={0}
                data-tree-row
                className={`pon-tree-row pon-olt-row state-${state}${selected ? ' selected' : ''}${openId === o.id ? ' open' : ''}`}
                onClick={() => setScope({ oltId: o.id, portNo: null })}
                onKeyDown={(e) => rowKeys(e, { oltId: o.id, portNo: null }, t)}
                data-testid="pon-olt-row"
                data-olt-id={o.id}
                data-serial={o.serialNumber}
                data-host-and-port={o.hostAndPort}
                data-state={state}
                data-admin={o.adminState}
                data-oper={o.operStatus}
                data-connect={o.connectStatus}
              >
                <button
                  type="button"
                  className="icon-button pon-toggle"
                  aria-label={open ? 'Hide PON ports' : 'Show PON ports'}
                  tabIndex={-1}
                  disabled={t.ponPorts.length === 0}
                  onClick={(e) => {
                    e.stopPropagation();
                    setExpanded(o.id, !open);
                  }}
                  data-testid="pon-olt-toggle"
                >
                  {open ? '▾' : '▸'}
                </button>
                <div className="pon-olt-main">
                  <div className="pon-olt-line">
                    <span className="mono pon-olt-serial" title={`OLT ${o.id}`}>
                      {o.serialNumber || o.id}
                    </span>
                    <span className="mono muted pon-olt-host" title="host_and_port">
                      {o.hostAndPort}
                    </span>
                  </div>
                  <div className="pon-olt-line">
                    <StateBadge kind="admin" state={o.adminState} compact />
                    <StateBadge kind="oper" state={o.operStatus} compact />
                    <StateBadge kind="connect" state={o.connectStatus} compact />
                  </div>
                </div>
                <Counts c={t.onuCounts} testId="pon-olt-counts" />
                <button
                  type="button"
                  className="icon-button pon-open"
                  aria-label={`Open OLT ${o.serialNumber || o.id}`}
                  title="Details and actions"
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpenOlt(t);
                  }}
                  data-testid="pon-olt-open"
                >
                  i
                </button>
              </div>
              {open && t.ponPorts.length > 0 && (
                <ul role="group" className="pon-port-list">
                  {t.ponPorts.map((p) => {
                    const pSelected = scope.oltId === o.id && scope.portNo === p.portNo;
                    const target = { oltId: o.id, portNo: p.portNo };
                    return (
                      <li key={p.portNo} role="none">
                        <div
                          role="treeitem"
                          aria-selected={pSelected}
                          tabIndex={0}
                          data-tree-row
                          className={`pon-tree-row pon-port-row${pSelected ? ' selected' : ''}`}
                          onClick={() => setScope(target)}
                          onKeyDown={(e) => rowKeys(e, target, t)}
                          data-testid="pon-port-row"
                          data-olt-id={o.id}
                          data-port-no={p.portNo}
                          data-oper={p.operStatus}
                          data-admin={p.adminState}
                        >
                          <span className="pon-port-label" title={`${p.type} port ${p.portNo}`}>
                            {p.label || `PON ${p.portNo}`}
                          </span>
                          <StateBadge kind="oper" state={p.operStatus} compact />
                          <Counts c={p.onuCounts} testId="pon-port-counts" />
                        </div>
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {treeLoaded && !treeError && tree.length === 0 && (
        <p className="muted pon-tree-empty" data-testid="pon-tree-empty">
          No OLT in the cache of this endpoint yet. Refresh, or pre-provision one.
        </p>
      )}
    </nav>
  );
}
