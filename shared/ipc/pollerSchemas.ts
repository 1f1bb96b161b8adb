// IPC contract of The SNMP poller (live monitoring). Channels and events are added here and their names in
// shared/ipc/names/poller.ts (the preload's zod-free list).
import { z } from 'zod';

export const pollerChannels = {} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export const pollerEvents = {} as const satisfies Record<string, z.ZodType>;
