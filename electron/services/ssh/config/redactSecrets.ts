// Secrets in fetched configurations are replaced by "<redacted>" before a version is stored:
// config backups are a synced table, and no secret may travel in sync payloads in clear (nor sit
// in every console's cache). Like Oxidized's remove_secret, the cost is that a change of a secret
// alone is not seen as a configuration change. Device hashes ($1$/$9$/type 7…) are redacted too:
// type 7 is reversible, and weak hashes invite offline guessing.
//
// The rules are keyword-based and anchored to the syntax of the vendors we know; a value is the
// token after the keyword (and an optional encryption-type word or digit), quoted or not.

const REDACTED = '<redacted>';

const RULES: readonly RegExp[] = [
  // Cisco/Arista/ZTE: snmp-server community NAME …; Huawei: snmp-agent community read|write [cipher] NAME;
  // Juniper set-style: set snmp community NAME …
  /^(\s*snmp-server community\s+)("[^"]*"|\S+)/i,
  /^(\s*snmp-agent community\s+(?:read|write)\s+(?:cipher\s+)?)("[^"]*"|\S+)/i,
  /^(\s*set snmp community\s+)("[^"]*"|\S+)/i,
  // MikroTik /export: name=value pairs
  /(\b[\w-]*(?:password|secret|pre-shared-key|passphrase)=)("[^"]*"|\S+)/gi,
  // Everyone else: keyword [type] value — enable secret 5 …, username … secret 9 …, tacacs-server key 7 …,
  // key-string …, ip ospf authentication-key …, Juniper encrypted-password "…", Huawei password cipher …
  /(\b(?:password|secret|passwd|passphrase|pre-shared-key|key-string|authentication-key|auth-key|encrypted-password|key)\s+(?:(?:[0-9]|encrypted|hash|cipher|irreversible-cipher|simple|ascii-text)\s+)?)("[^"]*"|[^\s;]+)/gi,
];

/** Words that follow "key"/"password" in ordinary configuration lines and are not secrets. */
const NOT_A_VALUE = /^(generate|chain|config-key|pubkey|exchange|encryption|recovery|-|<redacted>|\{)$/i;

export function redactSecrets(line: string): string {
  let out = line;
  for (const rule of RULES) {
    out = out.replace(rule, (whole: string, keyword: string, value: string) => (NOT_A_VALUE.test(value) ? whole : `${keyword}${REDACTED}`));
  }
  return out;
}
