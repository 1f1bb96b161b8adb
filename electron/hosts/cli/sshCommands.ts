// `noc ssh …`: run a command on a device over SSH with the console's host-key trust (first
// contact asks on a terminal, or `--accept-new`; a changed key is a hard stop), and manage the
// known hosts. `exec` takes a device (its SSH profile) or an address with credentials given here.
// Exit codes: exec gives the remote command's own; 1 for a failure here, 2 for bad input.
// Automation, backups and credential profiles are in sshAutomationCommands.ts.
import fs from 'node:fs';
import readline from 'node:readline/promises';
import { Command, Option } from 'commander';
import type { Device } from '../../../shared/domain/device';
import { roleHas, type Permission } from '../../../shared/domain/permissions';
import { NocError } from '../../../shared/ipc/errors';
import { DeviceRepository } from '../../services/cache/repositories/deviceRepository';
import { KnownHostRepository } from '../../services/cache/repositories/knownHostRepository';
import type { ConsoleServices } from '../../services/consoleServices';
import { SshEngine, type ExecResult, type HostKeyInfo, type SshCredentials, type SshTarget } from '../../services/ssh/index';
import { openServices, positiveInt, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';
import { parseServer } from './radiusCommands';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ExecOpts extends GlobalOpts {
  device?: string;
  host?: string;
  port?: number;
  command?: string;
  algorithms?: 'modern' | 'legacy';
  user?: string;
  passwordEnv?: string;
  key?: string;
  passphraseEnv?: string;
  agent?: string;
  jump: string[];
  legacy?: boolean;
  acceptNew?: boolean;
  timeout?: number;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function requirePermission(services: ConsoleServices, p: Permission): void {
  if (!roleHas(services.workspace.role(), p)) throw new NocError('PERMISSION_DENIED', `Your role cannot do this (${p}).`);
}

function credentialsOf(o: ExecOpts): SshCredentials {
  const c: SshCredentials = {};
  if (o.passwordEnv) {
    const pw = process.env[o.passwordEnv];
    if (pw === undefined) throw new NocError('VALIDATION', `environment variable ${o.passwordEnv} is not set`);
    c.password = pw;
  }
  if (o.key) {
    try {
      c.privateKey = fs.readFileSync(o.key);
    } catch (err) {
      throw new NocError('VALIDATION', `cannot read the key ${o.key}: ${(err as Error).message}`);
    }
    if (o.passphraseEnv) c.passphrase = process.env[o.passphraseEnv] ?? '';
  }
  if (o.agent ?? process.env.SSH_AUTH_SOCK) c.agent = o.agent ?? process.env.SSH_AUTH_SOCK;
  if (!c.password && !c.privateKey && !c.agent) throw new NocError('VALIDATION', 'give --password-env VAR, --key FILE or --agent SOCKET');
  return c;
}

function policyOf(o: ExecOpts): 'modern' | 'legacy' {
  return o.algorithms ?? (o.legacy ? 'legacy' : 'modern');
}

/** user@host[:port] hops; each hop uses the same credentials and policy. */
function hop(spec: string, o: ExecOpts, credentials: SshCredentials): SshTarget {
  const at = spec.lastIndexOf('@');
  const user = at > 0 ? spec.slice(0, at) : o.user;
  if (user === undefined) throw new NocError('VALIDATION', `give --user or user@ in ${spec}`);
  const server = parseServer(at > 0 ? spec.slice(at + 1) : spec);
  return { host: server.host, port: server.port ?? 22, username: user, credentials, algorithms: policyOf(o) };
}

/** First contact: trust with --accept-new, else ask on the terminal (no terminal: refuse). */
export function unknownHostDecision(acceptNew: boolean | undefined): (info: HostKeyInfo) => boolean | Promise<boolean> {
  return acceptNew === true ? () => true : askOnTerminal;
}

/** A device by id or exact name. */
export function findDevice(services: ConsoleServices, ref: string): Device {
  const repo = new DeviceRepository(services.workspace.sqlite, services.workspace.scope());
  const device = (UUID.test(ref) ? repo.get(ref) : null) ?? repo.findByName(ref);
  if (device === null) throw new NocError('VALIDATION', `No device "${ref}".`);
  return device;
}

async function askOnTerminal(info: HostKeyInfo): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`The host key of ${info.host}:${info.port} is not known.\n${info.keyType} key fingerprint is ${info.fingerprint}.\nTrust it and connect (yes/no)? `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Registers `noc ssh` with exec and known-hosts; returns it for the automation commands. */
export function registerSshCommands(program: Command): Command {
  const ssh = program.command('ssh').description('SSH: run commands on devices with host-key trust; known hosts');

  workspaceOption(
    ssh
      .command('exec')
      .description('run one command over SSH and print its output (a device, or an address with credentials)')
      .argument('[host[:port]]', 'address (or use --device / --host)')
      .argument('[command...]', 'the remote command (put it after --), or use --command')
      .option('--device <id|name>', "a device: its address and SSH profile (user, port, key, jump hosts)")
      .option('--host <host>', 'address to connect to')
      .option('--port <n>', 'port (default 22, or the profile port)', positiveInt)
      .option('--command <cmd>', 'the remote command or script')
      .option('--user <name>', "login user (with --device: overrides the profile's)")
      .option('--password-env <VAR>', 'read the password from this environment variable')
      .option('--key <file>', 'private key file (ed25519, ecdsa, rsa)')
      .option('--passphrase-env <VAR>', "read the key's passphrase from this environment variable")
      .option('--agent <socket>', 'ssh-agent socket (default $SSH_AUTH_SOCK)')
      .option('--jump <user@host[:port]>', 'jump host, repeat for a chain (ProxyJump)', collect, [])
      .addOption(new Option('--algorithms <policy>', 'algorithm policy: legacy allows SHA-1 kex, ssh-rsa, CBC for old gear').choices(['modern', 'legacy']))
      .option('--legacy', 'same as --algorithms legacy')
      .option('--accept-new', 'trust a host key seen for the first time (a changed key is still refused)')
      .option('--timeout <ms>', 'give up after', positiveInt),
  ).action(async (address: string | undefined, words: string[], o: ExecOpts) => {
    const command = o.command ?? words.join(' ');
    if (command.trim() === '') throw new NocError('VALIDATION', 'give the command with --command CMD or after --');
    const services = await openServices(o);
    let engine: SshEngine | undefined;
    try {
      requirePermission(services, 'ssh:connect');
      const execOptions = { onUnknownHost: unknownHostDecision(o.acceptNew), ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}) };
      let r: ExecResult;
      if (o.device !== undefined) {
        const device = findDevice(services, o.device);
        const resolved = services.ssh.ctx.resolver.resolve({ deviceId: device.id, ...(o.user === undefined ? {} : { username: o.user }), ...(o.port === undefined ? {} : { port: o.port }) });
        r = await services.ssh.ctx.engine.exec(resolved.target, command, execOptions);
        services.ssh.ctx.audit().write('ssh.exec', 'devices', device.id, { host: resolved.target.host, port: resolved.target.port, username: resolved.target.username, command, exitCode: r.exitCode });
      } else {
        const where = o.host ?? address;
        if (where === undefined) throw new NocError('VALIDATION', 'give --device ID|NAME, or --host H (or HOST[:PORT] before --)');
        const credentials = credentialsOf(o);
        const main = hop(where, o, credentials);
        const target = { ...main, ...(o.port === undefined ? {} : { port: o.port }), jump: o.jump.map((j) => hop(j, o, credentials)) };
        engine = new SshEngine({ knownHosts: new KnownHostRepository(services.workspace.sqlite, services.workspace.scope()) });
        r = await engine.exec(target, command, execOptions);
      }
      if (o.json) printJson({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, hostKeySha256: r.hostKeySha256, signal: r.signal, truncated: r.truncated, legacy: r.legacy, algorithms: r.algorithms });
      else {
        process.stdout.write(r.stdout);
        process.stderr.write(r.stderr);
        if (r.legacy) process.stderr.write(`warning: legacy algorithms were used (${JSON.stringify(r.algorithms)})\n`);
        if (r.truncated) process.stderr.write('warning: output truncated\n');
      }
      process.exitCode = r.exitCode ?? 1;
    } finally {
      await engine?.close();
      services.close();
    }
  });

  const known = ssh.command('known-hosts').description('host keys this workspace trusts (synced with the team)');
  workspaceOption(known.command('list').description('list trusted host keys')).action(async (o: GlobalOpts) => {
    const services = await openServices(o);
    try {
      requirePermission(services, 'ssh:connect');
      const list = new KnownHostRepository(services.workspace.sqlite, services.workspace.scope()).list();
      if (o.json) printJson(list);
      else
        printTable(list as unknown as Record<string, unknown>[], [
          { key: 'host', title: 'HOST' },
          { key: 'port', title: 'PORT' },
          { key: 'keyType', title: 'TYPE' },
          { key: 'fingerprint', title: 'FINGERPRINT' },
          { key: 'id', title: 'ID' },
        ]);
    } finally {
      services.close();
    }
  });
  workspaceOption(
    known
      .command('remove')
      .description('forget a trusted host key (the next connection asks again); audited')
      .argument('<id>', 'known-host id (see list)'),
  ).action(async (id: string, o: GlobalOpts) => {
    const services = await openServices(o);
    try {
      requirePermission(services, 'ssh:hostkeys:manage');
      const repo = new KnownHostRepository(services.workspace.sqlite, services.workspace.scope());
      if (!repo.list().some((k) => k.id === id)) throw new NocError('NOT_FOUND', `No known host ${id}.`);
      repo.remove(id);
      if (o.json) printJson({ removed: id });
      else process.stdout.write(`Removed ${id}\n`);
    } finally {
      services.close();
    }
  });
  return ssh;
}
