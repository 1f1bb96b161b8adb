// The SNMP page's state: the target and operation as typed, the running request (walk progress
// from task.progress, Stop), the last result, the SET form, and the saved credentials. Kept in a
// store so a trip to another page and back finds everything as it was. One-off secrets live only
// in the target form (memory) and the requests built from it.
import { create } from 'zustand';
import { navigate } from '../../app/router';
import { ApiError, errorMessage, invoke, newTaskId, onEvent } from '../../lib/api';
import { buildOperation, buildTarget, EMPTY_OPERATION, EMPTY_SET, EMPTY_TARGET, errorsFromDetails, type FormErrors, type OperationForm, type SecurityValues, type SetForm, type TargetForm } from './formModel';
import type { SnmpCredential, SnmpCredentialInput, SnmpOperation, SnmpSetVarbind, SnmpTargetRequest, Varbind } from './types';

const NO_ERRORS: FormErrors = { fields: {}, form: null };

/** A refusal as the page shows it: main's code (TIMEOUT, AUTH_FAILED…) and its message. */
export interface Failure {
  code: string;
  message: string;
  /** The agent's error-status when it answered with one (noAccess, notWritable…). */
  agentStatus: string | null;
}

export interface Running {
  op: SnmpOperation;
  taskId: string | null;
  /** Varbinds received so far (walks report progress). */
  done: number;
  stopping: boolean;
}

export interface SnmpResult {
  /** Increments per result, so views reset their scroll and expanded state. */
  seq: number;
  op: SnmpOperation;
  oidText: string;
  targetLabel: string;
  host: string;
  varbinds: Varbind[];
  truncated: boolean;
  /** The user pressed Stop: what arrived until then. */
  stopped: boolean;
  requests: number | null;
  ms: number;
  at: number;
}

export interface SetOutcome {
  targetLabel: string;
  varbinds: Varbind[];
  rttMs: number;
}

interface SnmpState {
  target: TargetForm;
  operation: OperationForm;
  errors: FormErrors;
  failure: Failure | null;
  running: Running | null;
  result: SnmpResult | null;

  setForm: SetForm;
  setErrors: FormErrors;
  setFailure: Failure | null;
  setOutcome: SetOutcome | null;

  credentials: SnmpCredential[];
  credentialsError: string | null;
  /** A device another page asked to open (openSnmpFor), applied by the page. */
  requestedDeviceId: string | null;

  setTarget(patch: Partial<TargetForm>): void;
  setSecurity(patch: Partial<SecurityValues>): void;
  setOperation(patch: Partial<OperationForm>): void;
  setSetForm(patch: Partial<SetForm>): void;
  clearError(key: string): void;
  run(): Promise<void>;
  stop(): Promise<void>;
  /** Sends a SET the user confirmed; the outcome or the refusal lands beside the SET form. */
  sendSet(target: SnmpTargetRequest, targetLabel: string, varbinds: SnmpSetVarbind[]): Promise<void>;
  loadCredentials(): Promise<void>;
  saveCredential(input: SnmpCredentialInput): Promise<SnmpCredential>;
  deleteCredential(id: string): Promise<void>;
  applyRequestedDevice(): Promise<void>;
}

export function failureOf(err: unknown): Failure {
  if (!(err instanceof ApiError)) return { code: 'INTERNAL', message: errorMessage(err), agentStatus: null };
  const status = (err.details as { status?: unknown } | null | undefined)?.status;
  return { code: err.code, message: err.message, agentStatus: typeof status === 'string' ? status : null };
}

/** A SET's refusal: main names fields of the varbind (`oid`, `value`), which live in the SET form as set.*. */
function setErrorsOf(err: unknown): FormErrors {
  const e = errorsOf(err);
  const fields: Record<string, string> = {};
  for (const [k, m] of Object.entries(e.fields)) fields[k === 'oid' || k === 'value' || k === 'type' ? `set.${k}` : k] = m;
  return { fields, form: e.form };
}

function errorsOf(err: unknown): FormErrors {
  if (err instanceof ApiError && err.code === 'VALIDATION') return errorsFromDetails(err.message, err.details);
  return NO_ERRORS;
}

/** How the target reads in result headers and the SET confirmation. */
export function targetLabelOf(t: TargetForm, credentials: readonly SnmpCredential[]): string {
  if (t.mode === 'device') return t.device ? `${t.device.name} (${t.device.mgmtAddress})` : 'no device';
  const cred = t.credentialId ? credentials.find((c) => c.id === t.credentialId) : undefined;
  const how = cred ? `credential ${cred.name}` : t.oneOff.version === '3' ? `v3 user ${t.oneOff.user || '?'}` : `v${t.oneOff.version} one-off community`;
  return `${t.host.trim()}:${t.port.trim() || '161'} · ${how}`;
}

const hostOf = (t: TargetForm) => (t.mode === 'device' ? (t.device?.mgmtAddress ?? 'device') : t.host.trim());

let resultSeq = 0;

