// Password proofs an Access-Request can carry besides PAP: CHAP (RFC 1994 / RFC 2865 §5.3) and
// MS-CHAPv2 (RFC 2759, carried in Microsoft VSAs per RFC 2548). OpenSSL 3 in Node has neither
// MD4 nor single DES, so those two primitives come from js-md4 and des.js.
import { createHash, randomBytes } from 'node:crypto';
import des from 'des.js';
import md4 from 'js-md4';

export interface ChapProof {
  /** CHAP-Password: CHAP ident + MD5(ident + password + challenge). */
  chapPassword: Buffer;
  chapChallenge: Buffer;
}

export function chapProof(password: string, ident = randomBytes(1)[0] ?? 0, challenge = randomBytes(16)): ChapProof {
  const digest = createHash('md5').update(Buffer.from([ident])).update(password, 'utf8').update(challenge).digest();
  return { chapPassword: Buffer.concat([Buffer.from([ident]), digest]), chapChallenge: challenge };
}

function ntPasswordHash(password: string): Buffer {
  return Buffer.from(md4.arrayBuffer(Buffer.from(password, 'utf16le')));
}

function challengeHash(peerChallenge: Buffer, authChallenge: Buffer, userName: string): Buffer {
  // RFC 2759 §8.2: the user name without any domain prefix
  const user = userName.includes('\\') ? userName.slice(userName.lastIndexOf('\\') + 1) : userName;
  return createHash('sha1').update(peerChallenge).update(authChallenge).update(user, 'utf8').digest().subarray(0, 8);
}

/** 7 key octets spread over 8, low bit of each left for parity (RFC 2759 §8.6). */
function desKey(seven: Buffer): number[] {
  const bits = seven.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
  const key: number[] = [];
  for (let i = 0; i < 8; i++) key.push(Number((bits >> BigInt(49 - i * 7)) & 0x7fn) << 1);
  return key;
}

function challengeResponse(challenge: Buffer, passwordHash: Buffer): Buffer {
  const z = Buffer.alloc(21);
  passwordHash.copy(z);
  const parts = [0, 7, 14].map((o) => {
    const cipher = des.DES.create({ type: 'encrypt', key: desKey(z.subarray(o, o + 7)), padding: false });
    return Buffer.from([...cipher.update(challenge), ...cipher.final()]);
  });
  return Buffer.concat(parts);
}

export interface MschapV2Proof {
  /** MS-CHAP-Challenge (vendor 311, attribute 11). */
  authenticatorChallenge: Buffer;
  /** MS-CHAP2-Response (vendor 311, attribute 25): ident, flags, peer challenge, reserved, NT-Response. */
  response: Buffer;
  /** The S= value a server that knows the password must send back in MS-CHAP2-Success. */
  expectedSuccess: string;
}

const MAGIC1 = Buffer.from('Magic server to client signing constant', 'ascii');
const MAGIC2 = Buffer.from('Pad to make it do more than one iteration', 'ascii');

export function mschapV2Proof(userName: string, password: string, ident = 1, authChallenge = randomBytes(16), peerChallenge = randomBytes(16)): MschapV2Proof {
  const pwHash = ntPasswordHash(password);
  const cHash = challengeHash(peerChallenge, authChallenge, userName);
  const ntResponse = challengeResponse(cHash, pwHash);
  const response = Buffer.concat([Buffer.from([ident, 0]), peerChallenge, Buffer.alloc(8), ntResponse]);
  // RFC 2759 §8.7 GenerateAuthenticatorResponse
  const pwHashHash = Buffer.from(md4.arrayBuffer(pwHash));
  const digest = createHash('sha1').update(pwHashHash).update(ntResponse).update(MAGIC1).digest();
  const success = createHash('sha1').update(digest).update(cHash).update(MAGIC2).digest();
  return { authenticatorChallenge: authChallenge, response, expectedSuccess: `S=${success.toString('hex').toUpperCase()}` };
}

/** Checks MS-CHAP2-Success (ident + "S=<40 hex>…") against what the password implies. */
export function mschapV2SuccessValid(successValue: Buffer, proof: MschapV2Proof): boolean {
  const text = successValue.subarray(1).toString('latin1');
  return text.toUpperCase().startsWith(proof.expectedSuccess);
}
