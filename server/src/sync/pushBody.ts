// Reads a push body leniently: a malformed mutation is that mutation's rejection (VALIDATION),
// never a 400 for the whole push, or one bad entry would block a console's queue forever.
// Only a body whose envelope is unusable (no clientId, no array, an entry without an id to
// answer to) is refused as a whole.
import { z } from 'zod';
import { MAX_PUSH_MUTATIONS, mutationSchema, type Mutation, type MutationResult } from '../../../shared/sync/protocol';

const envelopeSchema = z.object({
  clientId: z.string().min(1).max(100),
  mutations: z.array(z.object({ id: z.string().min(1).max(100) }).loose()).max(MAX_PUSH_MUTATIONS),
});

export type PushEntry = { ok: true; mutation: Mutation } | { ok: false; result: MutationResult };

export interface ParsedPush {
  clientId: string;
  entries: PushEntry[];
}

/** Throws a ZodError (→ 400 VALIDATION) only for an unusable envelope. */
export function parsePushBody(body: unknown): ParsedPush {
  const envelope = envelopeSchema.parse(body);
  const entries = envelope.mutations.map((raw): PushEntry => {
    const parsed = mutationSchema.safeParse(raw);
    if (parsed.success) return { ok: true, mutation: parsed.data };
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, result: { id: raw.id, status: 'rejected', code: 'VALIDATION', message: `${where}${issue?.message ?? 'invalid mutation'}` } };
  });
  return { clientId: envelope.clientId, entries };
}
