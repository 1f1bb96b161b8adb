// Channel and event names of The SNMP poller (live monitoring), zod-free for the preload; must list exactly the
// keys of pollerChannels / pollerEvents in shared/ipc/pollerSchemas.ts (tests/unit/ipc-contract.test.ts checks).
export const POLLER_CHANNEL_NAMES = ['poller.status', 'poller.pollNow', 'poller.samples', 'poller.interfaces'] as const;
export const POLLER_EVENT_NAMES = ['poller.sample', 'poller.cycle'] as const;
