// The typed client of the IPC contract. In Electron the preload exposes `window.noc`; in a
// browser (the `noc serve` web host) the same contract runs over a same-origin WebSocket
// authenticated by the per-launch token. Everything else in the renderer goes through
// `invoke` and `onEvent` and never sees which transport is underneath.
import { create } from 'zustand';
import type { ChannelName, EventName, EventOf, NocApi, RequestOf, ResponseOf } from '../../../shared/ipc/channels';
import type { ErrorCode, IpcResult } from '../../../shared/ipc/errors';
import { isIpcErrorValue } from '../../../shared/ipc/errors';
import { events as eventSchemas } from '../../../shared/ipc/schemas';
import { TOKEN_PARAM, WS_PATH, type WireMessage, type WireRequest } from '../../../shared/ipc/wire';

declare global {
  interface Window {
    noc?: NocApi;
  }
}

/** A refused request, as the host described it: a code the user can act on, never a stack. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

// ── Connection state (shown in the status bar and the banner) ────────────────────────────────

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'unauthorized';

export interface ConnectionState {
  status: ConnectionStatus;
  transport: 'electron' | 'websocket';
  /** Human text for the current state ("Token refused: …"). */
  detail: string;
  /** Consecutive failed attempts since the last successful connection. */
  attempt: number;
  /** When the next reconnect attempt fires (epoch ms), if one is scheduled. */
  retryAt: number | null;
  /** Increments on each successful (re)connection, so stores can reload after a drop. */
  epoch: number;
}

export const useConnection = create<ConnectionState>(() => ({
  status: 'connecting',
  transport: typeof window !== 'undefined' && window.noc ? 'electron' : 'websocket',
  detail: 'Connecting to the console host…',
  attempt: 0,
  retryAt: null,
  epoch: 0,
}));

// ── Token handling (web host) ────────────────────────────────────────────────────────────────

const TOKEN_STORAGE_KEY = 'noc.token';

/**
 * Takes the token from `?token=` once, keeps it in sessionStorage (so a reload of this tab still
 * works) and removes it from the address bar, so it does not end up in history or screenshots.
 */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    try {
      sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // storage disabled: the token lives for this page only
    }
    url.searchParams.delete(TOKEN_PARAM);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

// ── Transports ───────────────────────────────────────────────────────────────────────────────

type RawListener = (payload: unknown) => void;

interface Transport {
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  on(event: string, listener: RawListener): () => void;
  reconnectNow(): void;
}

class ElectronTransport implements Transport {
  constructor(private readonly api: NocApi) {
    useConnection.setState({ status: 'connected', detail: 'Connected (desktop)', epoch: 1, transport: 'electron' });
  }

  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>> {
    return this.api.invoke(channel, payload);
  }

  on(event: string, listener: RawListener): () => void {
    return this.api.on(event, listener);
  }

  reconnectNow(): void {
    // IPC has no connection to lose
  }
}

interface Pending {
  resolve: (r: IpcResult<unknown>) => void;
  reject: (e: ApiError) => void;
}

/** Close codes a host uses to say "this token is not accepted" (RFC 6455 policy + 4xxx app codes). */
const AUTH_CLOSE_CODES = new Set([1008, 4001, 4003, 4401, 4403]);
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15_000;

class WebSocketTransport implements Transport {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Requests made while the socket is opening; sent on open. */
  private queue: { msg: WireRequest; pending: Pending }[] = [];
  private readonly listeners = new Map<string, Set<RawListener>>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private readonly token: string | null;

  constructor() {
    this.token = takeToken();
    this.connect();
    window.addEventListener('online', () => this.reconnectNow());
  }

  private url(): string {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const q = this.token ? `?${TOKEN_PARAM}=${encodeURIComponent(this.token)}` : '';
    return `${proto}//${window.location.host}${WS_PATH}${q}`;
  }

  private connect(): void {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    useConnection.setState({
      status: 'connecting',
      detail: this.attempt === 0 ? 'Connecting to the console host…' : `Reconnecting (attempt ${this.attempt + 1})…`,
      retryAt: null,
    });
    let opened = false;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.scheduleRetry('The console host address is not valid.');
      return;
    }
    this.socket = socket;

    socket.onopen = () => {
      opened = true;
      this.attempt = 0;
      useConnection.setState((s) => ({ status: 'connected', detail: 'Connected', attempt: 0, retryAt: null, epoch: s.epoch + 1 }));
      const queued = this.queue;
      this.queue = [];
      for (const q of queued) this.send(q.msg, q.pending);
    };

