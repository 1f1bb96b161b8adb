// Every refusal the service answers is `{code, message}` with an HTTP status; routes throw
// HttpError and the app's error handler turns it into that body (server/src/app.ts).
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra headers, e.g. Retry-After on 423. */
    readonly headers: Record<string, string> = {},
    /** Extra body fields next to code and message (e.g. retryAfterS on 423). */
    readonly extra: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const unauthorized = (code: string, message: string): HttpError => new HttpError(401, code, message);
export const forbidden = (message = 'permission denied'): HttpError => new HttpError(403, 'PERMISSION_DENIED', message);
export const notFound = (message = 'not found'): HttpError => new HttpError(404, 'NOT_FOUND', message);
