// `noc ssh run | backup | backups | diff | credential …`: automation over many devices, config
// backups and their diffs, and the SSH credential profiles devices use. Device selectors:
// comma-separated ids or names, `site:CODE`, or `all` (every device with an SSH profile).
// `--accept-new` trusts host keys seen for the first time (runs and backups refuse them otherwise).
// Exit codes: 0 all ok, 1 a device or the remote side failed, 2 bad input.
import fs from 'node:fs';
import { Command, Option } from 'commander';
import { NocError } from '../../../shared/ipc/errors';
import { SiteRepository } from '../../services/cache/repositories/siteRepository';
import type { ConsoleServices } from '../../services/consoleServices';
import { DeviceTargets } from '../../services/ssh/automation/deviceTargets';
import { CTX, openServices, positiveInt, withProgress, workspaceOption, type GlobalOpts } from './common';
import { printJson, printTable } from './output';
import { parseRequest } from '../../services/ipc/dispatcher';
import { parseServer } from './radiusCommands';
import { findDevice, requirePermission, unknownHostDecision } from './sshCommands';

const MAX_SELECTED = 5000;

/** Device ids a selector names (see the header); unknown names or sites are bad input. */
export function selectDevices(services: ConsoleServices, selector: string): string[] {
  const scope = services.workspace.scope();
  const targets = new DeviceTargets(services.workspace.sqlite, scope);
  const ids: string[] = [];
  for (const part of selector.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    if (part === 'all') ids.push(...targets.withSshProfile().map((d) => d.id));
    else if (part.startsWith('site:')) {
      const site = new SiteRepository(services.workspace.sqlite, scope).resolve(part.slice(5));
      if (site === null) throw new NocError('VALIDATION', `No site "${part.slice(5)}".`);
      ids.push(...targets.bySite(site.id).map((d) => d.id));
    } else ids.push(findDevice(services, part).id);
  }
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new NocError('VALIDATION', `"${selector}" selects no device.`);
  if (unique.length > MAX_SELECTED) throw new NocError('VALIDATION', `"${selector}" selects ${unique.length} devices; at most ${MAX_SELECTED} per run.`);
  return unique;
}

function profileRef(services: ConsoleServices, ref: string): string {
  const profile = services.ssh.credentials().find((p) => p.id === ref || p.name.toLowerCase() === ref.toLowerCase());
  if (profile === undefined) throw new NocError('VALIDATION', `No SSH credential profile "${ref}".`);
  return profile.id;
}

/** user@host[:port],… → jump hops using the profile's own secret. */
function parseJump(spec: string): { host: string; port: number; username: string; credentialId: null }[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      const at = s.lastIndexOf('@');
      if (at <= 0) throw new NocError('VALIDATION', `--jump "${s}" must be user@host[:port]`);
      const server = parseServer(s.slice(at + 1));
      return { host: server.host, port: server.port ?? 22, username: s.slice(0, at), credentialId: null };
    });
}

function envSecret(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new NocError('VALIDATION', `environment variable ${name} is not set`);
  return value;
}

