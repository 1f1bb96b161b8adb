// The PON forms (endpoint, pre-provision) as strings, checked with the contract's own request
// schemas before sending, and the host's VALIDATION details mapped back to the same fields.
import { volthaChannels } from '../../../../shared/ipc/volthaSchemas';
import { ApiError } from '../../lib/api';
import type { EndpointInput, PreprovisionInput, VolthaEndpoint } from './types';

export type FieldErrors = Record<string, string>;

export interface EndpointForm {
  name: string;
  address: string;
  tls: boolean;
  /** Seconds, as typed. */
  deadline: string;
  /** Seconds, as typed. */
  poll: string;
}

export const NEW_ENDPOINT: EndpointForm = { name: '', address: '', tls: false, deadline: '10', poll: '15' };

export function endpointFormOf(e: VolthaEndpoint): EndpointForm {
  return { name: e.name, address: e.address, tls: e.tls, deadline: String(e.deadlineMs / 1000), poll: String(e.pollIntervalMs / 1000) };
}

/** Request field → form field. */
const ENDPOINT_FIELD: Record<string, keyof EndpointForm> = { name: 'name', address: 'address', tls: 'tls', deadlineMs: 'deadline', pollIntervalMs: 'poll' };

function seconds(raw: string, key: string, label: string, min: number, max: number, errors: FieldErrors): number | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) {
    errors[key] = `${label} must be a number of seconds`;
    return undefined;
  }
  if (n < min || n > max) {
    errors[key] = `${label} must be ${min.toLocaleString()}–${max.toLocaleString()} s`;
    return undefined;
  }
  return Math.round(n * 1000);
}

/** The request, or the field errors that keep it from being sent. */
export function buildEndpointInput(form: EndpointForm, id: string | null): { input: EndpointInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const input: EndpointInput = { name: form.name, address: form.address.trim(), tls: form.tls };
  if (id) input.id = id;
  const deadlineMs = seconds(form.deadline, 'deadline', 'Deadline', 0.2, 120, errors);
  if (deadlineMs !== undefined) input.deadlineMs = deadlineMs;
  const pollIntervalMs = seconds(form.poll, 'poll', 'Poll interval', 1, 3600, errors);
  if (pollIntervalMs !== undefined) input.pollIntervalMs = pollIntervalMs;
  const parsed = volthaChannels['voltha.endpoints.save'].request.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = ENDPOINT_FIELD[String(issue.path[0] ?? '')];
      if (key && !errors[key]) errors[key] = issue.message;
    }
  }
  return Object.keys(errors).length ? { errors } : { input };
}

export interface PreprovisionForm {
  type: string;
  hostAndPort: string;
  enable: boolean;
}

export const NEW_PREPROVISION: PreprovisionForm = { type: 'openolt', hostAndPort: '', enable: true };

export function buildPreprovisionInput(form: PreprovisionForm, endpointId: string): { input: PreprovisionInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const input: PreprovisionInput = { endpointId, type: form.type.trim(), hostAndPort: form.hostAndPort.trim(), enable: form.enable };
  const parsed = volthaChannels['voltha.preprovision'].request.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      if ((key === 'type' || key === 'hostAndPort') && !errors[key]) errors[key] = issue.message;
    }
  }
  return Object.keys(errors).length ? { errors } : { input };
}

/** Field errors from a host's VALIDATION refusal (details: [{ path, message }]). */
export function errorsFromHost(err: unknown, fieldOf: (path: string) => string | null): FieldErrors {
  const out: FieldErrors = {};
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return out;
  for (const item of err.details as unknown[]) {
    const { path, message } = (item ?? {}) as { path?: unknown; message?: unknown };
    const p = Array.isArray(path) ? path.map(String).join('.') : typeof path === 'string' ? path : '';
    const key = fieldOf(p.split('.')[0] ?? '');
    if (key && typeof message === 'string' && !out[key]) out[key] = message;
  }
  return out;
}

export function endpointFieldOf(path: string): string | null {
  return ENDPOINT_FIELD[path] ?? null;
}

export function preprovisionFieldOf(path: string): string | null {
  return path === 'type' || path === 'hostAndPort' ? path : null;
}