export const useSnmp = create<SnmpState>((set, get) => ({
  target: EMPTY_TARGET,
  operation: EMPTY_OPERATION,
  errors: NO_ERRORS,
  failure: null,
  running: null,
  result: null,
  setForm: EMPTY_SET,
  setErrors: NO_ERRORS,
  setFailure: null,
  setOutcome: null,
  credentials: [],
  credentialsError: null,
  requestedDeviceId: null,

  setTarget: (patch) => set((s) => ({ target: { ...s.target, ...patch } })),
  setSecurity: (patch) => set((s) => ({ target: { ...s.target, oneOff: { ...s.target.oneOff, ...patch } } })),
  setOperation: (patch) => set((s) => ({ operation: { ...s.operation, ...patch } })),
  setSetForm: (patch) => set((s) => ({ setForm: { ...s.setForm, ...patch } })),
  clearError: (key) =>
    set((s) => {
      if (key.startsWith('set.')) {
        if (!s.setErrors.fields[key]) return {};
        const { [key]: _gone, ...rest } = s.setErrors.fields;
        return { setErrors: { ...s.setErrors, fields: rest } };
      }
      if (!s.errors.fields[key]) return {};
      const { [key]: _gone, ...rest } = s.errors.fields;
      return { errors: { ...s.errors, fields: rest } };
    }),

  run: async () => {
    const s = get();
    if (s.running) return;
    const t = buildTarget(s.target);
    const o = buildOperation(s.operation);
    if ('errors' in t || 'errors' in o) {
      const a = 'errors' in t ? t.errors : NO_ERRORS;
      const b = 'errors' in o ? o.errors : NO_ERRORS;
      set({ errors: { fields: { ...b.fields, ...a.fields }, form: a.form ?? b.form }, failure: null });
      return;
    }
    const req = o.request;
    const taskId = req.op === 'walk' ? newTaskId('snmp-walk') : null;
    set({ errors: NO_ERRORS, failure: null, running: { op: req.op, taskId, done: 0, stopping: false } });
    const targetLabel = targetLabelOf(s.target, s.credentials);
    const base = { seq: ++resultSeq, op: req.op, targetLabel, host: hostOf(s.target), at: Date.now() };
    try {
      if (req.op === 'walk') {
        const { op: _op, ...walk } = req;
        const r = await invoke('snmp.walk', { target: t.target, ...walk, ...(taskId ? { taskId } : {}) });
        const stopped = get().running?.stopping ?? false;
        set({ result: { ...base, oidText: req.oid, varbinds: r.varbinds, truncated: r.truncated, stopped, requests: r.requests, ms: r.durationMs } });
      } else {
        const r = await invoke(req.op === 'get' ? 'snmp.get' : 'snmp.getNext', { target: t.target, oids: req.oids });
        set({ result: { ...base, oidText: req.oids.join(' '), varbinds: r.varbinds, truncated: false, stopped: false, requests: 1, ms: r.rttMs } });
      }
    } catch (err) {
      set({ failure: failureOf(err), errors: errorsOf(err) });
    } finally {
      set({ running: null });
    }
  },

  stop: async () => {
    const r = get().running;
    if (!r?.taskId || r.stopping) return;
    set({ running: { ...r, stopping: true } });
    try {
      await invoke('snmp.walk.stop', { taskId: r.taskId });
    } catch (err) {
      set({ failure: failureOf(err) });
    }
  },

  sendSet: async (target, targetLabel, varbinds) => {
    set({ setFailure: null, setOutcome: null, setErrors: NO_ERRORS });
    try {
      const r = await invoke('snmp.set', { target, varbinds });
      set({ setOutcome: { targetLabel, varbinds: r.varbinds, rttMs: r.rttMs } });
    } catch (err) {
      set({ setFailure: failureOf(err), setErrors: setErrorsOf(err) });
    }
  },

  loadCredentials: async () => {
    try {
      const credentials = await invoke('snmp.credentials.list', {});
      set({ credentials, credentialsError: null });
    } catch (err) {
      set({ credentialsError: errorMessage(err) });
    }
  },

  saveCredential: async (input) => {
    const saved = await invoke('snmp.credentials.save', input);
    set((s) => ({ credentials: upsert(s.credentials, saved) }));
    return saved;
  },

  deleteCredential: async (id) => {
    await invoke('snmp.credentials.delete', { id });
    set((s) => ({
      credentials: s.credentials.filter((c) => c.id !== id),
      target: s.target.credentialId === id ? { ...s.target, credentialId: '' } : s.target,
    }));
  },

  applyRequestedDevice: async () => {
    const id = get().requestedDeviceId;
    if (!id) return;
    set({ requestedDeviceId: null });
    try {
      const d = await invoke('devices.get', { id });
      get().setTarget({ mode: 'device', device: { id: d.id, name: d.name, mgmtAddress: d.mgmtAddress, snmpProfileId: d.snmpProfileId } });
    } catch (err) {
      set({ failure: failureOf(err) });
    }
  },
}));

function upsert(list: readonly SnmpCredential[], c: SnmpCredential): SnmpCredential[] {
  const i = list.findIndex((x) => x.id === c.id);
  const next = i < 0 ? [...list, c] : list.map((x) => (x.id === c.id ? c : x));
  return next.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Opens the SNMP page with `deviceId` as the target (for the device panel, the map, alarms…). A
 * link works too: `#/snmp/device:<id>`.
 */
export function openSnmpFor(deviceId: string): void {
  useSnmp.setState({ requestedDeviceId: deviceId });
  navigate('snmp');
}

let started = false;

/** Walk progress: the `task.progress` events of the running walk update its count. */
export function startSnmpSync(): void {
  if (started) return;
  started = true;
  onEvent('task.progress', (ev) => {
    const r = useSnmp.getState().running;
    if (r?.taskId && ev.taskId === r.taskId) useSnmp.setState({ running: { ...r, done: ev.done } });
  });
}
