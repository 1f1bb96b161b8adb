// The tree view of a result: varbinds grouped by OID prefix, the way a MIB browser shows them.
// Chains of unnamed single-child nodes are folded into one line (1.3.6.1.2.1.2.2.1), named objects
// (ifDescr) group their instances, and a scalar's one instance reads as one line (sysName.0).
import type { Varbind } from './types';

export interface OidTreeNode {
  /** Full dotted OID of the node; unique, used as the React key and the expanded-state key. */
  oid: string;
  /** MIB name (ifDescr, sysName.0) where known, else the OID arcs below the parent line. */
  label: string;
  /** True when `label` is a MIB name rather than arcs. */
  named: boolean;
  /** The varbind at exactly this OID, if any. */
  varbind: Varbind | null;
  children: OidTreeNode[];
  /** Varbinds in this subtree (itself included). */
  count: number;
}

interface TrieNode {
  children: Map<number, TrieNode>;
  varbind: Varbind | null;
  /** The MIB object name of this prefix (ifDescr for 1.3.6.1.2.1.2.2.1.2), learned from varbind names. */
  name: string | null;
}

const newTrie = (): TrieNode => ({ children: new Map(), varbind: null, name: null });

function arcsOf(oid: string): number[] {
  return oid
    .replace(/^\./, '')
    .split('.')
    .filter((a) => a !== '')
    .map(Number);
}

/** `ifDescr.3` → ['ifDescr', 1]: the object name and how many trailing arcs are the instance. */
export function splitName(name: string): { object: string; instanceArcs: number } {
  const parts = name.split('.');
  let i = parts.length;
  while (i > 1 && /^\d+$/.test(parts[i - 1] ?? '')) i -= 1;
  return { object: parts.slice(0, i).join('.'), instanceArcs: parts.length - i };
}

export function buildOidTree(varbinds: readonly Varbind[]): OidTreeNode[] {
  const root = newTrie();
  for (const v of varbinds) {
    const arcs = arcsOf(v.oid);
    const objectDepth = v.name ? arcs.length - splitName(v.name).instanceArcs : -1;
    let node = root;
    for (let i = 0; i < arcs.length; i += 1) {
      const arc = arcs[i] ?? 0;
      let next = node.children.get(arc);
      if (!next) {
        next = newTrie();
        node.children.set(arc, next);
      }
      node = next;
      if (i + 1 === objectDepth && v.name && node.name === null) node.name = splitName(v.name).object;
    }
    // a repeated OID (the agent sent it twice) keeps the first; the table view still lists both
    node.varbind ??= v;
  }
  return finish(root, '', '');
}

/** Turns the trie's children into display nodes, folding unnamed chains as it goes. */
function finish(trie: TrieNode, oid: string, parentOid: string): OidTreeNode[] {
  const out: OidTreeNode[] = [];
  const arcs = [...trie.children.keys()].sort((a, b) => a - b);
  for (const arc of arcs) {
    const child = trie.children.get(arc);
    if (child) out.push(fold(child, oid === '' ? String(arc) : `${oid}.${arc}`, parentOid));
  }
  return out;
}

function fold(start: TrieNode, startOid: string, parentOid: string): OidTreeNode {
  let node = start;
  let oid = startOid;
  // fold the chain of single-child, unnamed nodes without a varbind of their own
  while (node.varbind === null && node.name === null && node.children.size === 1) {
    const [arc, only] = [...node.children.entries()][0] ?? [];
    if (arc === undefined || !only) break;
    node = only;
    oid = `${oid}.${arc}`;
  }
  const children = finish(node, oid, oid);
  // a named object with exactly one instance and nothing else below: show the instance itself
  const single = children[0];
  if (node.varbind === null && node.name !== null && children.length === 1 && single?.varbind && single.children.length === 0) {
    return single;
  }
  const count = children.reduce((n, c) => n + c.count, node.varbind ? 1 : 0);
  const name = node.varbind?.name ?? node.name;
  const label = name ?? (parentOid === '' ? oid : `.${oid.slice(parentOid.length + 1)}`);
  return { oid, label, named: name !== null, varbind: node.varbind, children, count };
}

export interface TreeRow {
  node: OidTreeNode;
  depth: number;
  expanded: boolean;
}

/** The visible lines of the tree: children only under expanded nodes. */
export function flattenTree(roots: readonly OidTreeNode[], expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (n: OidTreeNode, depth: number) => {
    const open = n.children.length > 0 && expanded.has(n.oid);
    rows.push({ node: n, depth, expanded: open });
    if (open) for (const c of n.children) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return rows;
}

/**
 * What starts open: everything in a small result; in a large one the top level only, so a
 * 10,000-row walk opens as its columns (ifDescr, ifInOctets…) rather than 10,000 lines.
 */
export function initialExpanded(roots: readonly OidTreeNode[], total: number, smallLimit = 300): Set<string> {
  const open = new Set<string>();
  const visit = (n: OidTreeNode, depth: number) => {
    if (n.children.length === 0) return;
    if (total > smallLimit && depth >= 1) return;
    open.add(n.oid);
    for (const c of n.children) visit(c, depth + 1);
  };
  for (const r of roots) visit(r, 0);
  return open;
}
