// Per-field conflict detection and resolution: the pure heart of a push. Kept free of I/O so every
// policy rule is unit-tested directly (tests/unit/sync/fieldMerge.test.ts).
//
// A field conflicts when someone else changed it after the version the pusher's edit was based on
// and the two values differ. Equal values are not a conflict (two people fixing the same typo the
// same way agree). A field the pusher itself changed later than its base (two queued edits of one
// row built on the same base) is not a conflict either: the client id tells them apart.
import type { ConflictPolicy } from '../../../shared/sync/tables';
import { SERVER_FIELDS } from '../../../shared/sync/tables';

export type FieldValue = string | number | boolean | null;

/** Who last changed a field and at which version (sync_rows.field_versions). */
export interface FieldStamp {
  v: number;
  /** Client id. */
  c: string;
  /** User name (shown as "loser by" in the conflicts inbox). */
  u: string;
}

export interface MergeInput {
  policy: Exclude<ConflictPolicy, 'insert-only'>;
  baseVersion: number;
  clientId: string;
  username: string;
  /** The server's current row data. */
  current: Readonly<Record<string, unknown>>;
  fieldVersions: Readonly<Record<string, FieldStamp>>;
  patch: Readonly<Record<string, FieldValue>>;
}

export interface FieldConflict {
  field: string;
  /** The value the row keeps. */
  winner: unknown;
  /** The value that lost. */
  loser: unknown;
  loserBy: string | null;
}

export interface MergeResult {
  /** Fields to write (value changes only; server-owned fields never appear). */
  changes: Record<string, FieldValue>;
  conflicts: FieldConflict[];
}

/** JSON scalars only (rowPatchSchema), so strict equality is value equality; a missing field is null. */
function sameValue(a: unknown, b: unknown): boolean {
  return (a === undefined ? null : a) === (b === undefined ? null : b);
}

export function mergePatch(input: MergeInput): MergeResult {
  const changes: Record<string, FieldValue> = {};
  const conflicts: FieldConflict[] = [];
  for (const [field, value] of Object.entries(input.patch)) {
    if (SERVER_FIELDS.has(field)) continue;
    const serverValue = Object.hasOwn(input.current, field) ? input.current[field] : null;
    if (sameValue(serverValue, value)) continue;
    const stamp = Object.hasOwn(input.fieldVersions, field) ? input.fieldVersions[field] : undefined;
    const concurrent = stamp !== undefined && stamp.v > input.baseVersion && stamp.c !== input.clientId;
    if (!concurrent) {
      changes[field] = value;
      continue;
    }
    if (input.policy === 'field-lww') {
      // The later pusher wins; the value it overwrites is kept for that pusher to review.
      changes[field] = value;
      conflicts.push({ field, winner: value, loser: serverValue ?? null, loserBy: stamp.u });
    } else {
      // server-wins: the row keeps what the server had; the pusher's value is the one kept aside.
      conflicts.push({ field, winner: serverValue ?? null, loser: value, loserBy: input.username });
    }
  }
  return { changes, conflicts };
}

/** Field names a patch may carry: the cache's drizzle property names (and never a prototype key). */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The first bad field name in a patch, or null. */
export function invalidFieldName(patch: Readonly<Record<string, unknown>>): string | null {
  for (const field of Object.keys(patch)) if (!FIELD_NAME.test(field)) return field;
  return null;
}
