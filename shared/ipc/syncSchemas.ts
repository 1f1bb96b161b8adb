// IPC contract of sync with the central service: session (login/logout), status chip, manual
// sync, the outbox view (pending / needs review, retry / discard), the conflicts inbox (both
// values, choose or merge) and the site pack. Passwords and tokens go in (login) but never come
// out: no response or event schema has a field that could carry them, and the dispatcher parses
// every response with these schemas.
import { z } from 'zod';
import type { Permission } from '../domain/permissions';
import { ROLES } from '../domain/permissions';
import { uuid } from './validators';

const epochMs = z.number().int().min(0);
/** A row field's value as the cache holds it (SQLite has nothing richer). */
const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const syncId = z.string().min(1).max(100);
const seqList = z.array(z.number().int().min(1)).min(1).max(1000);

export const syncStatusSchema = z.object({
  /** A server session exists (possibly only offline-unlocked). */
  loggedIn: z.boolean(),
  serverUrl: z.string().nullable(),
  tenantId: z.string().nullable(),
  tenantSlug: z.string().nullable(),
  username: z.string().nullable(),
  /** The role the server granted (null: not logged in). The role enforced is app.info's. */
  role: z.enum(ROLES).nullable(),
  online: z.boolean(),
  syncing: z.boolean(),
  pending: z.number().int(),
  review: z.number().int(),
  conflicts: z.number().int(),
  cursor: z.number().int(),
  lastSyncAt: epochMs.nullable(),
  lastContactAt: epochMs.nullable(),
  /** Until when the last session works without reaching the server (then: viewer until a login). */
  offlineUnlockUntil: epochMs.nullable(),
  lastError: z.string().nullable(),
});

export const outboxItemSchema = z.object({
  seq: z.number().int(),
  mutationId: z.string(),
  table: z.string(),
  rowId: z.string(),
  op: z.enum(['insert', 'update', 'delete']),
  baseVersion: z.number().int(),
  /** The changed fields (sealed secrets shown as "(sealed)"). */
  patch: z.record(z.string(), z.unknown()),
  createdAt: epochMs,
  status: z.enum(['pending', 'review']),
  reviewCode: z.string().nullable(),
  reviewMessage: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});

export const conflictItemSchema = z.object({
  id: z.string(),
  table: z.string(),
  rowId: z.string(),
  field: z.string(),
  mine: fieldValue,
  theirs: fieldValue,
  /** Who wrote their value, when the server knows. */
  theirsBy: z.string().nullable(),
  /** Which value the row kept when the conflict happened (the table's policy decided). */
  winner: z.enum(['mine', 'theirs']),
  policy: z.string(),
  /** The row's value in this cache now. */
  current: fieldValue,
  createdAt: epochMs,
  resolvedAt: epochMs.nullable(),
  resolution: z.enum(['mine', 'theirs', 'merged']).nullable(),
});

export const sitePackSiteSchema = z.object({
  siteId: uuid,
  code: z.string(),
  name: z.string(),
  devices: z.number().int(),
  links: z.number().int(),
  interfaces: z.number().int(),
  configBackups: z.number().int(),
  knownHosts: z.number().int(),
  subscribers: z.number().int(),
});

export const syncChannels = {
  'sync.status': {
    summary: 'Sync state: session, online/offline, pending and review counts, conflicts, last sync',
    permission: 'sync:read',
    request: z.object({}).strict(),
    response: syncStatusSchema,
  },
  'sync.login': {
    summary: 'Log in to the central sync service and make its tenant and role this console’s',
    permission: 'app:read',
    request: z
      .object({
        server: z.string().trim().url().max(2048).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
        tenant: z.string().trim().min(1).max(100),
        username: z.string().trim().min(1).max(100),
        password: z.string().min(1).max(1000),
        otp: z.string().trim().min(6).max(32).optional(),
      })
      .strict(),
    response: syncStatusSchema,
  },
  'sync.logout': {
    summary: 'Log out of the central sync service (the cache stays; the role drops to viewer)',
    permission: 'app:read',
    request: z.object({}).strict(),
    response: syncStatusSchema,
  },
  'sync.now': {
    summary: 'Sync now: push the outbox, then pull every change since the cursor',
    permission: 'app:read',
    request: z.object({}).strict(),
    response: z.object({
      pushed: z.number().int(),
      rejected: z.number().int(),
      pulled: z.number().int(),
      conflicts: z.number().int(),
      status: syncStatusSchema,
    }),
  },
  'sync.outbox.list': {
    summary: 'Local changes not yet on the server: pending, or refused and waiting for review',
    permission: 'sync:read',
    request: z
      .object({
        status: z.enum(['pending', 'review']).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    response: z.object({ items: z.array(outboxItemSchema), total: z.number().int() }),
  },
  'sync.outbox.retry': {
    summary: 'Send refused outbox entries again (review → pending)',
    permission: 'sync:read',
    request: z.object({ seqs: seqList }).strict(),
    response: z.object({ retried: z.number().int() }),
  },
  'sync.outbox.discard': {
    summary: 'Drop outbox entries: the change is never sent',
    permission: 'sync:read',
    request: z.object({ seqs: seqList }).strict(),
    response: z.object({ discarded: z.number().int(), note: z.string() }),
  },
  'sync.conflicts.list': {
    summary: 'Conflicting field edits with both values',
    permission: 'sync:read',
    request: z
      .object({
        includeResolved: z.boolean().default(false),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    response: z.object({ items: z.array(conflictItemSchema) }),
  },
  'sync.conflicts.resolve': {
    summary: 'Settle a conflict: keep mine, take theirs, or write a merged text',
    permission: 'sync:read',
    request: z
      .object({
        id: syncId,
        choice: z.enum(['mine', 'theirs', 'merged']),
        value: z.string().max(100_000).optional(),
      })
      .strict()
      .refine((r) => (r.choice === 'merged') === (r.value !== undefined), {
        message: 'value is required with choice "merged" and only then',
        path: ['value'],
      }),
    response: z.object({
      id: z.string(),
      resolution: z.enum(['mine', 'theirs', 'merged']),
      value: fieldValue,
      /** A new local change was queued (the chosen value differed from the row's). */
      queuedChange: z.boolean(),
    }),
  },
  'sync.sitePack': {
    summary: 'Pull everything now and show what the chosen sites carry offline',
    permission: 'sync:read',
    request: z.object({ siteIds: z.array(uuid).min(1).max(500) }).strict(),
    response: z.object({
      /** The pull reached the server; false: the counts are what the cache already held. */
      synced: z.boolean(),
      message: z.string().nullable(),
      lastSyncAt: epochMs.nullable(),
      sites: z.array(sitePackSiteSchema),
    }),
  },
} as const satisfies Record<string, { summary: string; permission: Permission; request: z.ZodType; response: z.ZodType }>;

export const syncEvents = {
  'sync.status': syncStatusSchema,
} as const;

export type SyncStatus = z.infer<typeof syncStatusSchema>;
export type OutboxItem = z.infer<typeof outboxItemSchema>;
export type ConflictItem = z.infer<typeof conflictItemSchema>;
export type SitePackSite = z.infer<typeof sitePackSiteSchema>;
