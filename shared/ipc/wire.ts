// Messages of the WebSocket transport (web host). JSON text frames; binary frames are reserved
// for terminal streams. The same IpcResult envelope as Electron IPC and the in-process binding.
import type { IpcResult } from './errors';

export const WS_PATH = '/ws';
export const TOKEN_PARAM = 'token';

/** client → server */
export interface WireRequest {
  t: 'req';
  id: number;
  channel: string;
  payload: unknown;
}

/** server → client */
export type WireMessage = { t: 'res'; id: number; result: IpcResult<unknown> } | { t: 'evt'; name: string; payload: unknown };
