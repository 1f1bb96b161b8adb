// The sync wire protocol between a console and the central service (HTTP + JSON, one schema per
// message, validated on both ends). Shape and rules:
// - push: a client's queued mutations, applied in one transaction, each exactly once: the server
//   remembers (clientId, mutation id) with its result and answers a repeat with the same result.
// - every mutation gets one result: applied (with the row's new version and any conflicts), or
//   rejected (validation or permission: permanent, the client moves it to its review list; the
//   queue goes on). A transient failure is an HTTP error for the whole push: retried, forever.
// - pull: the rows of the tenant changed after a cursor, oldest first, in batches, deletes as
//   tombstones (`deletedAt` set). The cursor is the tenant's change sequence; `version` of a row is
//   the sequence value of its last change, so "version > cursor" is exactly "changed since".
import { z } from 'zod';
import { SYNC_TABLE_NAMES, type SyncTableName } from './tables';

const id = z.string().min(1).max(100);
const tableName = z.enum(SYNC_TABLE_NAMES as [SyncTableName, ...SyncTableName[]]);
/** A row's fields by drizzle property name; values are JSON scalars (SQLite holds nothing else). */
export const rowPatchSchema = z.record(z.string().min(1).max(64), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type RowPatch = z.infer<typeof rowPatchSchema>;

export const mutationSchema = z.object({
  id,
  table: tableName,
  op: z.enum(['insert', 'update', 'delete']),
  rowId: id,
  /** The row version the client's change was made on (0: a row the client created). */
  baseVersion: z.number().int().min(0),
  patch: rowPatchSchema,
});
export type Mutation = z.infer<typeof mutationSchema>;

export const MAX_PUSH_MUTATIONS = 5000;
export const pushRequestSchema = z.object({
  clientId: id,
  mutations: z.array(mutationSchema).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const conflictSchema = z.object({
  id,
  table: tableName,
  rowId: id,
  field: z.string(),
  /** The value the row keeps. */
  winner: z.unknown(),
  /** The value that lost: the server's earlier one (field-lww) or this client's (server-wins). */
  loser: z.unknown(),
  /** Who wrote the losing value (a user name), when known. */
  loserBy: z.string().nullable(),
  policy: z.enum(['field-lww', 'server-wins', 'insert-only']),
  mutationId: id,
});
export type SyncConflict = z.infer<typeof conflictSchema>;

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.object({ id, status: z.literal('applied'), version: z.number().int(), conflicts: z.array(conflictSchema) }),
  z.object({ id, status: z.literal('rejected'), code: z.enum(['VALIDATION', 'PERMISSION_DENIED', 'NOT_FOUND', 'CONFLICT']), message: z.string() }),
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(mutationResultSchema),
  /** The tenant's cursor after this push. */
  cursor: z.number().int(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
  cursor: z.number().int().min(0),
  limit: z.number().int().min(1).max(50_000).default(5000),
  /** Only these tables (default: every table the role may read). */
  tables: z.array(tableName).optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const pulledRowSchema = z.object({
  table: tableName,
  rowId: id,
  version: z.number().int(),
  /** Full row (property names), or null for a tombstone. */
  data: rowPatchSchema.nullable(),
  deletedAt: z.number().int().nullable(),
});
export type PulledRow = z.infer<typeof pulledRowSchema>;

export const pullResponseSchema = z.object({
  rows: z.array(pulledRowSchema),
  /** Pass back as the next request's cursor. */
  cursor: z.number().int(),
  /** More rows after this batch. */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** The live channel (server-sent events on GET /v1/sync/events): a new cursor exists. */
export const pokeSchema = z.object({ cursor: z.number().int() });

// ---- auth ----
export const loginRequestSchema = z.object({
  tenant: z.string().min(1).max(100),
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
  /** TOTP code, or a recovery code, when the user has MFA. */
  otp: z.string().min(6).max(32).optional(),
  clientId: id.optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id,
  tenantId: id,
  tenantSlug: z.string(),
  username: z.string(),
  role: z.enum(['viewer', 'technician', 'senior_technician', 'billing', 'admin']),
  mfa: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const tokenResponseSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  user: sessionUserSchema,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(10).max(500) });
export const mfaEnrolResponseSchema = z.object({ otpauthUri: z.string(), secret: z.string(), qrSvg: z.string() });
export const mfaVerifyRequestSchema = z.object({ otp: z.string().min(6).max(10) });
export const mfaVerifyResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });

/** Error body of every refusal: the same `{code, message}` as the console's IPC errors. */
export const errorBodySchema = z.object({ code: z.string(), message: z.string() });

/** Codes the auth endpoints answer with (401 body `code`). */
export const AUTH_ERROR_CODES = ['AUTH_FAILED', 'MFA_REQUIRED', 'MFA_FAILED', 'LOCKED', 'TOKEN_EXPIRED', 'TOKEN_INVALID', 'TOKEN_REUSED'] as const;
