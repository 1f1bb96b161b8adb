// The stored `detail` of a past run arrives as unknown JSON (`radius.history.get`): narrowed here
// with the contract's own schemas before anything renders it, falling back to the raw JSON when it
// does not parse (a row written by an older or newer console).
import { z } from 'zod';
import { radiusLoadStatsSchema, radiusReplySchema, radiusSessionSummarySchema } from '../../../../shared/ipc/radiusSchemas';
import type { LoadStats, RadiusReply, RadiusRunDetail } from './types';

/** A single packet's reply as the host stores it: the reply of `radius.auth` & co. without runId/server. */
export const storedReplySchema = radiusReplySchema.omit({ runId: true, server: true });

/** A simulated session as the host stores it: the simulator's result (counters as decimal strings). */
export const storedSessionSchema = radiusSessionSummarySchema.pick({ acctSessionId: true, steps: true, completed: true, error: true }).extend({
  startedAt: z.number().nullable().optional(),
  stoppedAt: z.number().nullable().optional(),
  framedIp: z.string().nullable().optional(),
  counters: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type StoredSession = z.output<typeof storedSessionSchema>;

export type DetailView =
  | { kind: 'reply'; reply: RadiusReply }
  | { kind: 'load'; stats: LoadStats }
  | { kind: 'session'; session: StoredSession }
  | { kind: 'raw'; json: string; note: string | null };

const PACKET_KINDS = new Set<RadiusRunDetail['kind']>(['auth', 'acct', 'status', 'coa', 'disconnect']);

/** How to show a run's detail: the reply panel, load stats, a session, or its JSON as stored. */
export function narrowDetail(run: RadiusRunDetail): DetailView {
  const d = run.detail;
  if (PACKET_KINDS.has(run.kind)) {
    const r = storedReplySchema.safeParse(d);
    // runId and server are the run row's own
    if (r.success) return { kind: 'reply', reply: { ...r.data, runId: run.id, server: run.server } };
    return raw(d, 'The stored reply is not in the shape this console knows; shown as stored.');
  }
  if (run.kind === 'load') {
    const r = radiusLoadStatsSchema.safeParse(d);
    return r.success ? { kind: 'load', stats: r.data } : raw(d, 'The stored load statistics are not in the shape this console knows; shown as stored.');
  }
  const r = storedSessionSchema.safeParse(d);
  return r.success ? { kind: 'session', session: r.data } : raw(d, null);
}

function raw(detail: unknown, note: string | null): DetailView {
  let json: string;
  try {
    json = detail === undefined ? 'null' : (JSON.stringify(detail, null, 2) ?? String(detail));
  } catch {
    json = String(detail);
  }
  return { kind: 'raw', json, note };
}
