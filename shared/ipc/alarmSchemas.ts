// IPC contract of Alarms and SNMP traps. Channels and events are added here and their names in
// shared/ipc/names/alarms.ts (the preload's zod-free list).
import { z } from 'zod';

export const alarmChannels = {} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

export const alarmEvents = {} as const satisfies Record<string, z.ZodType>;
