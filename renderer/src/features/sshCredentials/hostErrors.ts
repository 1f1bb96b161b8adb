// Turning a refusal into field errors: the contract's own schema is checked before a request
// leaves (same messages as the host), and the host's VALIDATION details `[{path, message}]` land
// beside the same fields. The caller maps a request path to the key of its field; what it cannot
// map stays in the form-level line so nothing is hidden. Shared by the SSH credential and
// automation forms.
import type { ZodType } from 'zod';
import { ApiError, errorMessage } from '../../lib/api';

export type FieldOfPath = (path: string) => string | null;

export interface Refusal {
  fields: Record<string, string>;
  form: string | null;
}

/** Checks `input` with the contract's schema; null when it passes. */
export function schemaRefusal(schema: ZodType, input: unknown, fieldOf: FieldOfPath): Refusal | null {
  const r = schema.safeParse(input);
  if (r.success) return null;
  const fields: Record<string, string> = {};
  let unmapped: string | null = null;
  for (const issue of r.error.issues) {
    const key = fieldOf(issue.path.map(String).join('.'));
    if (key) fields[key] ??= issue.message;
    else unmapped ??= issue.message;
  }
  return { fields, form: unmapped ?? 'Fix the marked fields; nothing was sent.' };
}

/** The host's refusal: details beside their fields, its message as the form-level line. */
export function hostRefusal(err: unknown, fieldOf: FieldOfPath): Refusal {
  const fields: Record<string, string> = {};
  if (err instanceof ApiError && err.code === 'VALIDATION' && Array.isArray(err.details)) {
    for (const item of err.details as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { path, message } = item as { path?: unknown; message?: unknown };
      if (typeof path !== 'string' || typeof message !== 'string') continue;
      const key = fieldOf(path);
      if (key) fields[key] ??= message;
    }
  }
  return { fields, form: errorMessage(err) };
}

/** Focuses the control of the first field in error (ids are `${prefix}${key}` with dots as dashes). */
export function focusFirstError(fields: Record<string, string>, prefix: string): void {
  const first = Object.keys(fields)[0];
  if (first) requestAnimationFrame(() => document.getElementById(`${prefix}${first.replace(/\./g, '-')}`)?.focus());
}
