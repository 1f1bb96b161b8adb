// State of the RADIUS page: the lookups (dictionary, saved profiles, history), the forms (kept here,
// not in components, so switching tabs or pages and a refused request lose nothing typed), the last
// reply per packet type, the session simulator fed by `radius.session.step`, and the load test.
import { create } from 'zustand';
import type { RequestOf } from '../../../../shared/ipc/channels';
import { trackLocalTask } from '../../app/progressStore';
import { errorMessage, invoke, newTaskId, onEvent, useConnection } from '../../lib/api';
import {
  buildAttributes,
  buildSendOptions,
  buildTarget,
  EMPTY_TARGET,
  ErrorSink,
  errorsFromServer,
  indexDictionary,
  intField,
  newUuid,
  numberField,
  validateRequest,
  type DictIndex,
  type PortKind,
  type TargetForm,
} from './formModel';
import {
  NO_ERRORS,
  type AttrRow,
  type DictionaryAttribute,
  type FormErrors,
  type LoadStats,
  type PacketKind,
  type RadiusAcctType,
  type RadiusAuthMethod,
  type RadiusDynauthKind,
  type RadiusProfile,
  type RadiusProfileInput,
  type RadiusReply,
  type RadiusRun,
  type RadiusRunDetail,
  type RadiusTab,
  type SessionStep,
  type SessionSummary,
} from './types';

export const HISTORY_LIMIT = 100;

export interface SessionForm {
  interims: string;
  /** Seconds between interim updates. */
  intervalSec: string;
  /** Downstream megabytes per interval (upstream is a tenth of it). */
  mbPerInterval: string;
  sessionId: string;
  framedIp: string;
  record: boolean;
}

export interface SessionRunState {
  runId: string | null;
  running: boolean;
  stopping: boolean;
  steps: SessionStep[];
  summary: SessionSummary | null;
  startedAt: number | null;
}

export interface LoadForm {
  kind: 'auth' | 'status';
  count: string;
  concurrency: string;
  rate: string;
}

export interface LoadRunState {
  running: boolean;
  taskId: string | null;
  /** Stop was asked for and not yet answered by the run's end. */
  stopping: boolean;
  /** The run was stopped before it sent every request; its stats are partial. */
  stopped: boolean;
  stats: LoadStats | null;
  /** How many requests the run was asked to send. */
  count: number | null;
  /** What the finished run was asked for, shown above its numbers. */
  asked: string | null;
}

/** One past run opened from the History tab. */
export interface HistoryDetailState {
  id: string;
  loading: boolean;
  run: RadiusRunDetail | null;
  error: string | null;
}

export interface PrefillInfo {
  source: 'device' | 'subscriber';
  id: string;
  loading: boolean;
  deviceName: string | null;
  subscriberName: string | null;
  /** The NAS device "Save as profile" links the new profile to (the device, or the subscriber's access device). */
  deviceId: string | null;
  subscriberId: string | null;
  note: string | null;
  error: string | null;
}

type ErrorScope = PacketKind | 'session' | 'load';

interface RadiusState {
  tab: RadiusTab;

  dictionary: DictionaryAttribute[];
  dict: DictIndex;
  dictError: string | null;
  profiles: RadiusProfile[];
  profilesLoaded: boolean;
  profilesError: string | null;
  history: RadiusRun[];
  historyLoading: boolean;
  historyError: string | null;
  historyDetail: HistoryDetailState | null;

  target: TargetForm;
  /** Status-Server goes to the auth port by default; RFC 5997 allows the accounting port too. */
  statusPort: 'auth' | 'acct';
  user: string;
  password: string;
  method: RadiusAuthMethod;
  acctType: RadiusAcctType;
  acctSessionId: string;
  dynKind: RadiusDynauthKind;
  attrs: Record<PacketKind, AttrRow[]>;

  replies: Record<PacketKind, RadiusReply | null>;
  sending: Record<PacketKind, boolean>;
  errors: Record<ErrorScope, FormErrors>;

  sessionForm: SessionForm;
  session: SessionRunState;
  loadForm: LoadForm;
  load: LoadRunState;

  prefill: PrefillInfo | null;

  setTab(tab: RadiusTab): void;
  loadLookups(): Promise<void>;
  loadProfiles(): Promise<void>;
  refreshHistory(): Promise<void>;
  openHistoryRun(id: string): Promise<void>;
  closeHistoryRun(): void;

