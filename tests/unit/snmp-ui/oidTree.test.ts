// The tree view of a result: grouped by OID prefix and MIB object, unnamed single-branch chains
// folded into one line, scalars as one line each, and large results opening at the top only.
import { describe, expect, it } from 'vitest';
import { buildOidTree, flattenTree, initialExpanded, splitName, type OidTreeNode } from '../../../renderer/src/features/snmp/oidTree';
import { ifTableWalk, vb } from './varbinds';

const labels = (nodes: readonly OidTreeNode[]) => nodes.map((n) => n.label);

describe('OID tree', () => {
  it('splits a name into the object and its instance arcs', () => {
    expect(splitName('ifDescr.3')).toEqual({ object: 'ifDescr', instanceArcs: 1 });
    expect(splitName('sysUpTime.0')).toEqual({ object: 'sysUpTime', instanceArcs: 1 });
    expect(splitName('ipAdEntAddr.192.0.2.1')).toEqual({ object: 'ipAdEntAddr', instanceArcs: 4 });
    expect(splitName('ifTable')).toEqual({ object: 'ifTable', instanceArcs: 0 });
  });

  it('groups a table walk under its entry, one branch per column, instances below', () => {
    const roots = buildOidTree(ifTableWalk(3));
    expect(roots).toHaveLength(1);
    const entry = roots[0] as OidTreeNode;
    expect(entry.oid).toBe('1.3.6.1.2.1.2.2.1');
    expect(entry.label).toBe('1.3.6.1.2.1.2.2.1');
    expect(entry.count).toBe(9);
    expect(labels(entry.children)).toEqual(['ifIndex', 'ifDescr', 'ifOperStatus']);
    const descr = entry.children[1] as OidTreeNode;
    expect(descr.oid).toBe('1.3.6.1.2.1.2.2.1.2');
    expect(labels(descr.children)).toEqual(['ifDescr.1', 'ifDescr.2', 'ifDescr.3']);
    expect(descr.children[2]?.varbind?.value).toBe('eth2');
  });

  it('shows a scalar as one line and labels unnamed OIDs by their arcs below the parent', () => {
    const roots = buildOidTree([
      vb('1.3.6.1.2.1.1.1.0', 'sysDescr.0', 'Linux'),
      vb('1.3.6.1.2.1.1.5.0', 'sysName.0', 'lab'),
      vb('1.3.6.1.2.1.1.99.7.1', null, 'a'),
      vb('1.3.6.1.2.1.1.99.7.2', null, 'b'),
    ]);
    expect(labels(roots)).toEqual(['1.3.6.1.2.1.1']);
    const system = roots[0] as OidTreeNode;
    expect(labels(system.children)).toEqual(['sysDescr.0', 'sysName.0', '.99.7']);
    expect(system.children[0]?.varbind?.value).toBe('Linux');
    expect(labels(system.children[2]?.children ?? [])).toEqual(['.1', '.2']);
  });

  it('sorts by arc as numbers, not as text', () => {
    const roots = buildOidTree([vb('1.3.6.1.2.1.2.2.1.2.10', 'ifDescr.10', 'x'), vb('1.3.6.1.2.1.2.2.1.2.9', 'ifDescr.9', 'y'), vb('1.3.6.1.2.1.2.2.1.2.100', 'ifDescr.100', 'z')]);
    expect(labels(roots[0]?.children ?? [])).toEqual(['ifDescr.9', 'ifDescr.10', 'ifDescr.100']);
  });

  it('opens a small result fully, a large one at the top level, and flattens only what is open', () => {
    const small = buildOidTree(ifTableWalk(3));
    expect(flattenTree(small, initialExpanded(small, 9))).toHaveLength(1 + 3 + 9);

    const walk = ifTableWalk(5000);
    const big = buildOidTree(walk);
    const open = initialExpanded(big, walk.length);
    const rows = flattenTree(big, open);
    expect(rows.map((r) => r.node.label)).toEqual(['1.3.6.1.2.1.2.2.1', 'ifIndex', 'ifDescr', 'ifOperStatus']);
    expect(rows[2]?.node.count).toBe(5000);
    expect(rows[2]?.expanded).toBe(false);
    open.add('1.3.6.1.2.1.2.2.1.2');
    const opened = flattenTree(big, open);
    expect(opened).toHaveLength(4 + 5000);
    expect(opened[3]).toMatchObject({ depth: 2, node: { label: 'ifDescr.1' } });
  });
});
