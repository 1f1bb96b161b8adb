// One subscriber session as a NAS would report it: Access-Request, Accounting Start, Interim-Updates
// whose octet and packet counters grow past 4 GiB (Acct-*-Gigawords carry the high 32 bits, RFC
// 2869 §5.1–5.2), and Stop. Steps are reported as they happen; an abort ends the session early
// with a proper Stop, as a technician pulling the plug would expect.
import { randomBytes } from 'node:crypto';
import type { RadiusAuthMethod } from '../../../shared/domain/radius';
import { CODE, type OutgoingAttribute } from './packet';
import type { ClientReply, RadiusClient, SendOptions, ServerTarget } from './radiusClient';

export type SessionStepName = 'auth' | 'start' | 'interim' | 'stop';

export interface SessionStep {
  step: SessionStepName;
  index: number;
  at: number;
  outcome: ClientReply['outcome'];
  code: string | null;
  rttMs: number | null;
  inputOctets: string;
  outputOctets: string;
}

export interface SessionPlan {
  readonly auth: ServerTarget;
  readonly acct: ServerTarget;
  readonly user: string;
  readonly password: string;
  readonly method: RadiusAuthMethod;
  readonly interims: number;
  readonly intervalMs: number;
  readonly bytesPerInterval: number;
  readonly sessionId?: string;
  readonly framedIp?: string;
  readonly nasIdentifier: string;
  readonly options: SendOptions;
  readonly signal?: AbortSignal;
  readonly onStep?: (s: SessionStep) => void;
}

export interface SessionCounters {
  inputOctets: bigint;
  outputOctets: bigint;
  inputPackets: bigint;
  outputPackets: bigint;
  sessionTime: number;
}

export interface SessionResult {
  acctSessionId: string;
  steps: SessionStep[];
  completed: boolean;
  error: string | null;
  startedAt: number | null;
  stoppedAt: number | null;
  framedIp: string | null;
  counters: SessionCounters;
}

const TERMINATE_USER_REQUEST = 1;
const TERMINATE_ADMIN_RESET = 6;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function simulateSession(client: RadiusClient, plan: SessionPlan): Promise<SessionResult> {
  const acctSessionId = plan.sessionId ?? randomBytes(8).toString('hex').toUpperCase();
  const counters: SessionCounters = { inputOctets: 0n, outputOctets: 0n, inputPackets: 0n, outputPackets: 0n, sessionTime: 0 };
  const steps: SessionStep[] = [];
  const result: SessionResult = { acctSessionId, steps, completed: false, error: null, startedAt: null, stoppedAt: null, framedIp: plan.framedIp ?? null, counters };

  const record = (step: SessionStepName, index: number, reply: ClientReply): void => {
    const s: SessionStep = {
      step,
      index,
      at: Date.now(),
      outcome: reply.outcome,
      code: reply.code,
      rttMs: reply.rttMs,
      inputOctets: counters.inputOctets.toString(),
      outputOctets: counters.outputOctets.toString(),
    };
    steps.push(s);
    plan.onStep?.(s);
  };

  const auth = client.authAttributes(plan.user, plan.password, plan.method);
  const nas = plan.nasIdentifier ? [client.text('NAS-Identifier', plan.nasIdentifier)] : [];
  const authReply = await client.send(plan.auth, CODE.accessRequest, [...auth.attrs, ...nas, client.text('Acct-Session-Id', acctSessionId)], plan.options, auth.checkSuccess);
  record('auth', 0, authReply);
  if (authReply.code !== 'Access-Accept' || authReply.outcome !== 'reply') {
    result.error = authReply.outcome === 'reply' ? `the server answered ${authReply.code}` : (authReply.hint ?? 'no reply');
    return result;
  }
  result.framedIp ??= authReply.attributes.find((a) => a.name === 'Framed-IP-Address')?.value ?? null;

  const acctAttrs = (statusType: number, extra: OutgoingAttribute[] = []): OutgoingAttribute[] => {
    const list = [
      client.uint('Acct-Status-Type', statusType),
      client.text('User-Name', plan.user),
      client.text('Acct-Session-Id', acctSessionId),
      client.uint('Event-Timestamp', Math.floor(Date.now() / 1000)),
      client.uint('Acct-Delay-Time', 0),
      ...nas,
      ...extra,
    ];
    if (result.framedIp && /^\d+\.\d+\.\d+\.\d+$/.test(result.framedIp)) list.push(client.attr('Framed-IP-Address', Buffer.from(result.framedIp.split('.').map(Number))));
    return list;
  };
  const counterAttrs = (): OutgoingAttribute[] => {
    const lo = (n: bigint): number => Number(n & 0xffffffffn);
    const hi = (n: bigint): number => Number(n >> 32n);
    return [
      client.uint('Acct-Input-Octets', lo(counters.inputOctets)),
      client.uint('Acct-Input-Gigawords', hi(counters.inputOctets)),
      client.uint('Acct-Output-Octets', lo(counters.outputOctets)),
      client.uint('Acct-Output-Gigawords', hi(counters.outputOctets)),
      client.uint('Acct-Input-Packets', lo(counters.inputPackets)),
      client.uint('Acct-Output-Packets', lo(counters.outputPackets)),
      client.uint('Acct-Session-Time', counters.sessionTime),
    ];
  };

  const start = await client.send(plan.acct, CODE.accountingRequest, acctAttrs(1), plan.options);
  result.startedAt = Date.now();
  record('start', 0, start);
  if (start.outcome !== 'reply') {
    result.error = start.hint ?? 'Accounting Start was not answered';
    return result;
  }

  const startMs = Date.now();
  const grow = (): void => {
    const down = BigInt(plan.bytesPerInterval);
    const up = down / 10n;
    counters.outputOctets += down;
    counters.inputOctets += up;
    // ~1400-byte packets down, ~200-byte ACK-ish packets up
    counters.outputPackets += down / 1400n;
    counters.inputPackets += up / 200n;
    counters.sessionTime = Math.round((Date.now() - startMs) / 1000);
  };

  for (let i = 1; i <= plan.interims && !plan.signal?.aborted; i++) {
    await sleep(plan.intervalMs, plan.signal);
    if (plan.signal?.aborted) break;
    grow();
    const interim = await client.send(plan.acct, CODE.accountingRequest, [...acctAttrs(3), ...counterAttrs()], plan.options);
    record('interim', i, interim);
  }
  if (!plan.signal?.aborted) await sleep(plan.intervalMs, plan.signal);
  counters.sessionTime = Math.round((Date.now() - startMs) / 1000);
  const cause = plan.signal?.aborted ? TERMINATE_ADMIN_RESET : TERMINATE_USER_REQUEST;
  const stop = await client.send(plan.acct, CODE.accountingRequest, [...acctAttrs(2, [client.uint('Acct-Terminate-Cause', cause)]), ...counterAttrs()], plan.options);
  result.stoppedAt = Date.now();
  record('stop', 0, stop);
  result.completed = stop.outcome === 'reply';
  if (!result.completed) result.error = stop.hint ?? 'Accounting Stop was not answered';
  return result;
}
