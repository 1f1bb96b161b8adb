// Channel and event names of Alarms and SNMP traps, zod-free for the preload; must list exactly the
// keys of alarmChannels / alarmEvents in shared/ipc/alarmSchemas.ts (tests/unit/ipc-contract.test.ts checks).
export const ALARM_CHANNEL_NAMES = ['alarms.list', 'alarms.get', 'alarms.ack', 'alarms.clear', 'traps.status', 'traps.config'] as const;
export const ALARM_EVENT_NAMES = ['alarms.changed', 'alarms.raised', 'traps.received'] as const;
