// The open terminal tabs: what each one points at, its session and state, the host-key question it
// may be waiting on, broadcast membership, and the split layout. No xterm here — this module is
// loaded with the device list (its SSH buttons call `openTerminal`), while xterm and the page load
// when the Terminals page is first shown. The xterm instances live in terminalRegistry.ts.
import { create } from 'zustand';
import type { EventOf, RequestOf, ResponseOf } from '../../../../shared/ipc/channels';
import type { TerminalState } from '../../../../shared/domain/ssh';
import { navigate } from '../../app/router';
import { ApiError, errorMessage, invoke, onEvent } from '../../lib/api';

export type TerminalSession = ResponseOf<'ssh.terminal.open'>;
export type TerminalTarget = RequestOf<'ssh.terminal.open'>['target'];

/** The host key refused on open (HOST_KEY_MISMATCH details). */
export interface HostKeyProblem {
  reason: 'unknown' | 'changed' | 'rejected';
  host: string;
  port: number;
  keyType: string;
  presented: string;
  known: { keyType: string; fingerprint: string }[];
  message: string;
}

/** `idle`: not asked yet; `failed`: opening was refused (see `error` / `hostKey`). */
export type TabState = TerminalState | 'idle' | 'failed';

export interface TerminalTab {
  tabId: string;
  target: TerminalTarget;
  title: string;
  sessionId: string | null;
  session: TerminalSession | null;
  state: TabState;
  /** Why it closed / is reconnecting, in the host's words. */
  reason: string | null;
  /** Next automatic reconnect attempt (epoch ms). */
  retryAt: number | null;
  hostKey: HostKeyProblem | null;
  error: string | null;
  broadcast: boolean;
}

export interface Size {
  cols: number;
  rows: number;
}

interface TerminalsState {
  tabs: TerminalTab[];
  /** Tab shown in each pane; the second only while split. */
  panes: [string | null, string | null];
  split: boolean;
  /** The pane a tab click puts its tab into. */
  focusedPane: 0 | 1;
}

export const useTerminals = create<TerminalsState>(() => ({ tabs: [], panes: [null, null], split: false, focusedPane: 0 }));

function patchTab(tabId: string, patch: Partial<TerminalTab>): void {
  useTerminals.setState((s) => ({ tabs: s.tabs.map((t) => (t.tabId === tabId ? { ...t, ...patch } : t)) }));
}

export function tabById(tabId: string): TerminalTab | undefined {
  return useTerminals.getState().tabs.find((t) => t.tabId === tabId);
}

function tabBySession(sessionId: string): TerminalTab | undefined {
  return useTerminals.getState().tabs.find((t) => t.sessionId === sessionId);
}

let tabSeq = 0;

/** Opens a new tab for a device and shows the Terminals page (the tab connects once it has a size). */
export function openTerminal(device: { id: string; name: string }): void {
  startTerminalSync();
  tabSeq += 1;
  const tab: TerminalTab = {
    tabId: `t${Date.now().toString(36)}${tabSeq}`,
    target: { deviceId: device.id },
    title: device.name,
    sessionId: null,
    session: null,
    state: 'idle',
    reason: null,
    retryAt: null,
    hostKey: null,
    error: null,
    broadcast: false,
  };
  useTerminals.setState((s) => {
    const panes: [string | null, string | null] = [...s.panes];
    panes[s.split ? s.focusedPane : 0] = tab.tabId;
    return { tabs: [...s.tabs, tab], panes };
  });
  navigate('terminals', null);
}

function hostKeyProblem(err: ApiError): HostKeyProblem | null {
  const d = err.details;
  if (typeof d !== 'object' || d === null) return null;
  const r = d as Record<string, unknown>;
  if (r.reason !== 'unknown' && r.reason !== 'changed' && r.reason !== 'rejected') return null;
  const known = Array.isArray(r.known)
    ? r.known.flatMap((k: unknown) => {
        if (typeof k !== 'object' || k === null) return [];
        const { keyType, fingerprint } = k as Record<string, unknown>;
        return typeof keyType === 'string' && typeof fingerprint === 'string' ? [{ keyType, fingerprint }] : [];
      })
    : [];
  return {
    reason: r.reason,
    host: typeof r.host === 'string' ? r.host : '',
    port: typeof r.port === 'number' ? r.port : 22,
    keyType: typeof r.keyType === 'string' ? r.keyType : '',
    presented: typeof r.presented === 'string' ? r.presented : '',
    known,
    message: err.message,
  };
}

/** Events that came for a session before its open call answered (the stream starts first). */
const earlyStates = new Map<string, EventOf<'ssh.terminal.state'>>();

function sessionOpened(tabId: string, session: TerminalSession): void {
  const early = earlyStates.get(session.sessionId);
  earlyStates.delete(session.sessionId);
  patchTab(tabId, {
    sessionId: session.sessionId,
    session,
    title: session.title || (tabById(tabId)?.title ?? ''),
    state: early?.state ?? session.state,
    reason: early?.reason ?? null,
    retryAt: early?.retryAt ?? null,
    hostKey: null,
    error: null,
  });
}

