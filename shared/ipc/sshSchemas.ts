// IPC contract of SSH: credentials vault, known hosts, terminals, automation, config backup and
// templates. Secrets travel one way only: the renderer may send a password, key or passphrase it
// was typed into (to seal it in the vault); main never sends one back — credentials say `has…`.
// Terminal bytes travel as UTF-8 text decoded in main (a streaming decoder, so a character split
// across reads is never mangled); `bytes` is the raw count the renderer acknowledges.
import { z } from 'zod';
import { RUN_TARGET_STATES, SSH_ALGORITHM_POLICIES, SSH_CREDENTIAL_KINDS, TERMINAL_STATES } from '../domain/ssh';
import { deviceName, hostAddress, uuid } from './validators';

const port = z.number().int().min(1, 'port must be 1–65535').max(65535, 'port must be 1–65535');
const username = z
  .string()
  .trim()
  .min(1, 'user name is required')
  .max(64, 'user name is at most 64 characters')
  .regex(/^[^\s:@/\\]+$/, 'user name has spaces or one of : @ / \\');
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a session id');
const cols = z.number().int().min(2).max(1000);
const rows = z.number().int().min(1).max(500);
/** A command or a short script (several lines run in one shell). */
const command = z.string().min(1, 'command is required').max(16_384, 'command is at most 16 KiB');
const fingerprint = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'not an SHA-256 fingerprint');

export const sshAlgorithmPolicySchema = z.enum(SSH_ALGORITHM_POLICIES);

/** One ProxyJump hop: its own address, user and credentials (null: the profile's own secret). */
export const sshJumpHopSchema = z
  .object({
    host: hostAddress,
    port: port.default(22),
    username,
    credentialId: uuid.nullable().default(null),
  })
  .strict();

/** A saved SSH credential as the renderer may see it: names, parameters, and which secrets exist. */
export const sshCredentialSchema = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(SSH_CREDENTIAL_KINDS),
  username: z.string(),
  port,
  algorithms: sshAlgorithmPolicySchema,
  jump: z.array(sshJumpHopSchema),
  sessionLog: z.boolean(),
  autoReconnect: z.boolean(),
  backupCommand: z.string().nullable(),
  hasPassword: z.boolean(),
  hasPrivateKey: z.boolean(),
  hasPassphrase: z.boolean(),
  kbdAnswerCount: z.number().int(),
  deviceCount: z.number().int(),
  updatedAt: z.number().int(),
});

/**
 * Save a credential. Secret fields: omitted = keep what the vault holds; "" = remove it; text =
 * replace it. A new `ssh_password` profile needs a password or keyboard-interactive answers; a new
 * `ssh_key` profile needs a private key.
 */
export const sshCredentialInputSchema = z
  .object({
    id: uuid.optional(),
    name: deviceName,
    kind: z.enum(SSH_CREDENTIAL_KINDS),
    username,
    port: port.default(22),
    algorithms: sshAlgorithmPolicySchema.default('modern'),
    jump: z.array(sshJumpHopSchema).max(4, 'at most 4 jump hosts').default([]),
    sessionLog: z.boolean().default(false),
    autoReconnect: z.boolean().default(false),
    backupCommand: z.string().trim().max(256).nullable().default(null),
    password: z.string().max(1024).optional(),
    privateKey: z
      .string()
      .max(32_768, 'private key is at most 32 KiB')
      .refine((s) => s === '' || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(s), 'not a PEM or OpenSSH private key')
      .optional(),
    passphrase: z.string().max(1024).optional(),
    kbdAnswers: z.array(z.string().max(256)).max(8).optional(),
  })
  .strict();

export const knownHostSchema = z.object({
  id: uuid,
  host: z.string(),
  port,
  keyType: z.string(),
  fingerprint: z.string(),
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
});

const negotiatedSchema = z.object({
  kex: z.string(),
  hostKey: z.string(),
  cipher: z.string(),
  mac: z.string(),
  /** The legacy algorithms among them (empty on a modern connection). */
  legacy: z.array(z.string()),
});

/** Where a terminal or a one-off command goes: a device (its SSH profile) or an address with a profile. */
export const sshTargetSchema = z
  .object({
    deviceId: uuid.optional(),
    host: hostAddress.optional(),
    port: port.optional(),
    credentialId: uuid.optional(),
    /** Overrides the profile's user name. */
    username: username.optional(),
  })
  .strict()
  .refine((t) => t.deviceId !== undefined || (t.host !== undefined && t.credentialId !== undefined), {
    message: 'give a device, or a host with a credential profile',
  });

