// Notifications for new CRITICAL alarms through the standard Notification API: in a browser (the
// web host) it is the browser's notification; in Electron Chromium shows it as a desktop one.
// Permission is asked once per browser profile and never awaited: a denied or pending permission
// only means no notification, the page works the same.
import type { ResponseOf } from '../../../../shared/ipc/channels';
import { onEvent } from '../../lib/api';

const ASKED_KEY = 'noc.alarms.notificationsAsked';

function supported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

/** Current permission, or 'unsupported'. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return supported() ? Notification.permission : 'unsupported';
}

/** Asks for permission the first time only (remembered in localStorage); returns at once. */
export function askNotificationPermissionOnce(force = false): void {
  if (!supported() || Notification.permission !== 'default') return;
  try {
    if (!force && localStorage.getItem(ASKED_KEY)) return;
    localStorage.setItem(ASKED_KEY, '1');
  } catch {
    // storage disabled: ask anyway, the browser remembers the answer itself
  }
  void Notification.requestPermission().catch(() => undefined);
}

export function notifyCritical(alarm: ResponseOf<'alarms.get'>): void {
  if (!supported() || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(`Critical alarm${alarm.deviceName ? `: ${alarm.deviceName}` : ''}`, { body: alarm.message, tag: alarm.id });
    n.onclick = () => {
      window.focus();
      window.location.hash = '#/alarms';
    };
  } catch {
    // some platforms only allow notifications from a service worker: no notification then
  }
}

/** Notifies every new critical alarm, on whatever page the technician is; mounted once by the app shell. */
export function watchCriticalAlarms(): () => void {
  return onEvent('alarms.raised', ({ alarm }) => {
    if (alarm.severity === 'critical') notifyCritical(alarm);
  });
}
