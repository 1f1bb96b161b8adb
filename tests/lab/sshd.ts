// OpenSSH sshd from a private config: generated ed25519 host key, public-key
// login only, for a local user (root by default), with a known_hosts file the
// client can use under StrictHostKeyChecking=yes.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertStillRunning } from './daemon';
import { mustRun, run } from './exec';
import type { Lab } from './lab';
import { inNetns, runIn } from './netns';
import { freeTcpPort } from './ports';
import { generateKeyPair, knownHostsPattern, labUserKey, sha256Fingerprint } from './sshkeys';
import { pollUntil } from './wait';

export interface SshdLaunch {
  readonly lab: Lab;
  readonly tag: string;
  readonly dir: string;
  readonly netns?: string;
  /** Address to listen on, and the one written to known_hosts. */
  readonly address: string;
  readonly port: number;
  readonly user: string;
  /** Listen on every address of the namespace (routers), not just `address`. */
  readonly listenAll?: boolean;
  /** Also accept this password for `user` (sets the account's password; never for root). */
  readonly password?: string;
  /** Keyboard-interactive through PAM (the account's password is the answer); other methods off. */
  readonly keyboardInteractive?: boolean;
  /** Offer only old-gear algorithms: ssh-rsa host key, DH group14-sha1, aes128-cbc. */
  readonly legacyOnly?: boolean;
}

export interface SshEndpoint {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly privateKeyPath: string;
  readonly hostKeyFingerprintSha256: string;
  /** The host key's public half (for `ssh-keygen -lf`). */
  readonly hostPublicKeyPath: string;
  /** sshd's own log (LogLevel VERBOSE): authentication attempts, connections. */
  readonly logPath: string;
  /** known_hosts containing only this server's host key. */
  readonly knownHostsPath: string;
  readonly pid: number;
}

/**
 * Creates `name` if missing (idempotent); root needs nothing. A new account's password field is
 * `!` (locked), and with `UsePAM no` sshd refuses even key logins to a locked account ("account is
 * locked"): unlock it with `*`, which no password matches, unless a password was set since.
 */
export async function ensureLocalUser(name: string): Promise<void> {
  if ((await run('id', ['-u', name])).code !== 0) await mustRun('useradd', ['--create-home', '--shell', '/bin/bash', name]);
  const shadow = (await run('getent', ['shadow', name])).stdout.split(':')[1] ?? '';
  if (shadow.startsWith('!')) await mustRun('usermod', ['-p', '*', name]);
}

function sshdConfig(spec: SshdLaunch, hostKeyPath: string, authorizedKeysPath: string): string {
  const kbd = spec.keyboardInteractive === true;
  return [
    `Port ${spec.port}`,
    spec.listenAll === true ? 'ListenAddress 0.0.0.0' : `ListenAddress ${spec.address}`,
    `HostKey ${hostKeyPath}`,
    `PidFile ${join(spec.dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeysPath}`,
    // The key files live in a temp dir under /tmp (mode 1777): StrictModes would refuse them.
    'StrictModes no',
    'PubkeyAuthentication yes',
    spec.password !== undefined && !kbd ? 'PasswordAuthentication yes' : 'PasswordAuthentication no',
    kbd ? 'KbdInteractiveAuthentication yes' : 'KbdInteractiveAuthentication no',
    ...(kbd ? ['AuthenticationMethods keyboard-interactive'] : []),
    'PermitRootLogin prohibit-password',
    kbd ? 'UsePAM yes' : 'UsePAM no',
    ...(spec.legacyOnly === true
      ? ['KexAlgorithms diffie-hellman-group14-sha1', 'HostKeyAlgorithms ssh-rsa', 'Ciphers aes128-cbc', 'MACs hmac-sha1']
      : []),
    `AllowUsers ${spec.user}`,
    'LogLevel VERBOSE',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    '',
  ].join('\n');
}

