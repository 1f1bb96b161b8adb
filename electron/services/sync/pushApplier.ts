// Applies the server's answer to one pushed batch, in one transaction: an applied mutation leaves
// the outbox and stamps the row with its new version (conflicts go to the inbox); a rejected one
// moves to review with the server's code and message — it never blocks the mutations after it.
// A mutation the answer does not mention stays pending and goes again next time.
import type Database from 'better-sqlite3';
import type { Mutation, PushResponse } from '../../../shared/sync/protocol';
import { isSyncTable } from '../../../shared/sync/tables';
import type { ConflictStore } from './conflictStore';
import type { OutboxStore } from './outboxStore';

export interface PushOutcome {
  applied: number;
  rejected: number;
  conflicts: number;
}

export function applyPushResults(
  sqlite: Database.Database,
  outbox: OutboxStore,
  conflicts: ConflictStore,
  tenantId: string,
  sent: readonly { seq: number; mutation: Mutation }[],
  response: PushResponse,
  now: number,
): PushOutcome {
  const byId = new Map(sent.map((s) => [s.mutation.id, s]));
  const out: PushOutcome = { applied: 0, rejected: 0, conflicts: 0 };
  sqlite.transaction(() => {
    for (const r of response.results) {
      const s = byId.get(r.id);
      if (!s) continue;
      if (r.status === 'applied') {
        outbox.remove(s.seq);
        if (isSyncTable(s.mutation.table)) {
          // max(): a pull may already have brought a later version of this row
          sqlite
            .prepare(`UPDATE ${s.mutation.table} SET version = max(version, ?) WHERE id = ? AND tenant_id = ?`)
            .run(r.version, s.mutation.rowId, tenantId);
        }
        for (const c of r.conflicts) {
          conflicts.add(tenantId, c, now);
          out.conflicts++;
        }
        out.applied++;
      } else {
        outbox.markReview(s.seq, r.code, r.message);
        out.rejected++;
      }
    }
  })();
  return out;
}
