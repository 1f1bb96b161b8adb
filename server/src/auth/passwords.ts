// Password (and recovery-code) hashing with scrypt from node:crypto. The stored form carries its own
// parameters — `scrypt$logN$r$p$salt$hash` (base64) — so the cost can be raised later without
// invalidating existing hashes; verification is constant-time.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const KEY_LEN = 32;
/**
 * 2^16 × r=8 → 64 MiB and ~100–200 ms per hash: expensive for an offline guesser, cheap enough that
 * a login burst does not starve a small server. NOC_SCRYPT_LOG_N may raise it (or lower it in tests).
 */
export const PASSWORD_LOG_N = Number(process.env.NOC_SCRYPT_LOG_N ?? 16);
/**
 * Recovery codes are 64 random bits, not human-chosen: guessing them offline is infeasible at any
 * cost, so a cheap scrypt keeps checking ten of them at login fast.
 */
export const RECOVERY_LOG_N = 10;

export async function hashSecret(secret: string, logN = PASSWORD_LOG_N): Promise<string> {
  const r = 8;
  const p = 1;
  const salt = randomBytes(16);
  const key = await scrypt(secret.normalize('NFKC'), salt, KEY_LEN, { N: 2 ** logN, r, p, maxmem: maxmem(logN, r) });
  return ['scrypt', logN, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

function maxmem(logN: number, r: number): number {
  return 128 * r * 2 ** logN * 2; // scrypt needs 128·r·N bytes; leave headroom
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 22) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (expected.length !== KEY_LEN) return false;
  const key = await scrypt(secret.normalize('NFKC'), salt, KEY_LEN, { N: 2 ** logN, r, p, maxmem: maxmem(logN, r) });
  return timingSafeEqual(key, expected);
}

// A hash of nothing anyone knows: an unknown user's login still pays one full scrypt, so response
// time does not tell whether the user exists.
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashSecret(randomBytes(16).toString('hex'));
  await verifySecret(password, await dummyHash);
}
