// SSH vocabulary shared by every layer: plain values only (no zod), so the renderer and the
// preload can use them.

export const SSH_ALGORITHM_POLICIES = ['modern', 'legacy'] as const;
export type SshAlgorithmPolicy = (typeof SSH_ALGORITHM_POLICIES)[number];

export const SSH_CREDENTIAL_KINDS = ['ssh_password', 'ssh_key'] as const;
export type SshCredentialKind = (typeof SSH_CREDENTIAL_KINDS)[number];

export const TERMINAL_STATES = ['connecting', 'open', 'reconnecting', 'closed'] as const;
export type TerminalState = (typeof TERMINAL_STATES)[number];

export const RUN_TARGET_STATES = ['queued', 'running', 'ok', 'failed', 'skipped', 'stopped'] as const;
export type RunTargetState = (typeof RUN_TARGET_STATES)[number];

/**
 * Flow control of a terminal stream: main stops reading the SSH channel once this many bytes
 * were sent to the renderer and not yet acknowledged (acks follow xterm's write callback), and
 * resumes below the low mark. Bounded memory whatever the remote prints.
 */
export const TERMINAL_HIGH_WATER_BYTES = 1024 * 1024;
export const TERMINAL_LOW_WATER_BYTES = 256 * 1024;
/** Terminal data events carry at most this many bytes each (bigger reads are split). */
export const TERMINAL_CHUNK_BYTES = 64 * 1024;

/**
 * The command that prints a device's running configuration, by vendor (matched case-insensitively
 * on the device's vendor field, first word). A credential profile's `backupCommand` overrides it.
 */
export const VENDOR_BACKUP_COMMANDS: Readonly<Record<string, string>> = {
  cisco: 'show running-config',
  arista: 'show running-config',
  juniper: 'show configuration | display set',
  mikrotik: '/export',
  huawei: 'display current-configuration',
  nokia: 'admin display-config',
  zte: 'show running-config',
  ubiquiti: 'show configuration commands',
  vyos: 'show configuration commands',
  linux: 'cat /etc/network/interfaces',
};

export function backupCommandFor(vendor: string, override: string | null | undefined): string | null {
  if (override !== undefined && override !== null && override.trim() !== '') return override.trim();
  const key = vendor.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return VENDOR_BACKUP_COMMANDS[key] ?? null;
}

/** Keyword highlighting in terminals: a regular expression and an ANSI SGR colour. */
export interface HighlightRule {
  pattern: string;
  /** SGR parameters, e.g. "1;31" (bold red). */
  sgr: string;
  enabled: boolean;
}

export const DEFAULT_HIGHLIGHT_RULES: readonly HighlightRule[] = [
  { pattern: '\\b(down|DOWN|Down|err-disabled|error|ERROR|failed|FAILED)\\b', sgr: '1;31', enabled: true },
  { pattern: '\\b(up|UP|Up|connected|established|ESTABLISHED)\\b', sgr: '32', enabled: true },
  { pattern: '\\b(?:\\d{1,3}\\.){3}\\d{1,3}(?:/\\d{1,2})?\\b', sgr: '36', enabled: true },
];
