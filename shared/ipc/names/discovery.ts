// Channel and event names of Discovery (sweep, identify, LLDP links) and the topology map, zod-free for the preload; must list exactly the
// keys of discoveryChannels / discoveryEvents in shared/ipc/discoverySchemas.ts (tests/unit/ipc-contract.test.ts checks).
export const DISCOVERY_CHANNEL_NAMES = ['discovery.run', 'discovery.stop', 'topology.graph', 'topology.positions.save'] as const;
export const DISCOVERY_EVENT_NAMES = [] as const;
