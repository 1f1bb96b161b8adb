// Device status from one poll, and the alarms it implies. Pure, so the rules are testable alone:
//   down      no answer to the sysUpTime GET;
//   degraded  it answers, but slowly (round trip over the slow threshold, or the poll ran past its
//             deadline), or an interface that is administratively up is operationally down;
//   up        it answers, promptly, and every admin-up interface is up.
import type { AlarmRaise } from '../alarms/alarmService';
import type { DevicePoll, PolledInterface } from './pollDevice';

export type PolledStatus = 'up' | 'degraded' | 'down';

export interface HealthThresholds {
  slowMs: number;
  cpuPct: number;
}

export interface Health {
  status: PolledStatus;
  slow: boolean;
  downInterfaces: PolledInterface[];
}

/** ifOperStatus values that mean "not passing traffic although it should". */
const OPER_DOWN = new Set(['down', 'lowerLayerDown']);

export function healthOf(poll: DevicePoll, t: HealthThresholds): Health {
  if (!poll.reachable) return { status: 'down', slow: false, downInterfaces: [] };
  const slow = poll.timedOut || (poll.rttMs ?? 0) > t.slowMs;
  const downInterfaces = poll.interfaces.filter((i) => i.adminStatus === 'up' && OPER_DOWN.has(i.operStatus));
  return { status: slow || downInterfaces.length > 0 ? 'degraded' : 'up', slow, downInterfaces };
}

export const deviceDownKey = (deviceId: string): string => `device.down:${deviceId}`;
export const interfaceDownKey = (deviceId: string, ifIndex: number): string => `interface.down:${deviceId}:${ifIndex}`;
export const cpuKey = (deviceId: string): string => `threshold.cpu:${deviceId}`;

/**
 * The alarms that should be open for this device after this poll. Interface and CPU alarms are
 * only judged when the device answered: an unreachable device keeps them as they were.
 */
export function wantedAlarms(deviceId: string, deviceName: string, poll: DevicePoll, health: Health, t: HealthThresholds): { open: AlarmRaise[]; judged: (key: string) => boolean } {
  const base = { deviceId, source: 'poller' } as const;
  if (health.status === 'down') {
    return {
      open: [{ ...base, severity: 'critical', kind: 'device.down', dedupKey: deviceDownKey(deviceId), message: `${deviceName} does not answer SNMP${poll.error === null ? '' : `: ${poll.error}`}` }],
      // only the device.down alarm is decided by a poll that got no answer
      judged: (key) => key === deviceDownKey(deviceId),
    };
  }
  const open: AlarmRaise[] = health.downInterfaces.map((i) => ({
    ...base,
    severity: 'major',
    kind: 'interface.down',
    dedupKey: interfaceDownKey(deviceId, i.ifIndex),
    message: `${deviceName} ${i.name} (ifIndex ${i.ifIndex}) is down while administratively up`,
  }));
  if (poll.cpuPct !== null && poll.cpuPct > t.cpuPct) {
    open.push({ ...base, severity: 'warning', kind: 'threshold.cpu', dedupKey: cpuKey(deviceId), message: `${deviceName} CPU at ${poll.cpuPct.toFixed(0)} % (threshold ${t.cpuPct} %)` });
  }
  // a poll cut short by its deadline may have missed the interface table: judge only what it saw
  const seen = new Set(poll.interfaces.map((i) => interfaceDownKey(deviceId, i.ifIndex)));
  const complete = !poll.timedOut;
  return {
    open,
    judged: (key) => key === deviceDownKey(deviceId) || (complete && (key === cpuKey(deviceId) || key.startsWith(`interface.down:${deviceId}:`))) || seen.has(key),
  };
}
