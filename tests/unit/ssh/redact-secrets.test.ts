// Backups are synced: the secrets in a device's configuration must not be stored or sent in clear.
import { describe, expect, it } from 'vitest';
import { normaliseConfig } from '../../../electron/services/ssh/config/normalise';
import { redactSecrets } from '../../../electron/services/ssh/config/redactSecrets';

describe('secrets in fetched configurations', () => {
  it.each([
    ['snmp-server community n0c-Str1ng RO', 'snmp-server community <redacted> RO'],
    ['enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0', 'enable secret 5 <redacted>'],
    ['username admin privilege 15 secret 9 $9$abc$def', 'username admin privilege 15 secret 9 <redacted>'],
    ['username ops password 7 0822455D0A16', 'username ops password 7 <redacted>'],
    ['tacacs-server key 7 045802150C2E', 'tacacs-server key 7 <redacted>'],
    [' key-string 7 110A1016141D', ' key-string 7 <redacted>'],
    [' ip ospf authentication-key 7 070C285F4D06', ' ip ospf authentication-key 7 <redacted>'],
    ['set system login user noc authentication encrypted-password "$6$salt$hash"', 'set system login user noc authentication encrypted-password <redacted>'],
    ['set snmp community public authorization read-only', 'set snmp community <redacted> authorization read-only'],
    ['/user add name=noc password=hunter2 group=full', '/user add name=noc password=<redacted> group=full'],
    ['/interface wireless security-profiles set default wpa2-pre-shared-key="a b c"', '/interface wireless security-profiles set default wpa2-pre-shared-key=<redacted>'],
    [' local-user admin password irreversible-cipher $1a$xyz$', ' local-user admin password irreversible-cipher <redacted>'],
    ['snmp-agent community read cipher %^%#abc%^%#', 'snmp-agent community read cipher <redacted>'],
  ])('%s', (line, expected) => {
    expect(redactSecrets(line)).toBe(expected);
  });

  it.each(['crypto key generate rsa modulus 2048', 'service password-encryption', 'key chain OSPF', 'interface eth0', ' mtu 9000', 'PasswordAuthentication no'])(
    'leaves %s alone',
    (line) => {
      expect(redactSecrets(line)).toBe(line);
    },
  );

  it('a stored version never holds the secret, and a secret-only change is not a new version', () => {
    const a = normaliseConfig('hostname r1\nsnmp-server community first-secret RO\n', 'Cisco');
    const b = normaliseConfig('hostname r1\nsnmp-server community second-secret RO\n', 'Cisco');
    expect(a.content).not.toContain('first-secret');
    expect(a.content).toContain('snmp-server community <redacted> RO');
    expect(b.sha256).toBe(a.sha256);
  });
});
