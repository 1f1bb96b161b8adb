// `noc ssh …`: run a command on a device over SSH with the console's host-key trust (first
// contact asks on a terminal, or `--accept-new`; a changed key is a hard stop), and manage the
// known hosts. Exit codes: the remote command's own, 1 for a failure here, 2 for bad input.
import fs from 'node:fs';
import readline from 'node:readline/promises';
import { Command } from 'commander';
import { roleHas, type Permission } from '../../../shared/domain/permissions';
import { NocError } from '../../../shared/ipc/errors';
import { KnownHostRepository } from '../../services/cache/repositories/knownHostRepository';
import type { ConsoleServices } from '../../services/consoleServices';
import { SshEngine, type HostKeyInfo, type SshCredentials, type SshTarget } from '../../services/ssh/index';
import { openServices, positiveInt, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';
import { parseServer } from './radiusCommands';

interface ExecOpts extends GlobalOpts {
  user: string;
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

function requirePermission(services: ConsoleServices, p: Permission): void {
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

/** user@host[:port] hops; each hop uses the same credentials and policy. */
function hop(spec: string, o: ExecOpts, credentials: SshCredentials): SshTarget {
  const at = spec.lastIndexOf('@');
  const user = at > 0 ? spec.slice(0, at) : o.user;
  const server = parseServer(at > 0 ? spec.slice(at + 1) : spec);
  return { host: server.host, port: server.port ?? 22, username: user, credentials, algorithms: o.legacy ? 'legacy' : 'modern' };
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

export function registerSshCommands(program: Command): void {
  const ssh = program.command('ssh').description('SSH: run commands on devices with host-key trust; known hosts');

  workspaceOption(
    ssh
      .command('exec')
      .description('run one command over SSH and print its output')
      .argument('<host[:port]>', 'device address')
      .argument('<command...>', 'the remote command (put it after --)')
      .requiredOption('--user <name>', 'login user')
      .option('--password-env <VAR>', 'read the password from this environment variable')
      .option('--key <file>', 'private key file (ed25519, ecdsa, rsa)')
      .option('--passphrase-env <VAR>', "read the key's passphrase from this environment variable")
      .option('--agent <socket>', 'ssh-agent socket (default $SSH_AUTH_SOCK)')
      .option('--jump <user@host[:port]>', 'jump host, repeat for a chain (ProxyJump)', collect, [])
      .option('--legacy', 'allow legacy algorithms (SHA-1 kex, ssh-rsa, CBC) for old gear')
      .option('--accept-new', 'trust a host key seen for the first time (a changed key is still refused)')
      .option('--timeout <ms>', 'give up after', positiveInt),
  ).action(async (address: string, command: string[], o: ExecOpts) => {
    const services = openServices(o);
    let engine: SshEngine | undefined;
    try {
      requirePermission(services, 'ssh:connect');
      const credentials = credentialsOf(o);
      const target = { ...hop(address, o, credentials), jump: o.jump.map((j) => hop(j, o, credentials)) };
      engine = new SshEngine({
        knownHosts: new KnownHostRepository(services.workspace.sqlite, services.workspace.scope()),
        onUnknownHost: o.acceptNew ? () => true : askOnTerminal,
      });
      const r = await engine.exec(target, command.join(' '), o.timeout !== undefined ? { timeoutMs: o.timeout } : {});
      if (o.json) printJson(r);
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
  workspaceOption(known.command('list').description('list trusted host keys')).action((o: GlobalOpts) => {
    const services = openServices(o);
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
  ).action((id: string, o: GlobalOpts) => {
    const services = openServices(o);
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
}