  setTarget(patch: Partial<TargetForm>): void;
  selectProfile(id: string): void;
  setForm(patch: Partial<Pick<RadiusState, 'user' | 'password' | 'method' | 'acctType' | 'acctSessionId' | 'dynKind' | 'statusPort'>>): void;
  setAttr(kind: PacketKind, index: number, patch: Partial<Omit<AttrRow, 'key'>>): void;
  addAttr(kind: PacketKind, row?: Partial<Omit<AttrRow, 'key'>>): void;
  removeAttr(kind: PacketKind, index: number): void;
  clearError(scope: ErrorScope, field: string): void;

  send(kind: PacketKind): Promise<void>;

  setSessionForm(patch: Partial<SessionForm>): void;
  startSession(): Promise<void>;
  stopSession(): Promise<void>;

  setLoadForm(patch: Partial<LoadForm>): void;
  startLoad(): Promise<void>;
  stopLoad(): Promise<void>;

  saveProfile(input: RadiusProfileInput): Promise<RadiusProfile>;
  deleteProfile(id: string): Promise<void>;

  applyPrefill(source: 'device' | 'subscriber', id: string): Promise<void>;
  dismissPrefill(): void;
}

let rowKey = 0;
const row = (patch: Partial<Omit<AttrRow, 'key'>> = {}): AttrRow => ({ key: ++rowKey, name: '', value: '', ...patch });

/** Starting rows: the attributes a technician fills in most often for each packet type. */
function initialAttrs(): Record<PacketKind, AttrRow[]> {
  return {
    auth: [row({ name: 'NAS-Identifier' }), row()],
    acct: [row({ name: 'Framed-IP-Address' }), row()],
    status: [row()],
    dynauth: [row({ name: 'User-Name' }), row({ name: 'Acct-Session-Id' }), row()],
  };
}

const PORT_OF: Record<Exclude<PacketKind, 'status'>, PortKind> = { auth: 'auth', acct: 'acct', dynauth: 'coa' };

const CHANNEL_OF = { auth: 'radius.auth', acct: 'radius.acct', status: 'radius.status', dynauth: 'radius.dynauth' } as const;

const NO_SESSION: SessionRunState = { runId: null, running: false, stopping: false, steps: [], summary: null, startedAt: null };

const NO_LOAD: LoadRunState = { running: false, taskId: null, stopping: false, stopped: false, stats: null, count: null, asked: null };

/** A stop asked for before the host registered the run answers `stopping: false`: ask again, briefly. */
const LOAD_STOP_RETRIES = 10;
const LOAD_STOP_RETRY_MS = 150;