export async function launchSshd(spec: SshdLaunch): Promise<SshEndpoint> {
  // sshd's privilege-separation directory; Debian creates it only from the systemd unit.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  if (spec.user !== 'root') await ensureLocalUser(spec.user);
  if (spec.password !== undefined) {
    if (spec.user === 'root') throw new Error('sshd lab: a password is only set for a test user, never for root');
    await mustRun('chpasswd', [], { input: `${spec.user}:${spec.password}\n` });
  }
  const keyType = spec.legacyOnly === true ? 'rsa' : 'ed25519';
  const hostKey = await generateKeyPair(join(spec.dir, `ssh_host_${keyType}_key`), `host-${spec.tag}`, keyType);
  const userKey = await labUserKey(spec.lab);
  const authorizedKeysPath = join(spec.dir, 'authorized_keys');
  writeFileSync(authorizedKeysPath, `${userKey.publicKey}\n`, { mode: 0o644 });
  const knownHostsPath = join(spec.dir, 'known_hosts');
  const hostKeyLine = hostKey.publicKey.split(' ').slice(0, 2).join(' ');
  writeFileSync(knownHostsPath, `${knownHostsPattern(spec.address, spec.port)} ${hostKeyLine}\n`);
  const configFile = join(spec.dir, 'sshd_config');
  writeFileSync(configFile, sshdConfig(spec, hostKey.privateKeyPath, authorizedKeysPath));
  // Validate first: a config error is then reported as such, not as a startup timeout.
  await mustRun('/usr/sbin/sshd', ['-t', '-f', configFile]);

  const [cmd, args] = inNetns(spec.netns, '/usr/sbin/sshd', ['-D', '-e', '-f', configFile]);
  const daemon = spec.lab.spawn(spec.tag, {
    name: spec.netns === undefined ? 'sshd' : `sshd@${spec.netns}`,
    cmd,
    args,
    logFile: join(spec.dir, 'sshd.log'),
  });
  await pollUntil(`sshd on ${spec.address}:${spec.port}`, async () => {
    assertStillRunning(daemon);
    // ssh-keyscan (like ssh) no longer offers SHA-1 key exchange: a legacy-only server is ready
    // when it says it listens.
    if (spec.legacyOnly === true) {
      const log = existsSync(join(spec.dir, 'sshd.log')) ? readFileSync(join(spec.dir, 'sshd.log'), 'utf8') : '';
      return log.includes(`Server listening on ${spec.address} port ${spec.port}`) ? true : undefined;
    }
    const r = await runIn(spec.netns, 'ssh-keyscan', ['-T', '2', '-t', keyType, '-p', String(spec.port), spec.address]);
    return r.code === 0 && r.stdout.includes(hostKeyLine.split(' ')[1] ?? '\0') ? true : undefined;
  });
  return {
    host: spec.address,
    port: spec.port,
    user: spec.user,
    privateKeyPath: userKey.privateKeyPath,
    hostKeyFingerprintSha256: await sha256Fingerprint(hostKey.publicKeyPath),
    hostPublicKeyPath: hostKey.publicKeyPath,
    knownHostsPath,
    logPath: join(spec.dir, 'sshd.log'),
    pid: daemon.pid,
  };
}

export interface SshdOptions {
  readonly lab?: Lab;
  /** Local account to log in as; created (idempotently) if it is not root and missing. Default root. */
  readonly user?: string;
  /** Enable password login with this password (sets it on `user`, which must not be root). */
  readonly password?: string;
  /** Keyboard-interactive only (PAM asks for `password`, which must be given). */
  readonly keyboardInteractive?: boolean;
  /** Restrict the server to legacy algorithms (ssh-rsa, diffie-hellman-group14-sha1, aes128-cbc, hmac-sha1). */
  readonly legacyOnly?: boolean;
  /** Listen here instead of 127.0.0.1 (any loopback address, e.g. 127.0.0.2). */
  readonly address?: string;
  /** Use this port instead of a free one (e.g. to restart a server with a new host key). */
  readonly port?: number;
}

export interface SshdPeer extends SshEndpoint {
  stop(): Promise<void>;
}

export async function startSshdIn(lab: Lab, options: Omit<SshdOptions, 'lab'> = {}): Promise<SshdPeer> {
  const tag = lab.newTag('sshd');
  try {
    const endpoint = await launchSshd({
      lab,
      tag,
      dir: lab.subdir(tag.replace('#', '-')),
      address: options.address ?? '127.0.0.1',
      port: options.port ?? (await freeTcpPort()),
      user: options.user ?? 'root',
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(options.keyboardInteractive === true ? { keyboardInteractive: true } : {}),
      ...(options.legacyOnly === true ? { legacyOnly: true } : {}),
    });
    lab.describe(tag, endpoint);
    return { ...endpoint, stop: () => lab.release(tag, tag) };
  } catch (error) {
    await lab.release(tag, tag);
    throw error;
  }
}
