// Channel and event names of sync with the central service, zod-free for the preload; must list exactly the
// keys of syncChannels / syncEvents in shared/ipc/syncSchemas.ts (tests/unit/ipc-contract.test.ts checks).
export const SYNC_CHANNEL_NAMES = [
  'sync.status',
  'sync.login',
  'sync.logout',
  'sync.now',
  'sync.outbox.list',
  'sync.outbox.retry',
  'sync.outbox.discard',
  'sync.conflicts.list',
  'sync.conflicts.resolve',
  'sync.sitePack',
] as const;
export const SYNC_EVENT_NAMES = ['sync.status'] as const;
