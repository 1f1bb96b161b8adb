// Binds the typed contract to Electron IPC: one invoke channel in, one event channel out.
// Every call is checked here for *who* sends it (our window, its main frame, our origin); the
// dispatcher then checks *what* (known channel, role permission, request schema).
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ELECTRON_EVENT, ELECTRON_INVOKE, type IpcResult } from '../../../../shared/ipc/channels';
import type { ConsoleServices } from '../../../services/consoleServices';
import { isTrustedSender } from '../origin';

export interface IpcBindingOptions {
  services: Pick<ConsoleServices, 'dispatcher' | 'bus'>;
  /** The windows we opened; a WebContents not among them is never trusted. */
  windows: () => readonly BrowserWindow[];
  devUrl?: string;
  log?: (line: string) => void;
}

const DENIED: IpcResult<never> = {
  ok: false,
  error: { code: 'PERMISSION_DENIED', message: 'This request did not come from the console window.' },
};

function senderIsTrusted(event: IpcMainInvokeEvent, opts: IpcBindingOptions): boolean {
  const contents = event.sender;
  if (!opts.windows().some((w) => !w.isDestroyed() && w.webContents === contents)) return false;
  const frame = event.senderFrame; // null once the frame navigated away or was destroyed
  if (!frame) return false;
  return isTrustedSender(frame.url, frame === contents.mainFrame, opts.devUrl);
}

/** Returns a disposer that removes the handler and the event subscription. */
export function registerIpc(opts: IpcBindingOptions): () => void {
  const log = opts.log ?? ((l: string) => console.warn(l));

  ipcMain.handle(ELECTRON_INVOKE, async (event, channel: unknown, payload: unknown): Promise<IpcResult<unknown>> => {
    if (!senderIsTrusted(event, opts)) {
      log(`[ipc] refused ${String(channel).slice(0, 80)} from ${event.senderFrame?.url?.slice(0, 200) ?? 'a gone frame'}`);
      return DENIED;
    }
    return opts.services.dispatcher.invoke(channel, payload, { host: 'electron' });
  });

  const unsubscribe = opts.services.bus.subscribe((name, payload) => {
    for (const win of opts.windows()) {
      if (win.isDestroyed()) continue;
      const contents = win.webContents;
      // only a window still showing our own page hears events (they carry tenant data)
      if (contents.isDestroyed() || contents.isCrashed() || !isTrustedSender(contents.getURL(), true, opts.devUrl)) continue;
      contents.send(ELECTRON_EVENT, name, payload);
    }
  });

  return () => {
    ipcMain.removeHandler(ELECTRON_INVOKE);
    unsubscribe();
  };
}
