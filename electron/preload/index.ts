// Sandboxed preload: exposes window.noc (NocApi) and nothing else. It imports only
// shared/ipc/channels (names and types, no zod) and is bundled to one CJS file, because a
// sandboxed preload can require only 'electron' and a few built-ins. Raw ipcRenderer never
// crosses the bridge: the page can reach exactly two IPC channels, through these functions.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, ELECTRON_EVENT, ELECTRON_INVOKE, EVENT_NAMES, type IpcResult, type NocApi } from '../../shared/ipc/channels';

const channels: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const events: ReadonlySet<string> = new Set(EVENT_NAMES);
const listeners = new Map<string, Set<(payload: unknown) => void>>();

// one IPC listener for all events; the page's listeners never see the IpcRendererEvent (it
// carries the sender object)
ipcRenderer.on(ELECTRON_EVENT, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  const set = listeners.get(name);
  if (!set) return;
  for (const listener of [...set]) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`window.noc listener for ${name} failed:`, err);
    }
  }
});

const api: NocApi = {
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>> {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.` },
      });
    }
    return ipcRenderer.invoke(ELECTRON_INVOKE, channel, payload) as Promise<IpcResult<unknown>>;
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`Unknown event ${String(event).slice(0, 80)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      listeners.get(event)?.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('noc', Object.freeze(api));
