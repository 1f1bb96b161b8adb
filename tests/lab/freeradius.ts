// FreeRADIUS 3.2 from a private copy of /etc/freeradius/3.0: listen sections
// of default, inner-tunnel and coa rewritten to 127.0.0.1 and free high ports,
// the lab's own client secret and test user, run in the foreground (-f).
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertStillRunning } from './daemon';
import { mustRun, run } from './exec';
import { commentOutSetting, replaceListenSections, setSetting, type ListenSpec } from './freeradius-config';
import type { Lab } from './lab';
import { freeUdpPorts } from './ports';
import { token } from './secrets';
import { pollUntil } from './wait';

export interface FreeradiusOptions {
  readonly lab?: Lab;
  /** Test user; defaults to a random name so tests cannot hard-code it. */
  readonly user?: string;
  readonly password?: string;
}

export interface FreeradiusPeer {
  readonly host: string;
  readonly authPort: number;
  readonly acctPort: number;
  readonly coaPort: number;
  readonly secret: string;
  readonly user: string;
  readonly password: string;
  /** Reply-Message the test user gets in its Access-Accept (proves it is this server's users file). */
  readonly replyMessage: string;
  readonly pid: number;
  readonly configDir: string;
  stop(): Promise<void>;
}

const STOCK_CONFIG = '/etc/freeradius/3.0';

function rewriteSite(configDir: string, site: string, listen: readonly ListenSpec[]): void {
  const path = join(configDir, 'sites-available', site);
  writeFileSync(path, replaceListenSections(readFileSync(path, 'utf8'), listen));
}

interface RadiusPorts {
  readonly auth: number;
  readonly acct: number;
  readonly coa: number;
  readonly innerTunnel: number;
}

function writePrivateConfig(configDir: string, host: string, ports: RadiusPorts, secret: string, user: string, password: string, replyMessage: string): void {
  const radiusdConf = join(configDir, 'radiusd.conf');
  let conf = readFileSync(radiusdConf, 'utf8');
  conf = setSetting(conf, 'raddbdir', configDir);
  conf = setSetting(conf, 'logdir', join(configDir, 'log'));
  conf = setSetting(conf, 'run_dir', join(configDir, 'run'));
  // Running as root keeps the copy (in a 0700 temp dir) readable without chown-ing it to freerad.
  conf = commentOutSetting(conf, 'user');
  conf = commentOutSetting(conf, 'group');
  writeFileSync(radiusdConf, conf);
  mkdirSync(join(configDir, 'log', 'radacct'), { recursive: true });
  mkdirSync(join(configDir, 'run'), { recursive: true });

  rewriteSite(configDir, 'default', [
    { type: 'auth', ipaddr: host, port: ports.auth },
    { type: 'acct', ipaddr: host, port: ports.acct },
  ]);
  // inner-tunnel binds 127.0.0.1:18120 by default: a second FreeRADIUS (or the system one) would collide.
  rewriteSite(configDir, 'inner-tunnel', [{ type: 'auth', ipaddr: host, port: ports.innerTunnel }]);
  rewriteSite(configDir, 'coa', [{ type: 'coa', ipaddr: host, port: ports.coa, virtualServer: 'coa' }]);
  symlinkSync('../sites-available/coa', join(configDir, 'sites-enabled', 'coa'));

  writeFileSync(
    join(configDir, 'clients.conf'),
    `client noclab_localhost {\n\tipaddr = ${host}\n\tsecret = ${secret}\n\tshortname = noclab\n\tnas_type = other\n}\n`,
  );
  // `users` is a symlink to mods-config/files/authorize; write the target so the link stays valid.
  writeFileSync(
    join(configDir, 'mods-config', 'files', 'authorize'),
    `${user}\tCleartext-Password := "${password}"\n\tReply-Message := "${replyMessage}"\n`,
  );
}

export async function startFreeradiusIn(lab: Lab, options: Omit<FreeradiusOptions, 'lab'> = {}): Promise<FreeradiusPeer> {
  const tag = lab.newTag('freeradius');
  try {
    const host = '127.0.0.1';
    const [auth, acct, coa, innerTunnel] = await freeUdpPorts(4, host);
    if (auth === undefined || acct === undefined || coa === undefined || innerTunnel === undefined) throw new Error('no free UDP ports');
    const secret = `s${token(8)}`;
    const user = options.user ?? `sub${token(3)}`;
    const password = options.password ?? token(8);
    const replyMessage = `noclab ${token(4)}`;
    const configDir = join(lab.subdir(tag.replace('#', '-')), 'raddb');
    // cp -a keeps the relative mods-enabled/sites-enabled symlinks valid inside the copy.
    await mustRun('cp', ['-a', STOCK_CONFIG, configDir]);
    writePrivateConfig(configDir, host, { auth, acct, coa, innerTunnel }, secret, user, password, replyMessage);
    // Check the config first so a mistake is reported as such, not as a readiness timeout.
    await mustRun('/usr/sbin/freeradius', ['-C', '-d', configDir]);

    const daemon = lab.spawn(tag, {
      name: 'freeradius',
      cmd: '/usr/sbin/freeradius',
      args: ['-f', '-d', configDir],
      logFile: join(configDir, 'log', 'stdout.log'),
    });
    await pollUntil(
      `freeradius on ${host}:${auth}`,
      async () => {
        assertStillRunning(daemon);
        // radclient with one short try: radtest's 3x3 s retries would make each probe slow.
        const r = await run('radclient', ['-r', '1', '-t', '1', '-x', `${host}:${auth}`, 'auth', secret], {
          input: `User-Name = "${user}", User-Password = "${password}"\n`,
        });
        return r.stdout.includes('Access-Accept') ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const peer = { host, authPort: auth, acctPort: acct, coaPort: coa, secret, user, password, replyMessage, pid: daemon.pid, configDir };
    lab.describe(tag, peer);
    return { ...peer, stop: () => lab.release(tag, tag) };
  } catch (error) {
    await lab.release(tag, tag);
    throw error;
  }
}
