// Errors cross every transport (Electron IPC, WebSocket, in-process) as plain values with a code
// a user can act on. Never a stack trace: the message is written for the technician.

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'PERMISSION_DENIED',
  'UNAUTHENTICATED',
  'TIMEOUT',
  'UNAVAILABLE',
  'AUTH_FAILED',
  'HOST_KEY_MISMATCH',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcErrorValue {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Thrown by services and the dispatcher; serialised to IpcErrorValue at the boundary. */
export class NocError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'NocError';
    this.code = code;
    this.details = details;
  }

  toValue(): IpcErrorValue {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isIpcErrorValue(v: unknown): v is IpcErrorValue {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as { code: string }).code) &&
    typeof (v as { message?: unknown }).message === 'string'
  );
}

/** The envelope every transport returns for a request. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcErrorValue };
