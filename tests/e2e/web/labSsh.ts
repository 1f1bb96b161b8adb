// What the SSH specs share: the lab sshd's facts (started by the global setup) and one channel
// call over the web host's WebSocket from the page, for setup steps that are not the screen under
// test.
import type { Page } from '@playwright/test';

export interface LabSsh {
  host: string;
  port: number;
  user: string;
  privateKeyPath: string;
  hostKeyFingerprintSha256: string;
}

export function labSsh(): LabSsh {
  const raw = process.env.NOC_E2E_SSH;
  if (!raw) throw new Error(`the lab sshd did not start: ${process.env.NOC_E2E_SSH_ERROR ?? 'NOC_E2E_SSH not set'}`);
  return JSON.parse(raw) as LabSsh;
}

/** One channel call over a WebSocket of its own (the page's token); rejects with the host's message. */
export async function callChannel(page: Page, channel: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ channel, payload }) => {
      const token = sessionStorage.getItem('noc.token') ?? '';
      const ws = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
      try {
        await new Promise<void>((resolve, reject) => {
          ws.onopen = () => resolve();
          ws.onerror = () => reject(new Error('setup WebSocket failed'));
        });
        return await new Promise<unknown>((resolve, reject) => {
          ws.onmessage = (ev: MessageEvent) => {
            const msg = JSON.parse(String(ev.data)) as { t: string; id?: number; result?: { ok: boolean; value?: unknown; error?: { message: string } } };
            if (msg.t !== 'res' || msg.id !== 1) return;
            if (msg.result?.ok) resolve(msg.result.value);
            else reject(new Error(`${channel}: ${msg.result?.error?.message ?? 'refused'}`));
          };
          ws.send(JSON.stringify({ t: 'req', id: 1, channel, payload }));
        });
      } finally {
        ws.close();
      }
    },
    { channel, payload },
  );
}

/**
 * Setup for a first-contact check: the specs share one workspace, so another spec may already
 * trust the lab server's key; forget it so the trust question comes up again.
 */
export async function forgetLabHostKey(page: Page): Promise<void> {
  const s = labSsh();
  const known = (await callChannel(page, 'ssh.knownHosts.list', { host: s.host })) as { id: string; port: number }[];
  for (const k of known.filter((entry) => entry.port === s.port)) await callChannel(page, 'ssh.knownHosts.remove', { id: k.id });
}
