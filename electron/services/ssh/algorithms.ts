// Per-profile algorithm policy. 'modern' is ssh2's default list without anything SHA-1 or CBC;
// 'legacy' adds what old network gear still needs. Whatever is negotiated is reported, and a
// connection that ended up on a legacy algorithm says so.
import type { Algorithms, NegotiatedAlgorithms } from 'ssh2';

export type AlgorithmPolicy = 'modern' | 'legacy';

const SHA1_KEX = ['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1'] as const;
const CBC_CIPHERS = ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', '3des-cbc'] as const;
const SHA1_MACS = ['hmac-sha1', 'hmac-sha1-etm@openssh.com'] as const;

/** Names whose negotiation marks a connection as legacy. */
export const LEGACY_ALGORITHMS: ReadonlySet<string> = new Set<string>([
  ...SHA1_KEX,
  ...CBC_CIPHERS,
  ...SHA1_MACS,
  'ssh-rsa',
  'ssh-dss',
  'blowfish-cbc',
  'hmac-md5',
]);

export function algorithmsFor(policy: AlgorithmPolicy): Algorithms {
  if (policy === 'legacy') {
    return {
      kex: { append: ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'], prepend: [], remove: [] },
      serverHostKey: { append: ['ssh-rsa'], prepend: [], remove: [] },
      cipher: { append: ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', '3des-cbc'], prepend: [], remove: [] },
      hmac: { append: ['hmac-sha1'], prepend: [], remove: [] },
    };
  }
  return {
    kex: { append: [], prepend: [], remove: [...SHA1_KEX] },
    serverHostKey: { append: [], prepend: [], remove: ['ssh-rsa', 'ssh-dss'] },
    cipher: { append: [], prepend: [], remove: [...CBC_CIPHERS] },
    hmac: { append: [], prepend: [], remove: [...SHA1_MACS] },
  };
}

export interface NegotiatedSummary {
  kex: string;
  serverHostKey: string;
  cipher: string;
  mac: string;
  /** The legacy algorithms actually in use (empty for a modern connection). */
  legacy: string[];
}

export function summarize(n: NegotiatedAlgorithms): NegotiatedSummary {
  const cipher = n.cs.cipher;
  const mac = n.cs.mac;
  const used = [n.kex, n.serverHostKey, n.cs.cipher, n.sc.cipher, n.cs.mac, n.sc.mac].map(String);
  return { kex: n.kex, serverHostKey: n.serverHostKey, cipher, mac, legacy: [...new Set(used.filter((a) => LEGACY_ALGORITHMS.has(a)))] };
}
