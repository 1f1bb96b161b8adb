// Config backup against a real sshd: the profile's backup command prints a file the test edits, so
// a change between two backups shows as -/+ in the diff, an unchanged fetch stores nothing new,
// and templates render with device, site and caller variables and push only what was reviewed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditWriter } from '../../../electron/services/cache/repositories/auditWriter';
import { openTempConsole, tempDir } from '../../helpers/tempWorkspace';
import { startSshd, type SshdPeer } from '../../lab/index';
import { addDevice, addSite, saveKeyProfile, trustDevice } from './consoleFixture';

const CONFIG_V1 = [
  'Building configuration...',
  '! Last configuration change at 10:00:00 UTC Mon Jan 1 2024',
  'hostname edge-1   ',
  'interface Gi0/1',
  ' description uplink',
  ' ip address 10.0.0.1 255.255.255.0',
  '',
].join('\r\n');

describe('config backup, diff and templates', () => {
  const c = openTempConsole('cli');
  const ctx = { host: 'cli' } as const;
  const dir = tempDir('noc-backup-');
  const configFile = path.join(dir, 'running-config');
  let sshd: SshdPeer;
  let deviceId: string;
  let siteId: string;
  let versions: string[] = [];

  beforeAll(async () => {
    sshd = await startSshd();
    fs.writeFileSync(configFile, CONFIG_V1);
    const profile = await saveKeyProfile(c, 'edge', sshd.privateKeyPath, sshd.port, `cat ${configFile}`);
    siteId = addSite(c, { name: 'Lagos East', code: 'LOS-E', region: 'Lagos' });
    deviceId = await addDevice(c, { name: 'edge-1', address: sshd.host, profileId: profile, vendor: 'Cisco', model: 'ASR-920', siteId });
    await trustDevice(c, deviceId, sshd.hostKeyFingerprintSha256);
  }, 60_000);

  afterAll(async () => {
    c.dispose();
    await sshd?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const backup = async () => (await c.dispatcher.call('ssh.backup.run', { deviceIds: [deviceId] }, ctx)).results[0];

  it('stores the normalised configuration as a first version', async () => {
    const r = await backup();
    expect(r?.error).toBeNull();
    expect(r?.backup).toMatchObject({ deviceId, deviceName: 'edge-1', command: `cat ${configFile}`, changed: false, previousId: null, lines: 4 });
    const stored = await c.dispatcher.call('ssh.backup.get', { id: r?.backup?.id ?? '' }, ctx);
    expect(stored.content).toBe('hostname edge-1\ninterface Gi0/1\n description uplink\n ip address 10.0.0.1 255.255.255.0\n');
    versions = [stored.id];
    // synced table: the version is queued for the team
    expect(c.workspace.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE table_name = 'config_backups' AND row_id = ?").get(stored.id)).toEqual({ n: 1 });
  });

  it('flags a change and diffs the edited line as - then +; an unchanged fetch stores nothing new', async () => {
    fs.writeFileSync(configFile, CONFIG_V1.replace(' description uplink', ' description core link').replace('10:00:00 UTC Mon', '11:30:00 UTC Tue'));
    const second = await backup();
    expect(second?.backup).toMatchObject({ changed: true, previousId: versions[0] });
    versions.push(second?.backup?.id ?? '');

    const d = await c.dispatcher.call('ssh.backup.diff', { fromId: versions[0] ?? '', toId: versions[1] ?? '' }, ctx);
    expect(d.diff).toMatchObject({ added: 1, removed: 1 });
    expect(d.diff.hunks.flatMap((h) => h.lines).filter((l) => !l.startsWith(' '))).toEqual(['- description uplink', '+ description core link']);
    expect(d.diff.unified).toContain('- description uplink\n+ description core link\n');

    // only the volatile timestamp moved: not a change
    fs.writeFileSync(configFile, CONFIG_V1.replace(' description uplink', ' description core link').replace('10:00:00 UTC Mon', '12:45:00 UTC Wed'));
    const third = await backup();
    expect(third?.backup).toMatchObject({ id: versions[1], changed: false });
    const list = await c.dispatcher.call('ssh.backup.list', { deviceId }, ctx);
    expect(list.map((b) => b.id)).toEqual([versions[1], versions[0]]);
    expect((await c.dispatcher.call('ssh.backup.list', {}, ctx)).map((b) => b.id)).toEqual([versions[1]]);
  });

  it('reports a device whose vendor has no backup command and whose profile sets none', async () => {
    const profile = await saveKeyProfile(c, 'no command', sshd.privateKeyPath, sshd.port);
    const odd = await addDevice(c, { name: 'odd-1', address: sshd.host, profileId: profile, vendor: 'Acme' });
    const r = await c.dispatcher.call('ssh.backup.run', { deviceIds: [odd, deviceId] }, ctx);
    expect(r.results[0]).toMatchObject({ deviceName: 'odd-1', backup: null, error: 'no backup command for vendor Acme; set one on the SSH profile' });
    expect(r.results[1]).toMatchObject({ deviceName: 'edge-1', error: null, backup: { id: versions[1], changed: false } });
  });

  it('renders a template with device, site and caller variables; a missing one stays visible and blocks the push', async () => {
    const body = [
      `cat > ${configFile} <<'CFG'`,
      'hostname {{device.name}}',
      'snmp-server location {{site.name}} ({{site.code}}, {{site.region}}) {{device.model}}',
      'interface Gi0/1',
      ' description {{vars.uplink}}',
      'CFG',
      '',
    ].join('\n');
    const template = await c.dispatcher.call('ssh.templates.save', { name: 'baseline', vendor: 'cisco', body }, ctx);
    expect(template.variables).toEqual(['device.name', 'site.name', 'site.code', 'site.region', 'device.model', 'vars.uplink']);
    expect(await c.dispatcher.invoke('ssh.templates.save', { name: 'Baseline', body: 'x' }, ctx)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const partial = await c.dispatcher.call('ssh.templates.render', { templateId: template.id, deviceId }, ctx);
    expect(partial.missing).toEqual(['vars.uplink']);
    expect(partial.rendered).toContain('snmp-server location Lagos East (LOS-E, Lagos) ASR-920');
    expect(partial.rendered).toContain(' description {{vars.uplink}}');
    expect(partial.against?.id).toBe(versions[1]);
    expect(partial.diff?.added).toBeGreaterThan(0);
    const refused = await c.dispatcher.invoke('ssh.templates.push', { templateId: template.id, deviceId, renderedSha256: partial.renderedSha256 }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const full = await c.dispatcher.call('ssh.templates.render', { templateId: template.id, deviceId, vars: { uplink: 'to-core-2' } }, ctx);
    expect(full.missing).toEqual([]);
    // what is pushed must be what was shown: the sha of another render is refused
    const stale = await c.dispatcher.invoke('ssh.templates.push', { templateId: template.id, deviceId, vars: { uplink: 'to-core-3' }, renderedSha256: full.renderedSha256 }, ctx);
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(fs.readFileSync(configFile, 'utf8')).toContain('description core link');

    const pushed = await c.dispatcher.call('ssh.templates.push', { templateId: template.id, deviceId, vars: { uplink: 'to-core-2' }, renderedSha256: full.renderedSha256 }, ctx);
    expect(pushed.exitCode).toBe(0);
    expect(pushed.hostKeySha256).toBe(sshd.hostKeyFingerprintSha256);
    expect(pushed.backupAfter).toMatchObject({ changed: true, previousId: versions[1] });
    const after = await c.dispatcher.call('ssh.backup.get', { id: pushed.backupAfter?.id ?? '' }, ctx);
    expect(after.content).toBe('hostname edge-1\nsnmp-server location Lagos East (LOS-E, Lagos) ASR-920\ninterface Gi0/1\n description to-core-2\n');

    const audit = new AuditWriter(c.workspace.sqlite, c.workspace.scope()).recent('ssh.template.push');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityId: deviceId, details: { template: 'baseline', device: 'edge-1', sha256: full.renderedSha256 } });
    expect(JSON.stringify(audit[0]?.details)).not.toContain('to-core-2');
  });

  it('lists, updates and deletes templates', async () => {
    const [t] = await c.dispatcher.call('ssh.templates.list', {}, ctx);
    const updated = await c.dispatcher.call('ssh.templates.save', { id: t?.id, name: 'baseline', body: 'ntp server {{vars.ntp}}\n' }, ctx);
    expect(updated.variables).toEqual(['vars.ntp']);
    expect(await c.dispatcher.call('ssh.templates.delete', { id: t?.id ?? '' }, ctx)).toEqual({ deleted: true });
    expect(await c.dispatcher.call('ssh.templates.list', {}, ctx)).toEqual([]);
    expect(await c.dispatcher.call('ssh.templates.delete', { id: t?.id ?? '' }, ctx)).toEqual({ deleted: false });
  });
});