export const useRadius = create<RadiusState>((set, get) => {
  const setErrors = (scope: ErrorScope, e: FormErrors) => set((s) => ({ errors: { ...s.errors, [scope]: e } }));

  /** `hostPortKind`: the port the host picks from a profile for this channel when none is named. */
  const targetFor = (portKind: PortKind | null, sink: ErrorSink, hostPortKind: PortKind | null = portKind) => {
    const s = get();
    return buildTarget(s.target, portKind, s.profiles, sink, hostPortKind);
  };

  /** The packet request of one tab, or the errors that keep it from being sent. */
  const buildPacket = (kind: PacketKind): { channel: (typeof CHANNEL_OF)[PacketKind]; req: unknown; portKind: PortKind; rowOf: number[] } | { errors: FormErrors } => {
    const s = get();
    const sink = new ErrorSink();
    const portKind: PortKind = kind === 'status' ? s.statusPort : PORT_OF[kind];
    const target = targetFor(portKind, sink, kind === 'status' ? 'auth' : portKind);
    const options = buildSendOptions(s.target, sink);
    const { attributes, rowOf } = buildAttributes(s.attrs[kind], s.dict, sink);
    const base = { target, attributes, ...options };
    let req: unknown;
    switch (kind) {
      case 'auth':
        req = { ...base, user: s.user, password: s.password, method: s.method } satisfies RequestOf<'radius.auth'>;
        break;
      case 'acct': {
        const r: RequestOf<'radius.acct'> = { ...base, type: s.acctType };
        if (s.user.trim()) r.user = s.user;
        if (s.acctSessionId.trim()) r.sessionId = s.acctSessionId.trim();
        req = r;
        break;
      }
      case 'status':
        req = base satisfies RequestOf<'radius.status'>;
        break;
      case 'dynauth':
        req = { ...base, kind: s.dynKind } satisfies RequestOf<'radius.dynauth'>;
        break;
    }
    if (!sink.empty) return { errors: sink.result() };
    const channel = CHANNEL_OF[kind];
    const invalid = validateRequest(channel, req as RequestOf<typeof channel>, portKind, rowOf);
    if (invalid) return { errors: invalid };
    return { channel, req, portKind, rowOf };
  };

  return {
    tab: 'auth',

    dictionary: [],
    dict: new Map(),
    dictError: null,
    profiles: [],
    profilesLoaded: false,
    profilesError: null,
    history: [],
    historyLoading: false,
    historyError: null,
    historyDetail: null,

    target: EMPTY_TARGET,
    statusPort: 'auth',
    user: '',
    password: '',
    method: 'pap',
    acctType: 'start',
    acctSessionId: '',
    dynKind: 'coa',
    attrs: initialAttrs(),

    replies: { auth: null, acct: null, status: null, dynauth: null },
    sending: { auth: false, acct: false, status: false, dynauth: false },
    errors: { auth: NO_ERRORS, acct: NO_ERRORS, status: NO_ERRORS, dynauth: NO_ERRORS, session: NO_ERRORS, load: NO_ERRORS },

    sessionForm: { interims: '3', intervalSec: '10', mbPerInterval: '750', sessionId: '', framedIp: '', record: false },
    session: NO_SESSION,
    loadForm: { kind: 'auth', count: '1000', concurrency: '50', rate: '' },
    load: NO_LOAD,

    prefill: null,

    setTab: (tab) => {
      set({ tab });
      if (tab === 'history') void get().refreshHistory();
      if (tab === 'dynauth') {
        // a CoA names the session: carry over the user and session id typed elsewhere, never overwrite
        const { user, acctSessionId, attrs } = get();
        const from: Record<string, string> = { 'user-name': user.trim(), 'acct-session-id': acctSessionId.trim() };
        const rows = attrs.dynauth.map((r) => {
          const v = from[r.name.trim().toLowerCase()];
          return v && r.value === '' ? { ...r, value: v } : r;
        });
        if (rows.some((r, i) => r !== attrs.dynauth[i])) set({ attrs: { ...attrs, dynauth: rows } });
      }
    },

    loadLookups: async () => {
      const dictionary = invoke('radius.dictionary', {})
        .then((d) => {
          const attrs = [...d.attributes].sort((a, b) => a.name.localeCompare(b.name));
          set({ dictionary: attrs, dict: indexDictionary(attrs), dictError: null });
        })
        .catch((err: unknown) => set({ dictError: errorMessage(err) }));
      await Promise.all([dictionary, get().loadProfiles(), get().refreshHistory()]);
    },

    loadProfiles: async () => {
      try {
        const profiles = await invoke('radius.profiles.list', {});
        set({ profiles: [...profiles].sort((a, b) => a.name.localeCompare(b.name)), profilesLoaded: true, profilesError: null });
      } catch (err) {
        set({ profilesError: errorMessage(err), profilesLoaded: true });
      }
    },

    refreshHistory: async () => {
      set({ historyLoading: true });
      try {
        const history = await invoke('radius.history.list', { limit: HISTORY_LIMIT });
        set({ history, historyLoading: false, historyError: null });
      } catch (err) {
        set({ historyLoading: false, historyError: errorMessage(err) });
      }
    },

    openHistoryRun: async (id) => {
      const cur = get().historyDetail;
      if (cur?.id === id && (cur.loading || cur.run)) return;
      set({ historyDetail: { id, loading: true, run: null, error: null } });
      try {
        const run = await invoke('radius.history.get', { id });
        if (get().historyDetail?.id !== id) return;
        set({ historyDetail: { id, loading: false, run, error: null } });
      } catch (err) {
        if (get().historyDetail?.id !== id) return;
        set({ historyDetail: { id, loading: false, run: null, error: errorMessage(err) } });
      }
    },

    closeHistoryRun: () => set({ historyDetail: null }),

    setTarget: (patch) => set((s) => ({ target: { ...s.target, ...patch } })),

    selectProfile: (id) => {
      const p = get().profiles.find((x) => x.id === id);
      set((s) => ({
        target: p
          ? { ...s.target, profileId: p.id, timeoutMs: String(p.timeoutMs), retries: String(p.retries), strict: p.strict }
          : { ...s.target, profileId: '' },
      }));
    },

    setForm: (patch) => set(patch),

    setAttr: (kind, index, patch) =>
      set((s) => ({ attrs: { ...s.attrs, [kind]: s.attrs[kind].map((r, i) => (i === index ? { ...r, ...patch } : r)) } })),

    addAttr: (kind, patch) => set((s) => ({ attrs: { ...s.attrs, [kind]: [...s.attrs[kind], row(patch)] } })),

    removeAttr: (kind, index) =>
      set((s) => {
        const rows = s.attrs[kind].filter((_, i) => i !== index);
        // errors of rows after the removed one would now point at the wrong row
        const fields = Object.fromEntries(Object.entries(s.errors[kind].fields).filter(([k]) => !k.startsWith('attr.')));
        return {
          attrs: { ...s.attrs, [kind]: rows.length > 0 ? rows : [row()] },
          errors: { ...s.errors, [kind]: { ...s.errors[kind], fields } },
        };
      }),

    clearError: (scope, field) => {
      const e = get().errors[scope];
      if (!e.fields[field]) return;
      const { [field]: _gone, ...fields } = e.fields;
      setErrors(scope, { ...e, fields });
    },

    send: async (kind) => {
      if (get().sending[kind]) return;
      const built = buildPacket(kind);
      if ('errors' in built) {
        setErrors(kind, built.errors);
        return;
      }
      setErrors(kind, NO_ERRORS);
      // the previous reply goes: what shows next is this packet's answer and nothing older
      set((s) => ({ sending: { ...s.sending, [kind]: true }, replies: { ...s.replies, [kind]: null } }));
      try {
        // each channel's request was checked against its own schema in buildPacket
        const reply = (await invoke(built.channel, built.req as never)) as RadiusReply;
        set((s) => ({ replies: { ...s.replies, [kind]: reply } }));
      } catch (err) {
        setErrors(kind, errorsFromServer(err, built.portKind, built.rowOf));
      } finally {
        set((s) => ({ sending: { ...s.sending, [kind]: false } }));
        void get().refreshHistory();
      }
    },

    setSessionForm: (patch) => set((s) => ({ sessionForm: { ...s.sessionForm, ...patch } })),

    startSession: async () => {
      const s = get();
      if (s.session.running) return;
      const sink = new ErrorSink();
      const f = s.sessionForm;
      // the target's port is the auth port; an ad-hoc server's accounting port travels beside it
      // (a profile knows its own)
      const target = targetFor('auth', sink);
      const acctPort = s.target.profileId ? undefined : intField(s.target.acctPort, 'acctPort', 'port', 1, 65535, sink);
      const options = buildSendOptions(s.target, sink);
      const interims = intField(f.interims, 'interims', 'interim updates', 0, 1000, sink);
      const intervalSec = numberField(f.intervalSec, 'intervalMs', 'interval', 0, 3600, sink);
      const mb = numberField(f.mbPerInterval, 'bytesPerInterval', 'volume', 0, 1e9, sink);
      const sessionRunId = newUuid();
      const req: RequestOf<'radius.session.run'> = {
        target,
        user: s.user,
        password: s.password,
        method: s.method,
        record: f.record,
        sessionRunId,
      };
      if (acctPort !== undefined) req.acctPort = acctPort;
      req.strict = options.strict;
      if (options.timeoutMs !== undefined) req.timeoutMs = options.timeoutMs;
      if (options.retries !== undefined) req.retries = options.retries;
      if (interims !== undefined) req.interims = interims;
      if (intervalSec !== undefined) req.intervalMs = Math.round(intervalSec * 1000);
      if (mb !== undefined) req.bytesPerInterval = Math.round(mb * 1_000_000);
      if (f.sessionId.trim()) req.sessionId = f.sessionId.trim();
      if (f.framedIp.trim()) req.framedIp = f.framedIp.trim();
      const subscriberId = s.prefill?.subscriberId;
      if (f.record && subscriberId) req.subscriberId = subscriberId;
      if (!sink.empty) {
        setErrors('session', sink.result());
        return;
      }
      const invalid = validateRequest('radius.session.run', req, 'auth');
      if (invalid) {
        setErrors('session', invalid);
        return;
      }
      setErrors('session', NO_ERRORS);
      set({ session: { runId: sessionRunId, running: true, stopping: false, steps: [], summary: null, startedAt: Date.now() } });
      try {
        const summary = await invoke('radius.session.run', req);
        if (get().session.runId !== sessionRunId) return;
        set((cur) => ({ session: { ...cur.session, running: false, stopping: false, summary, steps: mergeSteps(cur.session.steps, summary.steps) } }));
      } catch (err) {
        if (get().session.runId !== sessionRunId) return;
        set((cur) => ({ session: { ...cur.session, running: false, stopping: false } }));
        setErrors('session', errorsFromServer(err, 'auth'));
      } finally {
        void get().refreshHistory();
      }
    },

    stopSession: async () => {
      const { runId, running } = get().session;
      if (!runId || !running) return;
      set((s) => ({ session: { ...s.session, stopping: true } }));
      try {
        const r = await invoke('radius.session.stop', { sessionRunId: runId });
        if (!r.stopping) set((s) => ({ session: { ...s.session, stopping: false } }));
      } catch (err) {
        set((s) => ({ session: { ...s.session, stopping: false } }));
        setErrors('session', { fields: {}, form: `Could not stop the session: ${errorMessage(err)}` });
      }
    },

    setLoadForm: (patch) => set((s) => ({ loadForm: { ...s.loadForm, ...patch } })),

    startLoad: async () => {
      const s = get();
      if (s.load.running) return;
      const sink = new ErrorSink();
      const f = s.loadForm;
      const target = targetFor(f.kind === 'status' ? s.statusPort : 'auth', sink, 'auth');
      const options = buildSendOptions(s.target, sink);
      const count = intField(f.count, 'count', 'requests', 1, 10_000_000, sink);
      const concurrency = intField(f.concurrency, 'concurrency', 'concurrency', 1, 4096, sink);
      const rate = intField(f.rate, 'ratePerSecond', 'rate', 1, 1_000_000, sink);
      if (count === undefined) sink.add('count', 'how many requests to send');
      const taskId = newTaskId('radius-load');
      const req: RequestOf<'radius.load'> = { target, kind: f.kind, method: s.method, count: count ?? 0, strict: options.strict, taskId };
      if (f.kind === 'auth') {
        req.user = s.user;
        req.password = s.password;
      }
      if (concurrency !== undefined) req.concurrency = concurrency;
      if (rate !== undefined) req.ratePerSecond = rate;
      if (options.timeoutMs !== undefined) req.timeoutMs = options.timeoutMs;
      if (options.retries !== undefined) req.retries = options.retries;
      if (!sink.empty) {
        setErrors('load', sink.result());
        return;
      }
      const invalid = validateRequest('radius.load', req, f.kind === 'status' ? s.statusPort : 'auth');
      if (invalid) {
        setErrors('load', invalid);
        return;
      }
      setErrors('load', NO_ERRORS);
      const asked = `${(count ?? 0).toLocaleString()} ${f.kind === 'auth' ? `Access-Requests (${s.method.toUpperCase()})` : 'Status-Server'} at concurrency ${concurrency ?? 50}${rate ? `, ${rate.toLocaleString()}/s` : ''}`;
      const task = trackLocalTask(taskId, `RADIUS load test: ${asked}`);
      set({ load: { running: true, taskId, stopping: false, stopped: false, stats: null, count: req.count, asked } });
      try {
        const stats = await invoke('radius.load', req);
        task.settle();
        // a run sends every request it was asked for unless a stop cut it short (a stop racing the
        // last reply leaves a complete run, not a stopped one)
        set({ load: { running: false, taskId, stopping: false, stopped: stats.sent < req.count, stats, count: req.count, asked } });
      } catch (err) {
        task.settle(errorMessage(err));
        set((cur) => ({ load: { ...cur.load, running: false, stopping: false } }));
        setErrors('load', errorsFromServer(err, 'auth'));
      } finally {
        void get().refreshHistory();
      }
    },

    stopLoad: async () => {
      const { taskId, running, stopping } = get().load;
      if (!taskId || !running || stopping) return;
      const stillRunning = () => get().load.running && get().load.taskId === taskId;
      set((s) => ({ load: { ...s.load, stopping: true } }));
      try {
        for (let attempt = 0; ; attempt++) {
          const r = await invoke('radius.load.stop', { taskId });
          if (r.stopping || !stillRunning()) return;
          // the host has not registered the run yet (it was just started): ask again shortly
          if (attempt >= LOAD_STOP_RETRIES) break;
          await new Promise((resolve) => setTimeout(resolve, LOAD_STOP_RETRY_MS));
          if (!stillRunning()) return;
        }
        set((s) => ({ load: s.load.taskId === taskId ? { ...s.load, stopping: false } : s.load }));
      } catch (err) {
        set((s) => ({ load: s.load.taskId === taskId ? { ...s.load, stopping: false } : s.load }));
        setErrors('load', { fields: {}, form: `Could not stop the load test: ${errorMessage(err)}` });
      }
    },

    saveProfile: async (input) => {
      const saved = await invoke('radius.profiles.save', input);
      set((s) => ({
        profiles: [...s.profiles.filter((p) => p.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)),
      }));
      return saved;
    },

    deleteProfile: async (id) => {
      await invoke('radius.profiles.delete', { id });
      set((s) => ({
        profiles: s.profiles.filter((p) => p.id !== id),
        target: s.target.profileId === id ? { ...s.target, profileId: '' } : s.target,
      }));
    },

    applyPrefill: async (source, id) => {
      const cur = get().prefill;
      if (cur && cur.source === source && cur.id === id && cur.loading) return;
      set({
        prefill: {
          source,
          id,
          loading: true,
          deviceName: null,
          subscriberName: null,
          deviceId: source === 'device' ? id : null,
          subscriberId: source === 'subscriber' ? id : null,
          note: null,
          error: null,
        },
      });
      try {
        const r = await invoke('radius.prefill', source === 'device' ? { deviceId: id } : { subscriberId: id });
        if (!get().profilesLoaded) await get().loadProfiles();
        if (get().prefill?.id !== id) return;
        const patch: Partial<RadiusState> = {};
        let note: string | null = null;
        if (r.profileId && get().profiles.some((p) => p.id === r.profileId)) {
          get().selectProfile(r.profileId);
        } else if (r.host) {
          patch.target = { ...get().target, profileId: '', host: r.host, secret: '' };
          note = 'No saved profile for this NAS yet: type its shared secret, or save a profile to keep it in the vault.';
        } else if (source === 'device') {
          note = 'This device has no address to test against.';
        }
        if (r.user !== null) {
          patch.user = r.user;
          patch.password = '';
        }
        if (source === 'subscriber') {
          patch.sessionForm = { ...get().sessionForm, record: true };
          const login = r.user ? "Type the subscriber's password to test the login." : 'This subscriber has no RADIUS user name on record.';
          note = note ? `${login} ${note}` : login;
        }
        set({
          ...patch,
          tab: get().tab === 'history' || get().tab === 'load' ? 'auth' : get().tab,
          prefill: {
            source,
            id,
            loading: false,
            deviceName: r.deviceName,
            subscriberName: r.subscriberName,
            // the NAS: the device asked for, or the subscriber's access device
            deviceId: r.deviceId,
            subscriberId: source === 'subscriber' ? id : null,
            note,
            error: null,
          },
        });
      } catch (err) {
        set((s) => ({ prefill: s.prefill?.id === id ? { ...s.prefill, loading: false, error: errorMessage(err) } : s.prefill }));
      }
    },

    dismissPrefill: () => set({ prefill: null }),
  };
});