export const terminalSessionSchema = z.object({
  sessionId,
  deviceId: uuid.nullable(),
  title: z.string(),
  host: z.string(),
  port,
  username: z.string(),
  state: z.enum(TERMINAL_STATES),
  hostKeySha256: z.string(),
  algorithms: negotiatedSchema,
  legacy: z.boolean(),
  /** Jump hosts passed through, first hop first. */
  via: z.array(z.string()),
  /** File the session is logged to (profile option), or null. */
  logPath: z.string().nullable(),
  autoReconnect: z.boolean(),
  cols,
  rows,
  openedAt: z.number().int(),
});

export const execResultSchema = z.object({
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  truncated: z.boolean(),
  hostKeySha256: z.string(),
  legacy: z.boolean(),
  durationMs: z.number(),
});

export const runTargetSchema = z.object({
  deviceId: uuid,
  deviceName: z.string(),
  host: z.string(),
  port,
  username: z.string().nullable(),
  credentialName: z.string().nullable(),
  /** Why this device cannot be reached (no SSH profile, no address…); null when it can. */
  problem: z.string().nullable(),
});

export const runResultSchema = z.object({
  deviceId: uuid,
  deviceName: z.string(),
  state: z.enum(RUN_TARGET_STATES),
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  error: z.string().nullable(),
  durationMs: z.number().nullable(),
});

