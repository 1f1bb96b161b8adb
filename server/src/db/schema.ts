// The central database (PostgreSQL; PGlite when no DATABASE_URL is set). Two halves:
// - identity: tenants, users, refresh-token families, signing keys (shared by every instance, so
//   the service stays stateless behind a load balancer);
// - sync: one `sync_rows` table holds every synced table's rows as JSONB keyed by
//   (tenant, table, row id), with the version of each field's last change and who made it, which is
//   what per-field conflict detection needs. Why one generic table instead of a mirror of each
//   cache table: the server then has no per-table code to keep in step with the console's schema,
//   and a new synced table is one line in shared/sync/tables.ts (docs/ARCHITECTURE.md, "Sync").
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** The tenant's change sequence: the last version handed out. Bumped under the row lock. */
  changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    username: text('username').notNull(),
    /** scrypt: `scrypt$N$r$p$salt$hash` (base64). */
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    /** TOTP secret (base32), set at enrolment; `mfaEnabled` once a code verified it. */
    totpSecret: text('totp_secret'),
    mfaEnabled: boolean('mfa_enabled').notNull().default(false),
    /** The TOTP step of the last code accepted: a code is good once (no replay within its window). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /** scrypt hashes of unused recovery codes. */
    recoveryCodes: jsonb('recovery_codes').$type<string[]>().notNull().default([]),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_tenant_username').on(t.tenantId, t.username)],
);

/** One row per issued refresh token; a family is one login's chain of rotations. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tenantId: uuid('tenant_id').notNull(),
    /** SHA-256 of the token: the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_family').on(t.familyId)],
);

/** RS256 key pairs; the newest signs, all verify (rotation without logging everyone out). */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  privatePem: text('private_pem').notNull(),
  publicPem: text('public_pem').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const syncRows = pgTable(
  'sync_rows',
  {
    tenantId: uuid('tenant_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    /** The tenant change sequence value of the row's last change. */
    version: bigint('version', { mode: 'number' }).notNull(),
    /** Full row by drizzle property name (the console's cache fields). */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** field → { v: version of its last change, c: client id, u: user name }. */
    fieldVersions: jsonb('field_versions').$type<Record<string, { v: number; c: string; u: string }>>().notNull(),
    deletedAt: bigint('deleted_at', { mode: 'number' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.tableName, t.rowId] }),
    index('sync_rows_tenant_version').on(t.tenantId, t.version),
    // A row id belongs to one tenant only (H2): the console's cache keys rows by id alone, and an
    // insert reusing another tenant's id must be refused without touching that row. Unique, so
    // even two tenants inserting the same new id at the same moment cannot both succeed.
    uniqueIndex('sync_rows_table_row').on(t.tableName, t.rowId),
  ],
);

/** Every mutation applied, with its result: a repeat of (client, id) answers from here. */
export const appliedMutations = pgTable(
  'applied_mutations',
  {
    tenantId: uuid('tenant_id').notNull(),
    clientId: text('client_id').notNull(),
    mutationId: text('mutation_id').notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.clientId, t.mutationId] })],
);

/** Losing values, kept: nothing a user typed is silently dropped. */
export const syncConflicts = pgTable(
  'sync_conflicts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    winner: jsonb('winner'),
    loser: jsonb('loser'),
    loserBy: text('loser_by'),
    policy: text('policy').notNull(),
    clientId: text('client_id').notNull(),
    mutationId: text('mutation_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sync_conflicts_tenant').on(t.tenantId, t.createdAt)],
);
