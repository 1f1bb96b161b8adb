// Small formatting helpers of the automation page.
import type { RunTargetState } from '../../../../shared/domain/ssh';

export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Badge class of a run target's state (the device status palette). */
export function stateClass(state: RunTargetState | 'finished' | 'stopped'): string {
  switch (state) {
    case 'ok':
    case 'finished':
      return 'status-up';
    case 'failed':
      return 'status-down';
    case 'running':
      return 'status-maintenance';
    case 'stopped':
    case 'skipped':
      return 'status-degraded';
    default:
      return 'status-unknown';
  }
}

/** `{{vars.name}}` → `name`: the template variables the user fills in. */
export function userVarNames(variables: readonly string[]): string[] {
  return variables.filter((v) => v.startsWith('vars.')).map((v) => v.slice('vars.'.length));
}

const VARIABLE = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

/** Variables a template body uses, as typed (the host's own list comes back with the saved template). */
export function variablesIn(body: string): string[] {
  const seen = new Set<string>();
  for (const m of body.matchAll(VARIABLE)) if (m[1]) seen.add(m[1]);
  return [...seen];
}

/** Copies text; falls back to a hidden textarea where the async clipboard is not available. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    if (!document.execCommand('copy')) throw new Error('The browser refused to copy.');
  } finally {
    area.remove();
  }
}