    socket.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return; // binary frames are terminal streams (not used yet)
      let msg: WireMessage;
      try {
        msg = JSON.parse(ev.data) as WireMessage;
      } catch {
        console.warn('[api] ignored a frame that is not JSON');
        return;
      }
      if (msg.t === 'res') {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        p.resolve(msg.result);
      } else if (msg.t === 'evt') {
        const set = this.listeners.get(msg.name);
        if (set) for (const l of [...set]) l(msg.payload);
      }
    };

    socket.onclose = (ev: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failInFlight('The connection to the console host was lost; the request may not have completed.');
      if (AUTH_CLOSE_CODES.has(ev.code)) {
        this.refuseToken(ev.reason);
        return;
      }
      if (!opened) {
        // A browser hides why an upgrade failed. Ask the same URL over plain HTTP: 401/403 means the
        // host is up and refuses this token; anything else means it is down or restarting.
        void this.probeRefusal().then((refused) => {
          if (refused) this.refuseToken('');
          else this.scheduleRetry('The console host is not reachable.');
        });
        return;
      }
      this.scheduleRetry(ev.reason ? `Connection closed: ${ev.reason}` : 'The connection to the console host dropped.');
    };
  }

  private async probeRefusal(): Promise<boolean> {
    try {
      // without a token of our own, the host may still accept its session cookie
      const url = this.token ? `${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(this.token)}` : WS_PATH;
      const r = await fetch(url, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
      return r.status === 401 || r.status === 403;
    } catch {
      return false;
    }
  }

  private refuseToken(reason: string): void {
    this.failQueued('The console host refused this session.');
    const detail = this.token
      ? `Token refused${reason ? ` (${reason})` : ''}. Open the URL printed by \`noc serve\` again; tokens change on every launch.`
      : 'No access token. Open the URL printed by `noc serve` (it ends in ?token=…).';
    useConnection.setState({ status: 'unauthorized', detail, retryAt: null });
  }

  private scheduleRetry(detail: string): void {
    this.attempt += 1;
    // requests made before the first successful connection wait through the first few retries
    if (this.attempt > 3) this.failQueued('Not connected to the console host.');
    const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(this.attempt - 1, 10));
    const delay = Math.round(exp / 2 + Math.random() * (exp / 2));
    const retryAt = Date.now() + delay;
    useConnection.setState({ status: 'disconnected', detail, attempt: this.attempt, retryAt });
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  reconnectNow(): void {
    const s = useConnection.getState().status;
    if (s === 'connected' || s === 'connecting') return;
    this.attempt = Math.max(0, this.attempt - 1);
    this.connect();
  }

  private failInFlight(message: string): void {
    for (const p of this.pending.values()) p.reject(new ApiError('UNAVAILABLE', message));
    this.pending.clear();
  }

  private failQueued(message: string): void {
    const queued = this.queue;
    this.queue = [];
    for (const q of queued) q.pending.reject(new ApiError('UNAVAILABLE', message));
  }

  private send(msg: WireRequest, pending: Pending): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      this.queue.push({ msg, pending });
      return;
    }
    this.pending.set(msg.id, pending);
    try {
      socket.send(JSON.stringify(msg));
    } catch {
      this.pending.delete(msg.id);
      pending.reject(new ApiError('UNAVAILABLE', 'Could not send the request to the console host.'));
    }
  }

  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>> {
    return new Promise<IpcResult<unknown>>((resolve, reject) => {
      const status = useConnection.getState().status;
      if (status === 'unauthorized') {
        reject(new ApiError('UNAUTHENTICATED', useConnection.getState().detail));
        return;
      }
      if (status === 'disconnected' && this.attempt > 3) {
        reject(new ApiError('UNAVAILABLE', 'Not connected to the console host.'));
        return;
      }
      const msg: WireRequest = { t: 'req', id: this.nextId++, channel, payload };
      this.send(msg, { resolve, reject });
    });
  }

  on(event: string, listener: RawListener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }
}

let transport: Transport | null = null;

function getTransport(): Transport {
  if (!transport) transport = window.noc ? new ElectronTransport(window.noc) : new WebSocketTransport();
  return transport;
}

/** Starts connecting now (before the first request), so the status bar is honest from the start. */
export function connect(): void {
  getTransport();
}

export function reconnectNow(): void {
  getTransport().reconnectNow();
}

// ── Typed surface ────────────────────────────────────────────────────────────────────────────

/** Calls a channel; resolves with its typed response or throws ApiError with the host's code. */
export async function invoke<C extends ChannelName>(channel: C, req: RequestOf<C>): Promise<ResponseOf<C>> {
  let result: IpcResult<unknown>;
  try {
    result = await getTransport().invoke(channel, req);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('UNAVAILABLE', err instanceof Error ? err.message : String(err));
  }
  if (result.ok) return result.value as ResponseOf<C>;
  const e = result.error;
  if (isIpcErrorValue(e)) throw new ApiError(e.code, e.message, e.details);
  throw new ApiError('INTERNAL', 'The console host sent an error this console does not understand.');
}

/**
 * Subscribes to a host event. Payloads are checked against the contract: a malformed event is
 * dropped with a warning instead of reaching a store.
 */
export function onEvent<E extends EventName>(name: E, listener: (payload: EventOf<E>) => void): () => void {
  const schema = eventSchemas[name];
  return getTransport().on(name, (raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      console.warn(`[api] dropped a malformed ${name} event`);
      return;
    }
    listener(parsed.data as EventOf<E>);
  });
}

/** A message for any thrown value, for toasts and inline errors. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A short random id for task.progress correlation (crypto.randomUUID needs a secure context). */
export function newTaskId(prefix: string): string {
  const rnd =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${rnd}`.slice(0, 64);
}