/** Steps by (step, index): the final summary is authoritative, events may have arrived first. */
function mergeSteps(live: readonly SessionStep[], final: readonly Omit<SessionStep, 'sessionRunId'>[]): SessionStep[] {
  const runId = live[0]?.sessionRunId ?? '';
  const byKey = new Map<string, SessionStep>();
  for (const s of live) byKey.set(`${s.step}:${s.index}`, s);
  for (const s of final) byKey.set(`${s.step}:${s.index}`, { ...s, sessionRunId: byKey.get(`${s.step}:${s.index}`)?.sessionRunId ?? runId });
  return [...byKey.values()].sort((a, b) => a.at - b.at || stepOrder(a) - stepOrder(b));
}

function stepOrder(s: Pick<SessionStep, 'step' | 'index'>): number {
  return (['auth', 'start', 'interim', 'stop'].indexOf(s.step) * 1e6) + s.index;
}

let started = false;

/** Subscribes the page to session steps and reconnections; called when the page first mounts. */
export function startRadiusSync(): void {
  if (started) return;
  started = true;
  onEvent('radius.session.step', (ev) => {
    const { session } = useRadius.getState();
    if (ev.sessionRunId !== session.runId) return;
    useRadius.setState((s) => ({
      session: { ...s.session, steps: mergeSteps([...s.session.steps.filter((x) => !(x.step === ev.step && x.index === ev.index)), ev], []) },
    }));
  });
  let lastEpoch = 0;
  const onConnection = (epoch: number) => {
    if (epoch <= lastEpoch) return;
    lastEpoch = epoch;
    void useRadius.getState().loadLookups();
  };
  useConnection.subscribe((c) => onConnection(c.epoch));
  onConnection(useConnection.getState().epoch);
}
