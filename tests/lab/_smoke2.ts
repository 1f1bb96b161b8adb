import { startNetwork, Lab } from './index';
import { execFileSync } from 'node:child_process';
const lab = new Lab();
try {
  const t = Date.now();
  const net = await startNetwork({ lab });
  console.log('network', Date.now() - t, JSON.stringify(net.topology, null, 1).slice(0, 1500));
  for (let i = 0; i < 12; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    const r1 = net.router('r1');
    let out = '';
    try { out = execFileSync('snmpwalk', ['-v2c', '-c', net.snmp.community, '-On', r1.mgmtAddress, '1.0.8802.1.1.2.1.4.1.1.9'], { encoding: 'utf8' }); } catch (e) { out = String(e); }
    console.log(Date.now() - t, out);
    if (out.split('\n').filter(Boolean).length >= 3) break;
  }
  console.log(execFileSync('ip', ['netns', 'exec', net.router('r1').netns, 'lldpcli', '-u', net.router('r1').lldpdControlSocket, 'show', 'neighbors', 'summary'], { encoding: 'utf8' }));
} catch (e) { console.error(e); } finally { await lab.stop(); }
