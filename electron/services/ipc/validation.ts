// A zod failure as the VALIDATION error every host shows (first problem in the message, all in
// the details). Its own module so a host can check a request against one domain's schema without
// loading the whole contract (`noc snmp` starts ~0.4 s faster without it).
import type { z } from 'zod';
import { NocError } from '../../../shared/ipc/errors';

export function validationError(err: z.ZodError): NocError {
  const details = err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = details[0];
  return new NocError('VALIDATION', first ? `${first.path ? first.path + ': ' : ''}${first.message}` : 'The request is not valid.', details);
}

export function parseWith<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
