// The trap receiver's settings in the workspace's (local, unsynced) settings table: port,
// accepted communities and v3 users. Communities and v3 keys are sealed with the workspace box;
// the view the renderer gets says only how many communities there are and whether keys are set.
// NOC_TRAP_PORT overrides the saved port (a test or container picks a free one). Until communities
// are saved, 'public' is accepted, as most agents send it out of the box.
import { z } from 'zod';
import { SNMP_AUTH_PROTOCOLS, SNMP_PRIV_PROTOCOLS, SNMP_SECURITY_LEVELS, type SnmpAuthProtocol, type SnmpPrivProtocol, type SnmpSecurityLevel } from '../../../shared/domain/snmp';
import { TRAP_DEFAULT_PORT } from '../../../shared/ipc/alarmSchemas';
import { NocError } from '../../../shared/ipc/errors';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { Workspace } from '../workspace/workspace';

const SETTING_KEY = 'traps.receiver';
export const DEFAULT_COMMUNITIES: readonly string[] = ['public'];

const storedSchema = z.object({
  port: z.number().int().min(1).max(65535).optional(),
  communities: z.array(z.string()).optional(),
  users: z
    .array(
      z.object({
        name: z.string(),
        level: z.enum(SNMP_SECURITY_LEVELS),
        authProtocol: z.enum(SNMP_AUTH_PROTOCOLS).nullable(),
        privProtocol: z.enum(SNMP_PRIV_PROTOCOLS).nullable(),
        authKey: z.string().nullable(),
        privKey: z.string().nullable(),
      }),
    )
    .default([]),
});
type Stored = z.infer<typeof storedSchema>;

/** A v3 user with its keys in clear (main process only, for the receiver's authorizer). */
export interface TrapUser {
  name: string;
  level: SnmpSecurityLevel;
  authProtocol: SnmpAuthProtocol | null;
  authKey: string | null;
  privProtocol: SnmpPrivProtocol | null;
  privKey: string | null;
}

export interface ReceiverSettings {
  port: number;
  communities: string[];
  users: TrapUser[];
}

export class TrapSettings {
  constructor(private readonly workspace: Workspace) {}

  /** The port from NOC_TRAP_PORT when it is a valid port number, else null. */
  static envPort(): number | null {
    const raw = process.env.NOC_TRAP_PORT;
    if (raw === undefined || raw === '') return null;
    const n = Number(raw);
    return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : null;
  }

  private stored(): Stored {
    const raw = this.workspace.getSetting(SETTING_KEY);
    if (raw === null) return { users: [] };
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = null;
    }
    const parsed = storedSchema.safeParse(json);
    // a damaged setting must not keep the receiver down: fall back to the defaults
    return parsed.success ? parsed.data : { users: [] };
  }

  /** What the receiver needs, secrets opened. */
  load(): ReceiverSettings {
    const s = this.stored();
    const box = this.workspace.box;
    return {
      port: TrapSettings.envPort() ?? s.port ?? TRAP_DEFAULT_PORT,
      communities: s.communities ? s.communities.map((c) => box.open(c)) : [...DEFAULT_COMMUNITIES],
      users: s.users.map((u) => ({
        name: u.name,
        level: u.level,
        authProtocol: u.authProtocol,
        privProtocol: u.privProtocol,
        authKey: u.authKey === null ? null : box.open(u.authKey),
        privKey: u.privKey === null ? null : box.open(u.privKey),
      })),
    };
  }

  view(): ResponseOf<'traps.config'> {
    const s = this.stored();
    const env = TrapSettings.envPort();
    return {
      port: env ?? s.port ?? TRAP_DEFAULT_PORT,
      portFromEnv: env !== null,
      communityCount: s.communities ? s.communities.length : DEFAULT_COMMUNITIES.length,
      users: s.users.map((u) => ({
        name: u.name,
        level: u.level,
        authProtocol: u.authProtocol,
        privProtocol: u.privProtocol,
        hasAuthKey: u.authKey !== null,
        hasPrivKey: u.privKey !== null,
      })),
    };
  }

  /** Applies a change (omitted fields stay); refuses a v3 user whose level needs a key it lacks. */
  save(req: ParsedRequestOf<'traps.config'>): void {
    const s = this.stored();
    const box = this.workspace.box;
    const next: Stored = { ...s };
    if (req.port !== undefined) next.port = req.port;
    if (req.communities !== undefined) next.communities = req.communities.map((c) => box.seal(c));
    if (req.users !== undefined) {
      const names = new Set<string>();
      next.users = req.users.map((u) => {
        if (names.has(u.name)) throw new NocError('VALIDATION', `users: ${u.name} is listed twice`);
        names.add(u.name);
        const old = s.users.find((o) => o.name === u.name);
        const needsAuth = u.level !== 'noAuthNoPriv';
        const needsPriv = u.level === 'authPriv';
        const authKey = needsAuth ? (u.authKey !== undefined ? box.seal(u.authKey) : (old?.authKey ?? null)) : null;
        const privKey = needsPriv ? (u.privKey !== undefined ? box.seal(u.privKey) : (old?.privKey ?? null)) : null;
        if (needsAuth && authKey === null) throw new NocError('VALIDATION', `users: ${u.name} needs an auth password for ${u.level}`);
        if (needsPriv && privKey === null) throw new NocError('VALIDATION', `users: ${u.name} needs a privacy password for authPriv`);
        return {
          name: u.name,
          level: u.level,
          authProtocol: needsAuth ? (u.authProtocol ?? old?.authProtocol ?? 'sha') : null,
          privProtocol: needsPriv ? (u.privProtocol ?? old?.privProtocol ?? 'aes') : null,
          authKey,
          privKey,
        };
      });
    }
    this.workspace.setSetting(SETTING_KEY, JSON.stringify(next));
  }
}
