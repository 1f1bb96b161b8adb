// Field validators reused by several channel schemas.
import { z } from 'zod';

/** UUID in canonical text form (v7 for our own rows, any version accepted from sync peers). */
export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID');

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function isIpv6(s: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(s) || !s.includes(':')) return false;
  const doubles = s.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = s.split(':').filter((g) => g !== '');
  if (groups.some((g) => g.length > 4 && !IPV4.test(g))) return false;
  return doubles === 1 ? groups.length < 8 : groups.length === 8 || (groups.length === 7 && IPV4.test(groups[6] ?? ''));
}

/** A management address: IPv4, IPv6 or a DNS name. */
export const hostAddress = z
  .string()
  .trim()
  .min(1, 'management address is required')
  .max(253)
  .refine((s) => IPV4.test(s) || isIpv6(s) || (HOSTNAME.test(s) && !/^[\d.]+$/.test(s)), {
    message: 'must be an IPv4/IPv6 address or a host name',
  });

export const deviceName = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(128, 'name is at most 128 characters')
  .regex(/^[^\u0000-\u001f]+$/, 'name has control characters');
