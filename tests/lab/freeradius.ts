// FreeRADIUS 3.2 from a private copy of /etc/freeradius/3.0: listen sections
// of default, inner-tunnel and coa rewritten to 127.0.0.1 and free high ports,
// the lab's own client secret and test user, run in the foreground (-f).
// The copy is also where the RADIUS acceptance checks get their server-side
// facts: a vendor attribute in the Access-Accept, a CoA/Disconnect NAK case,
// and the accounting `detail` file.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertStillRunning } from './daemon';
import { mustRun, run } from './exec';
import { commentOutSetting, prependToSection, quoteString, replaceListenSections, setSetting, type ListenSpec } from './freeradius-config';
import type { Lab } from './lab';
import { freeUdpPorts } from './ports';
import { token } from './secrets';
import { pollUntil } from './wait';

export interface FreeradiusOptions {
  readonly lab?: Lab;
  /** Test user; defaults to a random name so tests cannot hard-code it. */
  readonly user?: string;
  readonly password?: string;
  /**
   * `require_message_authenticator = yes` on the lab's client: FreeRADIUS
   * 3.2.1 then silently drops every Access-Request without a Message-Authenticator.
   */
  readonly requireMessageAuthenticator?: boolean;
  /**
   * Benchmark settings: a 4 MiB UDP receive buffer (`recv_buff`) on the auth
   * and acct sockets, a larger thread pool and a higher `max_requests`. With
   * the stock 208 KiB buffer the kernel drops requests once ~1000 are in
   * flight (measured here; retransmissions then triple the run time).
   * Also `reject_delay = 0`: stock FreeRADIUS holds every Access-Reject for 1 s.
   */
  readonly loadTuned?: boolean;
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
  /** Mikrotik-Rate-Limit (vendor 14988, attribute 8) in the test user's Access-Accept; random per run. */
  readonly rateLimit: string;
  /** CoA-Request / Disconnect-Request naming this User-Name get CoA-NAK / Disconnect-NAK; any other gets an ACK. */
  readonly nakUser: string;
  /** Where the `detail` module writes accounting requests from 127.0.0.1 (files `detail-YYYYMMDD`). */
  readonly detailDir: string;
  readonly requireMessageAuthenticator: boolean;
  readonly loadTuned: boolean;
  readonly pid: number;
  readonly configDir: string;
  /** All detail files of `detailDir`, oldest first, concatenated; '' before the first accounting request. */
  readDetail(): Promise<string>;
  stop(): Promise<void>;
}

const STOCK_CONFIG = '/etc/freeradius/3.0';

/** Socket buffer for loadTuned; Debian's net.core.rmem_max is 4 MiB, a larger value would be capped. */
const LOAD_RECV_BUFF = 4 * 1024 * 1024;

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

interface PrivateConfig {
  readonly host: string;
  readonly ports: RadiusPorts;
  readonly secret: string;
  readonly user: string;
  readonly password: string;
  readonly replyMessage: string;
  readonly rateLimit: string;
  readonly nakUser: string;
  readonly requireMessageAuthenticator: boolean;
  readonly loadTuned: boolean;
}

function tuneRadiusdConf(conf: string, loadTuned: boolean): string {
  // No "Login OK" line per request (stock default, made explicit: load runs would fill the log).
  let out = setSetting(conf, 'auth', 'no');
  if (!loadTuned) return out;
  // max_requests caps requests read but not yet answered (3.2.1 drops the excess with "The
  // value for 'max_requests' is probably set too low"); stock 16384 is already far above
  // what a load run keeps in flight, this only takes it out of the picture.
  out = setSetting(out, 'max_requests', '65536');
  out = setSetting(out, 'start_servers', '32');
  out = setSetting(out, 'max_servers', '64');
  out = setSetting(out, 'max_spare_servers', '64');
  // A run with wrong passwords would otherwise measure the 1 s anti-guessing delay.
  out = setSetting(out, 'reject_delay', '0');
  return out;
}

