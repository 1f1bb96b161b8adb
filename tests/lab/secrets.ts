// Random per-run credentials: tests must use what the lab returns, never a
// value they could have hard-coded, so a wrong peer cannot pass by accident.
import { randomBytes } from 'node:crypto';

/** Hex token; Net-SNMP needs >= 8 characters for v3 pass phrases, RADIUS secrets like plain ASCII. */
export function token(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}