export function registerSshAutomationCommands(ssh: Command): void {
  workspaceOption(
    ssh
      .command('run')
      .description('run a command or script on many devices (bounded concurrency, audited)')
      .requiredOption('--devices <selector>', 'ids or names (comma-separated), site:CODE, or all')
      .requiredOption('--command <cmd>', 'the command or script (several lines run in one shell)')
      .option('--concurrency <n>', 'devices at once', positiveInt, 8)
      .option('--stop-on-error', 'after the first failure, skip the devices not started yet')
      .option('--timeout <ms>', 'per device', positiveInt, 60_000)
      .option('--accept-new', 'trust host keys seen for the first time'),
  ).action(async (o: GlobalOpts & { devices: string; command: string; concurrency: number; stopOnError?: boolean; timeout: number; acceptNew?: boolean }) => {
    const services = await openServices(o);
    try {
      requirePermission(services, 'ssh:automation');
      const req = parseRequest('ssh.run.start', {
        deviceIds: selectDevices(services, o.devices),
        command: o.command,
        concurrency: o.concurrency,
        stopOnError: o.stopOnError === true,
        timeoutMs: o.timeout,
      });
      const started = services.ssh.automation.start(req, o.acceptNew === true ? { onUnknownHost: unknownHostDecision(true) } : {});
      const { results, ...run } = await services.ssh.automation.wait(started.runId);
      if (o.json) printJson({ run, results });
      else {
        for (const r of results) {
          process.stdout.write(`== ${r.deviceName}: ${r.state}${r.exitCode === null ? '' : ` (exit ${r.exitCode})`}${r.error === null ? '' : ` — ${r.error}`}\n`);
          process.stdout.write(r.stdout);
          if (r.stderr !== '') process.stdout.write(r.stderr);
        }
        process.stdout.write(`${run.ok} ok, ${run.failed} failed, ${run.skipped} skipped of ${run.total}\n`);
      }
      process.exitCode = run.failed > 0 ? 1 : 0;
    } finally {
      services.close();
    }
  });

  workspaceOption(
    ssh
      .command('backup')
      .description("fetch and store devices' running configuration (a new version only when it changed)")
      .option('--device <id|name>', 'one device (or a selector: names, site:CODE)')
      .option('--all', 'every device with an SSH profile')
      .option('--concurrency <n>', 'devices at once', positiveInt, 4)
      .option('--accept-new', 'trust host keys seen for the first time'),
  ).action(async (o: GlobalOpts & { device?: string; all?: boolean; concurrency: number; acceptNew?: boolean }) => {
    if ((o.device === undefined) === (o.all !== true)) throw new NocError('VALIDATION', 'give --device ID|NAME or --all');
    const services = await openServices(o);
    const off = withProgress(services, o.json ?? false);
    try {
      requirePermission(services, 'ssh:connect');
      const req = parseRequest('ssh.backup.run', {
        deviceIds: selectDevices(services, o.all === true ? 'all' : (o.device ?? '')),
        concurrency: o.concurrency,
        taskId: `cli-backup-${process.pid}`,
      });
      const { results } = await services.ssh.config.backup(req, o.acceptNew === true ? { onUnknownHost: unknownHostDecision(true) } : {});
      if (o.json) printJson({ results });
      else
        printTable(
          results.map((r) => ({
            device: r.deviceName,
            result: r.error ?? (r.backup?.previousId === null ? 'first version' : r.backup?.changed === true ? 'CHANGED' : 'unchanged'),
            id: r.backup?.id,
            lines: r.backup?.lines,
            sha256: r.backup?.sha256.slice(0, 12),
          })),
          [
            { key: 'device', title: 'DEVICE' },
            { key: 'result', title: 'RESULT' },
            { key: 'lines', title: 'LINES' },
            { key: 'sha256', title: 'SHA256' },
            { key: 'id', title: 'VERSION' },
          ],
        );
      process.exitCode = results.some((r) => r.error !== null) ? 1 : 0;
    } finally {
      off();
      services.close();
    }
  });

  workspaceOption(
    ssh
      .command('backups')
      .description("stored configuration versions of a device, newest first (without --device: each device's latest)")
      .option('--device <id|name>', 'device')
      .option('--limit <n>', 'at most this many', positiveInt, 100),
  ).action(async (o: GlobalOpts & { device?: string; limit: number }) => {
    const services = await openServices(o);
    try {
      const deviceId = o.device === undefined ? undefined : findDevice(services, o.device).id;
      const list = await services.dispatcher.call('ssh.backup.list', { ...(deviceId === undefined ? {} : { deviceId }), limit: o.limit }, CTX);
      if (o.json) printJson(list);
      else
        printTable(
          list.map((b) => ({ ...b, takenAt: new Date(b.takenAt).toISOString(), changed: b.changed ? 'yes' : '' })),
          [
            { key: 'deviceName', title: 'DEVICE' },
            { key: 'takenAt', title: 'TAKEN' },
            { key: 'changed', title: 'CHANGED' },
            { key: 'lines', title: 'LINES' },
            { key: 'id', title: 'VERSION' },
          ],
        );
    } finally {
      services.close();
    }
  });

  workspaceOption(
    ssh.command('diff').description('difference between two configuration versions').argument('<from>', 'older version id').argument('<to>', 'newer version id'),
  ).action(async (fromId: string, toId: string, o: GlobalOpts) => {
    const services = await openServices(o);
    try {
      const r = await services.dispatcher.call('ssh.backup.diff', { fromId, toId }, CTX);
      if (o.json) printJson(r);
      else process.stdout.write(r.diff.unified === '' ? 'no difference\n' : r.diff.unified);
    } finally {
      services.close();
    }
  });

  const credential = ssh.command('credential').description('SSH credential profiles (secrets sealed in the vault)');
  workspaceOption(
    credential
      .command('add')
      .description('save an SSH credential profile')
      .requiredOption('--name <name>', 'profile name')
      .requiredOption('--user <name>', 'login user')
      .option('--key <file>', 'private key file')
      .option('--passphrase-env <VAR>', "the key's passphrase from this environment variable")
      .option('--password-env <VAR>', 'the password from this environment variable')
      .option('--port <n>', 'port', positiveInt, 22)
      .addOption(new Option('--algorithms <policy>', 'algorithm policy').choices(['modern', 'legacy']).default('modern'))
      .option('--backup-command <cmd>', "command that prints the configuration (default: the vendor's)")
      .option('--jump <user@host:port,…>', 'jump hosts, first hop first (they use this profile)'),
  ).action(
    async (
      o: GlobalOpts & { name: string; user: string; key?: string; passphraseEnv?: string; passwordEnv?: string; port: number; algorithms: 'modern' | 'legacy'; backupCommand?: string; jump?: string },
    ) => {
      if ((o.key === undefined) === (o.passwordEnv === undefined)) throw new NocError('VALIDATION', 'give --key FILE or --password-env VAR');
      let privateKey: string | undefined;
      if (o.key !== undefined) {
        try {
          privateKey = fs.readFileSync(o.key, 'utf8');
        } catch (err) {
          throw new NocError('VALIDATION', `cannot read the key ${o.key}: ${(err as Error).message}`);
        }
      }
      const services = await openServices(o);
      try {
        const saved = await services.dispatcher.call(
          'ssh.credentials.save',
          {
            name: o.name,
            kind: privateKey === undefined ? 'ssh_password' : 'ssh_key',
            username: o.user,
            port: o.port,
            algorithms: o.algorithms,
            jump: o.jump === undefined ? [] : parseJump(o.jump),
            backupCommand: o.backupCommand ?? null,
            ...(privateKey === undefined ? {} : { privateKey }),
            ...(o.passphraseEnv === undefined ? {} : { passphrase: envSecret(o.passphraseEnv) }),
            ...(o.passwordEnv === undefined ? {} : { password: envSecret(o.passwordEnv) }),
          },
          CTX,
        );
        if (o.json) printJson(saved);
        else process.stdout.write(`Saved SSH profile ${saved.name} as ${saved.id}\n`);
      } finally {
        services.close();
      }
    },
  );

  workspaceOption(credential.command('list').description('SSH credential profiles (no secrets)')).action(async (o: GlobalOpts) => {
    const services = await openServices(o);
    try {
      const list = await services.dispatcher.call('ssh.credentials.list', {}, CTX);
      if (o.json) printJson(list);
      else
        printTable(list as unknown as Record<string, unknown>[], [
          { key: 'name', title: 'NAME' },
          { key: 'kind', title: 'KIND' },
          { key: 'username', title: 'USER' },
          { key: 'port', title: 'PORT' },
          { key: 'algorithms', title: 'ALGORITHMS' },
          { key: 'deviceCount', title: 'DEVICES' },
          { key: 'id', title: 'ID' },
        ]);
    } finally {
      services.close();
    }
  });

  workspaceOption(
    credential
      .command('assign')
      .description('use an SSH profile for devices')
      .requiredOption('--profile <name|id>', 'SSH credential profile')
      .requiredOption('--devices <selector>', 'ids or names (comma-separated), or site:CODE'),
  ).action(async (o: GlobalOpts & { profile: string; devices: string }) => {
    const services = await openServices(o);
    try {
      const sshProfileId = profileRef(services, o.profile);
      const ids = selectDevices(services, o.devices);
      for (const id of ids) await services.dispatcher.call('devices.update', { id, patch: { sshProfileId } }, CTX);
      if (o.json) printJson({ profileId: sshProfileId, devices: ids });
      else process.stdout.write(`${ids.length} device(s) now use this SSH profile\n`);
    } finally {
      services.close();
    }
  });
}
