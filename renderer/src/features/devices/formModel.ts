// The Add/Edit device form as plain strings, and the mapping between it, the shared zod schemas
// (the very ones the host validates with) and the host's VALIDATION details.
import type { z } from 'zod';
import type { Device, DeviceRole, DeviceStatus } from '../../../../shared/domain/device';
import { deviceInputSchema, devicePatchSchema } from '../../../../shared/ipc/schemas';
import type { RequestOf } from '../../../../shared/ipc/channels';
import { ApiError } from '../../lib/api';

export interface DeviceFormValues {
  name: string;
  mgmtAddress: string;
  role: DeviceRole;
  vendor: string;
  model: string;
  siteId: string;
  snmpProfileId: string;
  sshProfileId: string;
  status: DeviceStatus;
  location: string;
  notes: string;
}

/** Form field keys; also the suffix of the `field-*` and `error-*` test ids. */
export type FormField = 'name' | 'mgmtAddress' | 'role' | 'vendor' | 'model' | 'site' | 'snmpProfile' | 'sshProfile' | 'status' | 'location' | 'notes';

export type FieldErrors = Partial<Record<FormField, string>>;

const FIELD_OF_PATH: Record<string, FormField> = {
  name: 'name',
  mgmtAddress: 'mgmtAddress',
  role: 'role',
  vendor: 'vendor',
  model: 'model',
  siteId: 'site',
  site: 'site',
  snmpProfileId: 'snmpProfile',
  sshProfileId: 'sshProfile',
  status: 'status',
  location: 'location',
  notes: 'notes',
};

export const EMPTY_FORM: DeviceFormValues = {
  name: '',
  mgmtAddress: '',
  role: 'other',
  vendor: '',
  model: '',
  siteId: '',
  snmpProfileId: '',
  sshProfileId: '',
  status: 'unknown',
  location: '',
  notes: '',
};

export function formFromDevice(d: Device): DeviceFormValues {
  return {
    name: d.name,
    mgmtAddress: d.mgmtAddress,
    role: d.role,
    vendor: d.vendor,
    model: d.model,
    siteId: d.siteId ?? '',
    snmpProfileId: d.snmpProfileId ?? '',
    sshProfileId: d.sshProfileId ?? '',
    status: d.status,
    location: d.location,
    notes: d.notes,
  };
}

type DeviceInput = z.input<typeof deviceInputSchema>;

function toInput(v: DeviceFormValues): DeviceInput {
  return {
    name: v.name,
    mgmtAddress: v.mgmtAddress,
    role: v.role,
    vendor: v.vendor,
    model: v.model,
    siteId: v.siteId || null,
    snmpProfileId: v.snmpProfileId || null,
    sshProfileId: v.sshProfileId || null,
    status: v.status,
    location: v.location,
    notes: v.notes,
  };
}

function fieldOfPath(path: readonly PropertyKey[] | string): FormField | null {
  const segments = typeof path === 'string' ? path.split('.') : path.map(String);
  for (let i = segments.length - 1; i >= 0; i--) {
    const f = FIELD_OF_PATH[segments[i] ?? ''];
    if (f) return f;
  }
  return null;
}

function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const f = fieldOfPath(issue.path);
    if (f && !errors[f]) errors[f] = issue.message;
  }
  return errors;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function validateCreate(v: DeviceFormValues): Validated<RequestOf<'devices.create'>> {
  const r = deviceInputSchema.safeParse(toInput(v));
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issuesToErrors(r.error.issues) };
}

/** Only the fields that changed go into the patch, so a concurrent edit of another field survives. */
export function validatePatch(device: Device, v: DeviceFormValues): Validated<RequestOf<'devices.update'>['patch']> {
  const before = toInput(formFromDevice(device));
  const after = toInput(v);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof DeviceInput)[]) {
    if (after[key] !== before[key]) patch[key] = after[key];
  }
  const r = devicePatchSchema.safeParse(patch);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issuesToErrors(r.error.issues) };
}

/** The host's refusal as field errors (`details: [{path, message}]` or `{field}`) plus a form-level line. */
export function errorsFromServer(err: unknown): { fields: FieldErrors; form: string | null } {
  if (!(err instanceof ApiError)) return { fields: {}, form: err instanceof Error ? err.message : String(err) };
  const fields: FieldErrors = {};
  const d = err.details;
  if (Array.isArray(d)) {
    for (const item of d as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { path, message } = item as { path?: unknown; message?: unknown };
      const f = typeof path === 'string' ? fieldOfPath(path) : null;
      if (f && typeof message === 'string' && !fields[f]) fields[f] = message;
    }
  } else if (typeof d === 'object' && d !== null && typeof (d as { field?: unknown }).field === 'string') {
    const f = fieldOfPath((d as { field: string }).field);
    if (f) fields[f] = err.message;
  }
  const mapped = Object.keys(fields).length > 0;
  if (err.code === 'CONFLICT') return { fields, form: `${err.message} Close the form and open the device again to see the newer edit.` };
  return { fields, form: mapped && err.code === 'VALIDATION' ? null : err.message };
}
