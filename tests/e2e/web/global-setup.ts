// Seeds a demo workspace and starts `noc serve` on it once for the web e2e project; the URL (with
// its token) reaches the specs through an environment variable. Also starts a lab FreeRADIUS
// (tests/lab) for the RADIUS page specs: its facts travel as JSON in NOC_E2E_RADIUS, or why it
// could not start in NOC_E2E_RADIUS_ERROR (only the RADIUS specs fail then). And the VOLTHA
// simulators of the PON page specs (in this process): their addresses travel as JSON in
// NOC_E2E_VOLTHA, or why they could not start in NOC_E2E_VOLTHA_ERROR. And a lab snmpd for the
// SNMP page specs: its facts in NOC_E2E_SNMP, or why it could not start in NOC_E2E_SNMP_ERROR.
// Stopped at teardown.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFreeradius, startSnmpd, startSshd, type FreeradiusPeer, type SnmpdPeer, type SshdPeer } from '../../lab/index';
import { startNocServe } from './nocServe';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NOC = path.join(root, 'bin/noc.mjs');

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html'))) throw new Error('Build the renderer first: npm run build');
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'noc-e2e-'));
  const seed = spawnSync(process.execPath, [NOC, 'demo', 'seed', '--workspace', ws, '--subscribers', '5000', '--json'], { encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`demo seed failed: ${seed.stderr}`);
  const { server, url } = await startNocServe(ws, { NOC_TRAP_PORT: String(await labTrapPort()) });
  process.env.NOC_E2E_URL = url;
  process.env.NOC_E2E_WORKSPACE = ws;
  const radius = await startLabRadius();
  const voltha = await startVolthaSims();
  const sshd = await startLabSshd();
  const snmpd = await startLabSnmpd();
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await radius?.stop();
    await Promise.all(voltha.map((sim) => sim.stop()));
    await sshd?.stop();
    await snmpd?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  };
}

/** The lab FreeRADIUS for radius.spec.ts; a failure is reported to those specs, not to every spec. */
async function startLabRadius(): Promise<FreeradiusPeer | null> {
  delete process.env.NOC_E2E_RADIUS;
  delete process.env.NOC_E2E_RADIUS_ERROR;
  try {
    const peer = await startFreeradius();
    // every fact the lab reports (fields added later, e.g. rateLimit or nakUser, come along), minus the handle
    const { stop: _stop, ...facts } = peer;
    process.env.NOC_E2E_RADIUS = JSON.stringify(facts);
    return peer;
  } catch (err) {
    process.env.NOC_E2E_RADIUS_ERROR = err instanceof Error ? err.message : String(err);
    return null;
  }
}

/**
 * The lab sshd for the terminal and automation specs (a test user with a plain bash: root's shell
 * init is slow here). Its facts (host, port, user, privateKeyPath, hostKeyFingerprintSha256, logPath,
 * pid…) travel as JSON in NOC_E2E_SSH, or why it could not start in NOC_E2E_SSH_ERROR.
 */
async function startLabSshd(): Promise<SshdPeer | null> {
  delete process.env.NOC_E2E_SSH;
  delete process.env.NOC_E2E_SSH_ERROR;
  try {
    const peer = await startSshd({ user: 'nocssh' });
    const { stop: _stop, ...facts } = peer;
    process.env.NOC_E2E_SSH = JSON.stringify(facts);
    return peer;
  } catch (err) {
    process.env.NOC_E2E_SSH_ERROR = err instanceof Error ? err.message : String(err);
    return null;
  }
}

/**
 * The lab snmpd for snmp.spec.ts: host, port, v2c community, the v3 authPriv user (SHA/AES) and
 * sysName/sysLocation/sysContact travel as JSON in NOC_E2E_SNMP, or why it could not start in
 * NOC_E2E_SNMP_ERROR (only the SNMP specs fail then).
 */
async function startLabSnmpd(): Promise<SnmpdPeer | null> {
  delete process.env.NOC_E2E_SNMP;
  delete process.env.NOC_E2E_SNMP_ERROR;
  try {
    const peer = await startSnmpd();
    const { stop: _stop, ...facts } = peer;
    process.env.NOC_E2E_SNMP = JSON.stringify(facts);
    return peer;
  } catch (err) {
    process.env.NOC_E2E_SNMP_ERROR = err instanceof Error ? err.message : String(err);
    return null;
  }
}

/** Layouts of the PON page specs (pon.spec.ts reads them from NOC_E2E_VOLTHA). */
const VOLTHA_LAYOUTS = {
  /** Provisioned: 2 OLTs enabled, 32 ONUs active. */
  small: { olts: 2, pons: 2, onus: 8, provisioned: true },
  /** Nothing in the core yet: its OLT addresses are there to be pre-provisioned. */
  spare: { olts: 1, pons: 2, onus: 4, provisioned: false },
  /** The acceptance layout: 16 OLTs × 16 PONs × 64 ONUs = 16,384 ONUs. */
  scale: { olts: 16, pons: 16, onus: 64, provisioned: true },
} as const;

/** The VOLTHA simulators for pon.spec.ts; a failure is reported to those specs, not to every spec. */
async function startVolthaSims(): Promise<{ stop(): Promise<void> | void }[]> {
  delete process.env.NOC_E2E_VOLTHA;
  delete process.env.NOC_E2E_VOLTHA_ERROR;
  const started: { stop(): Promise<void> | void }[] = [];
  try {
    // loaded here, not at the top: a simulator that fails to load fails the PON specs only
    const { startVolthaSimulator } = await import('../../../electron/services/voltha/simulator/index');
    const facts: Record<string, { address: string; oltAddresses: string[]; layout: (typeof VOLTHA_LAYOUTS)[keyof typeof VOLTHA_LAYOUTS] }> = {};
    for (const [name, layout] of Object.entries(VOLTHA_LAYOUTS)) {
      // short steps: an enabled OLT discovers and activates its ONUs within seconds
      const sim = await startVolthaSimulator({ ...layout, stepMs: 150, port: 0 });
      started.push(sim);
      facts[name] = { address: sim.address, oltAddresses: [...sim.oltAddresses], layout };
    }
    process.env.NOC_E2E_VOLTHA = JSON.stringify(facts);
  } catch (err) {
    process.env.NOC_E2E_VOLTHA_ERROR = err instanceof Error ? err.message : String(err);
  }
  return started;
}

/**
 * The UDP port `noc serve` receives traps on (passed as NOC_TRAP_PORT) for alarms.spec.ts, which
 * reads it from NOC_E2E_TRAP_PORT: a port free right now (bound, read, released).
 */
async function labTrapPort(): Promise<number> {
  const dgram = await import('node:dgram');
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  process.env.NOC_E2E_TRAP_PORT = String(port);
  return port;
}
