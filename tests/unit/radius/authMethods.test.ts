// Password proofs besides PAP: MS-CHAPv2 against the worked example of RFC 2759 §9.2, and CHAP
// (RFC 1994 §4.1, RFC 2865 §5.3) recomputed with node:crypto.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chapProof, mschapV2Proof, mschapV2SuccessValid } from '../../../electron/services/radius/authMethods';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// RFC 2759 §9.2 "Sample Data"
const RFC = {
  user: 'User',
  password: 'clientPass',
  authenticatorChallenge: hex('5B5D7C7D7B3F2F3E3C2C602132262628'),
  peerChallenge: hex('21402324255E262A28295F2B3A337C7E'),
  ntResponse: hex('82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF'),
  authenticatorResponse: 'S=407A5589115FD0D6209F510FE9C04566932CDA56',
};

describe('MS-CHAPv2 (RFC 2759)', () => {
  const proof = mschapV2Proof(RFC.user, RFC.password, 0x33, RFC.authenticatorChallenge, RFC.peerChallenge);

  it('produces the RFC 2759 §9.2 NT-Response', () => {
    // MS-CHAP2-Response (RFC 2548 §2.3.2): Ident, Flags, Peer-Challenge(16), Reserved(8), Response(24)
    expect(proof.response).toHaveLength(50);
    expect(proof.response.subarray(26).toString('hex')).toBe(RFC.ntResponse.toString('hex'));
  });

  it('lays out MS-CHAP2-Response as RFC 2548 §2.3.2 says', () => {
    expect(proof.response[0]).toBe(0x33);
    expect(proof.response[1]).toBe(0);
    expect(proof.response.subarray(2, 18).equals(RFC.peerChallenge)).toBe(true);
    expect(proof.response.subarray(18, 26).equals(Buffer.alloc(8))).toBe(true);
    expect(proof.authenticatorChallenge.equals(RFC.authenticatorChallenge)).toBe(true);
  });

  it('expects the RFC 2759 §9.2 authenticator response from a server that knows the password', () => {
    expect(proof.expectedSuccess).toBe(RFC.authenticatorResponse);
  });

  it('hashes the user name without its domain (RFC 2759 §8.2)', () => {
    const withDomain = mschapV2Proof('EXAMPLE\\User', RFC.password, 0x33, RFC.authenticatorChallenge, RFC.peerChallenge);
    expect(withDomain.response.subarray(26).equals(RFC.ntResponse)).toBe(true);
  });

  it('gives a different NT-Response for another password', () => {
    const other = mschapV2Proof(RFC.user, 'clientpass', 0x33, RFC.authenticatorChallenge, RFC.peerChallenge);
    expect(other.response.subarray(26).equals(RFC.ntResponse)).toBe(false);
  });

  it('accepts MS-CHAP2-Success only when it carries the expected S= value', () => {
    const success = (text: string): Buffer => Buffer.concat([Buffer.from([0x33]), Buffer.from(text, 'latin1')]);
    expect(mschapV2SuccessValid(success(RFC.authenticatorResponse), proof)).toBe(true);
    expect(mschapV2SuccessValid(success(`${RFC.authenticatorResponse} M=Welcome`), proof)).toBe(true);
    expect(mschapV2SuccessValid(success(RFC.authenticatorResponse.toLowerCase()), proof)).toBe(true);
    expect(mschapV2SuccessValid(success('S=407A5589115FD0D6209F510FE9C04566932CDA57'), proof)).toBe(false);
    expect(mschapV2SuccessValid(success('S=407A'), proof)).toBe(false);
    expect(mschapV2SuccessValid(success(''), proof)).toBe(false);
    expect(mschapV2SuccessValid(Buffer.alloc(0), proof)).toBe(false);
  });

  it('draws fresh challenges when none are given', () => {
    const a = mschapV2Proof('u', 'p');
    const b = mschapV2Proof('u', 'p');
    expect(a.authenticatorChallenge).toHaveLength(16);
    expect(a.authenticatorChallenge.equals(b.authenticatorChallenge)).toBe(false);
    expect(a.response.subarray(2, 18).equals(b.response.subarray(2, 18))).toBe(false);
  });
});

describe('CHAP (RFC 1994)', () => {
  it('sends CHAP-Password = ident + MD5(ident + password + challenge)', () => {
    const challenge = hex('0102030405060708090a0b0c0d0e0f10');
    const p = chapProof('s3cret pässword', 0x42, challenge);
    const expected = createHash('md5').update(Buffer.from([0x42])).update(Buffer.from('s3cret pässword', 'utf8')).update(challenge).digest();
    expect(p.chapPassword).toHaveLength(17);
    expect(p.chapPassword[0]).toBe(0x42);
    expect(p.chapPassword.subarray(1).toString('hex')).toBe(expected.toString('hex'));
    expect(p.chapChallenge.equals(challenge)).toBe(true);
  });

  it('picks a random ident and a 16-octet challenge, consistent with each other', () => {
    const p = chapProof('pw');
    const expected = createHash('md5').update(p.chapPassword.subarray(0, 1)).update('pw').update(p.chapChallenge).digest();
    expect(p.chapChallenge).toHaveLength(16);
    expect(p.chapPassword.subarray(1).equals(expected)).toBe(true);
    expect(chapProof('pw').chapChallenge.equals(p.chapChallenge)).toBe(false);
  });
});
