// IPC contract of Discovery (sweep, identify, LLDP links) and the topology map. Channels and events are added here and their names in
// shared/ipc/names/discovery.ts (the preload's zod-free list).
import { z } from 'zod';

export const discoveryChannels = {} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export const discoveryEvents = {} as const satisfies Record<string, z.ZodType>;