export const runSummarySchema = z.object({
  runId: uuid,
  command: z.string(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  concurrency: z.number().int(),
  stopOnError: z.boolean(),
  total: z.number().int(),
  ok: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  state: z.enum(['running', 'finished', 'stopped']),
});

export const backupSummarySchema = z.object({
  id: uuid,
  deviceId: uuid,
  deviceName: z.string(),
  takenAt: z.number().int(),
  command: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  lines: z.number().int(),
  /** True when the content differs from the device's previous backup. */
  changed: z.boolean(),
  previousId: uuid.nullable(),
});

export const diffHunkSchema = z.object({
  oldStart: z.number().int(),
  oldLines: z.number().int(),
  newStart: z.number().int(),
  newLines: z.number().int(),
  /** Lines prefixed with ' ', '+' or '-'. */
  lines: z.array(z.string()),
});

export const diffSchema = z.object({
  added: z.number().int(),
  removed: z.number().int(),
  hunks: z.array(diffHunkSchema),
  /** The same diff in unified format, for copy and export. */
  unified: z.string(),
});

export const configTemplateSchema = z.object({
  id: uuid,
  name: z.string(),
  vendor: z.string(),
  description: z.string(),
  body: z.string(),
  /** Variables the body uses ({{device.name}}, {{site.code}}, {{vars.x}}…). */
  variables: z.array(z.string()),
  updatedAt: z.number().int(),
});

const deviceSelection = z
  .object({
    deviceIds: z.array(uuid).max(5000).optional(),
    siteId: uuid.optional(),
  })
  .strict()
  .refine((s) => (s.deviceIds?.length ?? 0) > 0 || s.siteId !== undefined, { message: 'choose devices or a site' });

export const sshChannels = {
  'ssh.credentials.list': {
    summary: 'Saved SSH credentials (names and options; secrets never leave main)',
    permission: 'devices:read',
    request: z.object({}).strict(),
    response: z.array(sshCredentialSchema),
  },
  'ssh.credentials.save': {
    summary: 'Create or update an SSH credential; secrets are sealed in the vault',
    permission: 'devices:write',
    request: sshCredentialInputSchema,
    response: sshCredentialSchema,
  },
  'ssh.credentials.delete': {
    summary: 'Delete an SSH credential (devices using it lose their SSH profile)',
    permission: 'devices:write',
    request: z.object({ id: uuid }).strict(),
    response: z.object({ deleted: z.boolean(), devicesCleared: z.number().int() }),
  },
  'ssh.knownHosts.list': {
    summary: 'Trusted SSH host keys',
    permission: 'ssh:connect',
    request: z.object({ host: z.string().max(253).optional() }).strict(),
    response: z.array(knownHostSchema),
  },
  'ssh.knownHosts.remove': {
    summary: 'Forget a trusted host key (audited); the next connection asks again',
    permission: 'ssh:hostkeys:manage',
    request: z.object({ id: uuid }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
  'ssh.terminal.open': {
    summary: 'Open an interactive terminal (PTY) on a device',
    permission: 'ssh:connect',
    request: z
      .object({
        target: sshTargetSchema,
        cols: cols.default(80),
        rows: rows.default(24),
        /** First contact: the fingerprint the user accepted; trusted only if the server presents exactly it. */
        trustFingerprint: fingerprint.optional(),
      })
      .strict(),
    response: terminalSessionSchema,
  },
  'ssh.terminal.input': {
    summary: 'Keystrokes or pasted text for a terminal',
    permission: 'ssh:connect',
    request: z.object({ sessionId, data: z.string().min(1).max(1_048_576) }).strict(),
    response: z.object({ accepted: z.boolean() }),
  },
  'ssh.terminal.broadcast': {
    summary: 'The same input to several terminals',
    permission: 'ssh:connect',
    request: z.object({ sessionIds: z.array(sessionId).min(1).max(64), data: z.string().min(1).max(1_048_576) }).strict(),
    response: z.object({ sent: z.number().int(), closed: z.array(sessionId) }),
  },
  'ssh.terminal.resize': {
    summary: 'New terminal size, passed to the remote PTY',
    permission: 'ssh:connect',
    request: z.object({ sessionId, cols, rows }).strict(),
    response: z.object({ cols, rows }),
  },
  'ssh.terminal.ack': {
    summary: 'Bytes of terminal output the renderer has drawn (flow control)',
    permission: 'ssh:connect',
    request: z.object({ sessionId, bytes: z.number().int().min(0).max(1 << 30) }).strict(),
    response: z.object({ unacked: z.number().int() }),
  },
  'ssh.terminal.reconnect': {
    summary: 'Reconnect a closed terminal in place (same tab, same scrollback)',
    permission: 'ssh:connect',
    request: z.object({ sessionId, cols: cols.default(80), rows: rows.default(24) }).strict(),
    response: terminalSessionSchema,
  },
  'ssh.terminal.close': {
    summary: 'Close a terminal',
    permission: 'ssh:connect',
    request: z.object({ sessionId }).strict(),
    response: z.object({ closed: z.boolean() }),
  },
  'ssh.terminal.list': {
    summary: 'Terminals this console has open',
    permission: 'ssh:connect',
    request: z.object({}).strict(),
    response: z.array(terminalSessionSchema),
  },
  'ssh.prompt.answer': {
    summary: 'Answers to a keyboard-interactive prompt (2FA codes); null cancels',
    permission: 'ssh:connect',
    request: z.object({ promptId: z.string().min(8).max(64), answers: z.array(z.string().max(1024)).max(16).nullable() }).strict(),
    response: z.object({ delivered: z.boolean() }),
  },
  'ssh.exec': {
    summary: 'Run one command on a device and return its output',
    permission: 'ssh:connect',
    request: z
      .object({
        target: sshTargetSchema,
        command,
        timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
        trustFingerprint: fingerprint.optional(),
      })
      .strict(),
    response: execResultSchema,
  },
  'ssh.run.preview': {
    summary: 'The devices an automation run would reach, and any that it cannot',
    permission: 'ssh:automation',
    request: deviceSelection,
    response: z.object({ targets: z.array(runTargetSchema) }),
  },
  'ssh.run.start': {
    summary: 'Run a command or script on many devices with bounded concurrency (audited)',
    permission: 'ssh:automation',
    request: z
      .object({
        deviceIds: z.array(uuid).max(5000).optional(),
        siteId: uuid.optional(),
        command,
        concurrency: z.number().int().min(1).max(64).default(8),
        stopOnError: z.boolean().default(false),
        timeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
      })
      .strict()
      .refine((s) => (s.deviceIds?.length ?? 0) > 0 || s.siteId !== undefined, { message: 'choose devices or a site' }),
    response: runSummarySchema,
  },
  'ssh.run.stop': {
    summary: 'Stop an automation run (commands already running finish)',
    permission: 'ssh:automation',
    request: z.object({ runId: uuid }).strict(),
    response: z.object({ stopping: z.boolean() }),
  },
  'ssh.run.get': {
    summary: 'An automation run with every device’s output',
    permission: 'ssh:automation',
    request: z.object({ runId: uuid }).strict(),
    response: runSummarySchema.extend({ results: z.array(runResultSchema) }),
  },
  'ssh.run.list': {
    summary: 'Recent automation runs, newest first',
    permission: 'ssh:automation',
    request: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
    response: z.array(runSummarySchema),
  },
  'ssh.backup.run': {
    summary: 'Fetch and store the running configuration of devices',
    permission: 'ssh:connect',
    request: z.object({ deviceIds: z.array(uuid).min(1).max(5000), concurrency: z.number().int().min(1).max(32).default(4), taskId: z.string().max(64).optional() }).strict(),
    response: z.object({
      results: z.array(
        z.object({
          deviceId: uuid,
          deviceName: z.string(),
          backup: backupSummarySchema.nullable(),
          error: z.string().nullable(),
        }),
      ),
    }),
  },
  'ssh.backup.list': {
    summary: 'Stored configuration versions, newest first (one device, or the latest of every device)',
    permission: 'devices:read',
    request: z.object({ deviceId: uuid.optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    response: z.array(backupSummarySchema),
  },
  'ssh.backup.get': {
    summary: 'One stored configuration with its text',
    permission: 'devices:read',
    request: z.object({ id: uuid }).strict(),
    response: backupSummarySchema.extend({ content: z.string() }),
  },
  'ssh.backup.diff': {
    summary: 'The difference between two configuration versions',
    permission: 'devices:read',
    request: z.object({ fromId: uuid, toId: uuid }).strict(),
    response: z.object({ from: backupSummarySchema, to: backupSummarySchema, diff: diffSchema }),
  },
  'ssh.templates.list': {
    summary: 'Configuration templates',
    permission: 'devices:read',
    request: z.object({}).strict(),
    response: z.array(configTemplateSchema),
  },
  'ssh.templates.save': {
    summary: 'Create or update a configuration template',
    permission: 'ssh:automation',
    request: z
      .object({
        id: uuid.optional(),
        name: deviceName,
        vendor: z.string().trim().max(64).default(''),
        description: z.string().max(1000).default(''),
        body: z.string().min(1, 'template body is required').max(262_144),
      })
      .strict(),
    response: configTemplateSchema,
  },
  'ssh.templates.delete': {
    summary: 'Delete a configuration template',
    permission: 'ssh:automation',
    request: z.object({ id: uuid }).strict(),
    response: z.object({ deleted: z.boolean() }),
  },
  'ssh.templates.render': {
    summary: 'Render a template for a device and diff it against the device’s last backup',
    permission: 'ssh:automation',
    request: z
      .object({ templateId: uuid, deviceId: uuid, vars: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), z.string().max(4096)).default({}) })
      .strict(),
    response: z.object({
      rendered: z.string(),
      /** sha256 of `rendered`: the push must name it, so what is pushed is what was shown. */
      renderedSha256: z.string(),
      missing: z.array(z.string()),
      against: backupSummarySchema.nullable(),
      diff: diffSchema.nullable(),
    }),
  },
  'ssh.templates.push': {
    summary: 'Push a rendered template to a device after confirmation (audited)',
    permission: 'ssh:automation',
    request: z
      .object({
        templateId: uuid,
        deviceId: uuid,
        vars: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), z.string().max(4096)).default({}),
        renderedSha256: z.string().regex(/^[0-9a-f]{64}$/, 'render the template first'),
      })
      .strict(),
    response: execResultSchema.extend({ backupAfter: backupSummarySchema.nullable() }),
  },
} as const;

export const sshEvents = {
  'ssh.terminal.data': z.object({ sessionId, data: z.string(), bytes: z.number().int() }),
  'ssh.terminal.state': z.object({
    sessionId,
    state: z.enum(TERMINAL_STATES),
    /** Why it closed or is reconnecting, in words. */
    reason: z.string().nullable(),
    exitCode: z.number().int().nullable(),
    /** Next automatic attempt (auto-reconnect), epoch ms. */
    retryAt: z.number().int().nullable(),
  }),
  'ssh.prompt': z.object({
    promptId: z.string(),
    sessionId: sessionId.nullable(),
    host: z.string(),
    username: z.string(),
    name: z.string(),
    instructions: z.string(),
    prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
  }),
  'ssh.run.update': z.object({ run: runSummarySchema, result: runResultSchema.nullable() }),
} as const;