/** Opens the tab's session (first time, or again after a refusal); `trustFingerprint` answers first contact. */
export async function connectTab(tabId: string, size: Size, trustFingerprint?: string): Promise<void> {
  const tab = tabById(tabId);
  if (!tab || tab.state === 'connecting') return;
  patchTab(tabId, { state: 'connecting', error: null, hostKey: null, reason: null });
  try {
    const req: RequestOf<'ssh.terminal.open'> = { target: tab.target, cols: size.cols, rows: size.rows };
    if (trustFingerprint !== undefined) req.trustFingerprint = trustFingerprint;
    const session = await invoke('ssh.terminal.open', req);
    if (!tabById(tabId)) {
      // closed while connecting
      void invoke('ssh.terminal.close', { sessionId: session.sessionId }).catch(() => undefined);
      return;
    }
    sessionOpened(tabId, session);
  } catch (err) {
    const hostKey = err instanceof ApiError && err.code === 'HOST_KEY_MISMATCH' ? hostKeyProblem(err) : null;
    patchTab(tabId, { state: 'failed', hostKey, error: hostKey ? null : errorMessage(err) });
  }
}

/** Reconnects a closed session in place: same tab, same xterm, scrollback kept. */
export async function reconnectTab(tabId: string, size: Size): Promise<void> {
  const tab = tabById(tabId);
  if (!tab) return;
  if (!tab.sessionId) {
    await connectTab(tabId, size);
    return;
  }
  if (tab.state === 'connecting' || tab.state === 'open') return;
  patchTab(tabId, { state: 'connecting', error: null, reason: null, retryAt: null });
  try {
    const session = await invoke('ssh.terminal.reconnect', { sessionId: tab.sessionId, cols: size.cols, rows: size.rows });
    if (tabById(tabId)) sessionOpened(tabId, session);
  } catch (err) {
    const hostKey = err instanceof ApiError && err.code === 'HOST_KEY_MISMATCH' ? hostKeyProblem(err) : null;
    patchTab(tabId, { state: 'closed', hostKey, error: hostKey ? null : errorMessage(err) });
  }
}

/** Dismisses a host-key question without connecting. */
export function cancelHostKey(tabId: string): void {
  const tab = tabById(tabId);
  if (!tab?.hostKey) return;
  patchTab(tabId, { hostKey: null, error: `Not connected: the host key of ${tab.hostKey.host}:${tab.hostKey.port} was not trusted.` });
}

export function closeTab(tabId: string): void {
  const tab = tabById(tabId);
  if (!tab) return;
  if (tab.sessionId) void invoke('ssh.terminal.close', { sessionId: tab.sessionId }).catch(() => undefined);
  useTerminals.setState((s) => {
    const tabs = s.tabs.filter((t) => t.tabId !== tabId);
    const fallback = (other: string | null) => tabs.find((t) => t.tabId !== other)?.tabId ?? null;
    const panes: [string | null, string | null] = [s.panes[0], s.panes[1]];
    if (panes[0] === tabId) panes[0] = fallback(panes[1]);
    if (panes[1] === tabId) panes[1] = fallback(panes[0]);
    return { tabs, panes };
  });
}

/** Shows a tab in the focused pane (swapping when it is already in the other one). */
export function showTab(tabId: string): void {
  useTerminals.setState((s) => {
    const target = s.split ? s.focusedPane : 0;
    const other = target === 0 ? 1 : 0;
    const panes: [string | null, string | null] = [s.panes[0], s.panes[1]];
    if (s.split && panes[other] === tabId) panes[other] = panes[target];
    panes[target] = tabId;
    return { panes };
  });
}

export function focusPane(pane: 0 | 1): void {
  if (useTerminals.getState().focusedPane !== pane) useTerminals.setState({ focusedPane: pane });
}

export function toggleSplit(): void {
  useTerminals.setState((s) => {
    if (s.split) return { split: false, focusedPane: 0 };
    const second = s.panes[1] !== null && s.panes[1] !== s.panes[0] ? s.panes[1] : (s.tabs.find((t) => t.tabId !== s.panes[0])?.tabId ?? null);
    return { split: true, panes: [s.panes[0], second], focusedPane: 1 };
  });
}

export function toggleBroadcast(tabId: string): void {
  const tab = tabById(tabId);
  if (tab) patchTab(tabId, { broadcast: !tab.broadcast });
}

/** Sessions that receive input typed into `tabId`: the broadcast set when it is a member of one. */
export function inputTargets(tabId: string): string[] {
  const { tabs } = useTerminals.getState();
  const tab = tabs.find((t) => t.tabId === tabId);
  if (!tab?.sessionId) return [];
  const members = tab.broadcast ? tabs.filter((t) => t.broadcast && t.sessionId !== null && t.state === 'open') : [];
  return members.length >= 2 ? members.flatMap((t) => (t.sessionId ? [t.sessionId] : [])) : [tab.sessionId];
}

let syncing = false;

/** Follows `ssh.terminal.state` for every tab (once). */
export function startTerminalSync(): void {
  if (syncing) return;
  syncing = true;
  onEvent('ssh.terminal.state', (ev) => {
    const tab = tabBySession(ev.sessionId);
    if (!tab) {
      if (earlyStates.size > 64) earlyStates.clear();
      earlyStates.set(ev.sessionId, ev);
      return;
    }
    patchTab(tab.tabId, { state: ev.state, reason: ev.reason, retryAt: ev.retryAt });
  });
}