function writePrivateConfig(configDir: string, c: PrivateConfig): void {
  const radiusdConf = join(configDir, 'radiusd.conf');
  let conf = readFileSync(radiusdConf, 'utf8');
  conf = setSetting(conf, 'raddbdir', configDir);
  conf = setSetting(conf, 'logdir', join(configDir, 'log'));
  conf = setSetting(conf, 'run_dir', join(configDir, 'run'));
  // Running as root keeps the copy (in a 0700 temp dir) readable without chown-ing it to freerad.
  conf = commentOutSetting(conf, 'user');
  conf = commentOutSetting(conf, 'group');
  conf = tuneRadiusdConf(conf, c.loadTuned);
  writeFileSync(radiusdConf, conf);
  mkdirSync(join(configDir, 'log', 'radacct'), { recursive: true });
  mkdirSync(join(configDir, 'run'), { recursive: true });

  const recvBuff = c.loadTuned ? LOAD_RECV_BUFF : undefined;
  rewriteSite(configDir, 'default', [
    { type: 'auth', ipaddr: c.host, port: c.ports.auth, recvBuff },
    { type: 'acct', ipaddr: c.host, port: c.ports.acct, recvBuff },
  ]);
  // inner-tunnel binds 127.0.0.1:18120 by default: a second FreeRADIUS (or the system one) would collide.
  rewriteSite(configDir, 'inner-tunnel', [{ type: 'auth', ipaddr: c.host, port: c.ports.innerTunnel }]);
  rewriteSite(configDir, 'coa', [{ type: 'coa', ipaddr: c.host, port: c.ports.coa, virtualServer: 'coa' }]);
  // recv-coa handles CoA-Request and Disconnect-Request alike; `reject` there makes the
  // server answer with the matching NAK, `ok` (the stock policy below) with the ACK.
  const coaPath = join(configDir, 'sites-available', 'coa');
  writeFileSync(
    coaPath,
    prependToSection(
      readFileSync(coaPath, 'utf8'),
      'recv-coa',
      `\t\t# NOC lab: a known user name to get a NAK for.\n\t\tif (&User-Name == ${quoteString(c.nakUser)}) {\n\t\t\treject\n\t\t}\n`,
    ),
  );
  symlinkSync('../sites-available/coa', join(configDir, 'sites-enabled', 'coa'));

  const clientLines = [`\tipaddr = ${c.host}`, `\tsecret = ${c.secret}`, '\tshortname = noclab', '\tnas_type = other'];
  if (c.requireMessageAuthenticator) clientLines.push('\trequire_message_authenticator = yes');
  writeFileSync(join(configDir, 'clients.conf'), `client noclab_localhost {\n${clientLines.join('\n')}\n}\n`);
  // `users` is a symlink to mods-config/files/authorize; write the target so the link stays valid.
  // Cleartext-Password lets the stock pap, chap and mschap modules all check the password.
  writeFileSync(
    join(configDir, 'mods-config', 'files', 'authorize'),
    `${c.user}\tCleartext-Password := ${quoteString(c.password)}\n` +
      `\tReply-Message := ${quoteString(c.replyMessage)},\n` +
      `\tMikrotik-Rate-Limit := ${quoteString(c.rateLimit)}\n`,
  );
}

/** Detail files sorted by name, i.e. by date (`detail-YYYYMMDD`). */
async function readDetailFiles(detailDir: string): Promise<string> {
  if (!existsSync(detailDir)) return '';
  const names = readdirSync(detailDir)
    .filter((name) => /^detail-\d{8}$/.test(name))
    .sort();
  const parts = await Promise.all(names.map((name) => readFile(join(detailDir, name), 'utf8')));
  return parts.join('');
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
    const rateLimit = `10M/20M-${token(2)}`;
    const nakUser = `nak-${token(3)}`;
    const requireMessageAuthenticator = options.requireMessageAuthenticator ?? false;
    const loadTuned = options.loadTuned ?? false;
    const configDir = join(lab.subdir(tag.replace('#', '-')), 'raddb');
    // radacctdir is ${logdir}/radacct and the detail module files by the client's source address.
    const detailDir = join(configDir, 'log', 'radacct', host);
    // cp -a keeps the relative mods-enabled/sites-enabled symlinks valid inside the copy.
    await mustRun('cp', ['-a', STOCK_CONFIG, configDir]);
    writePrivateConfig(configDir, {
      host,
      ports: { auth, acct, coa, innerTunnel },
      secret,
      user,
      password,
      replyMessage,
      rateLimit,
      nakUser,
      requireMessageAuthenticator,
      loadTuned,
    });
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
        // Message-Authenticator = 0x00 makes radclient sign the request, so the probe also
        // passes with requireMessageAuthenticator.
        const r = await run('radclient', ['-r', '1', '-t', '0.5', '-x', `${host}:${auth}`, 'auth', secret], {
          input: `User-Name = ${quoteString(user)}, User-Password = ${quoteString(password)}, Message-Authenticator = 0x00\n`,
        });
        return r.stdout.includes('Access-Accept') ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const peer = {
      host,
      authPort: auth,
      acctPort: acct,
      coaPort: coa,
      secret,
      user,
      password,
      replyMessage,
      rateLimit,
      nakUser,
      detailDir,
      requireMessageAuthenticator,
      loadTuned,
      pid: daemon.pid,
      configDir,
    };
    lab.describe(tag, peer);
    return { ...peer, readDetail: () => readDetailFiles(detailDir), stop: () => lab.release(tag, tag) };
  } catch (error) {
    await lab.release(tag, tag);
    throw error;
  }
}
