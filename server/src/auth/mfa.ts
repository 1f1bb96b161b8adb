// TOTP MFA (RFC 6238, SHA-1, 6 digits, 30 s — what every authenticator app speaks) and recovery
// codes. Enrolment stores the secret; MFA is enabled only once a code from the user's app verified
// it, at which point ten single-use recovery codes are issued (shown once, stored hashed).
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import { RECOVERY_LOG_N, hashSecret, verifySecret } from './passwords';

export const TOTP_ISSUER = 'DotMac NOC';
export const RECOVERY_CODE_COUNT = 10;

function totp(secretBase32: string, label: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function enrolment(secretBase32: string, label: string): Promise<{ otpauthUri: string; secret: string; qrSvg: string }> {
  const otpauthUri = totp(secretBase32, label).toString();
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { otpauthUri, secret: secretBase32, qrSvg };
}

/**
 * The 30 s step a 6-digit code belongs to, when it is valid now or one step either side (clock
 * drift between phone and server); null otherwise. Callers refuse a step at or before the last one
 * the user spent, so a code seen over someone's shoulder cannot be used again.
 */
export function totpStep(secretBase32: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32, 'x').validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/** The current code (the CLI and tests play the authenticator with it). */
export function currentTotp(secretBase32: string, now = Date.now()): string {
  return totp(secretBase32, 'x').generate({ timestamp: now });
}

export function looksLikeTotp(otp: string): boolean {
  return /^\d{6}$/.test(otp.trim());
}

/** `xxxx-xxxx-xxxx-xxxx` (64 random bits, hex): easy to read out, infeasible to guess. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    (randomBytes(8).toString('hex').match(/.{4}/g) ?? []).join('-'),
  );
}

export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^0-9a-f]/g, '');
}

export function hashRecoveryCodes(codes: string[]): Promise<string[]> {
  return Promise.all(codes.map((c) => hashSecret(normalizeRecoveryCode(c), RECOVERY_LOG_N)));
}

/** Index of the stored hash `code` matches, or -1. Checks every hash (no early exit on a match). */
export async function matchRecoveryCode(code: string, hashes: readonly string[]): Promise<number> {
  const normalized = normalizeRecoveryCode(code);
  if (normalized.length !== 16) return -1;
  const results = await Promise.all(hashes.map((h) => verifySecret(normalized, h)));
  return results.indexOf(true);
}
