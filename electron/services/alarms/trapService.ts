// SNMP trap and inform receiver (v1, v2c, v3) mapped to alarms, on net-snmp's Receiver. Informs are
// acknowledged by net-snmp before we see them. Communities and v3 users come from TrapSettings;
// net-snmp's authorizer refuses everything else (counted as dropped, like undecodable packets —
// a malformed datagram never reaches our code as anything but a counted error). v3 traps need no
// engine id configured: net-snmp localizes the user's keys with the sender's engine id.
import dgram from 'node:dgram';
import snmp, { type V3User } from 'net-snmp';
import { NocError } from '../../../shared/ipc/errors';
import type { EventOf, ParsedRequestOf, ResponseOf } from '../../../shared/ipc/schemas';
import type { EventBus } from '../events/eventBus';
import type { Workspace } from '../workspace/workspace';
import type { AlarmService, TrapControl } from './alarmService';
import { decodeTrap, trapAction, type RawNotification } from './trapMapping';
import { TrapSettings, type ReceiverSettings, type TrapUser } from './trapSettings';

// ── The part of net-snmp's receiver API we use (the package ships no types) ────────────────────
interface Notification {
  pdu: RawNotification;
  rinfo: { address: string; port: number };
}
interface Authorizer {
  addCommunity(community: string): void;
  addUser(user: V3User): void;
}
interface Receiver {
  getAuthorizer(): Authorizer;
  close(cb?: () => void): void;
}
interface ReceiverApi {
  createReceiver(
    options: { port: number; address?: string | null; transport: 'udp4'; includeAuthentication: boolean; dgramModule: Pick<typeof dgram, 'createSocket'> },
    cb: (error: (Error & { code?: string; rinfo?: unknown }) | null, n: Notification | null) => void,
  ): Receiver;
}
const receiverApi = snmp as unknown as ReceiverApi;

const PDU_INFORM = 166;
const PDU_V1_TRAP = 164;
/** An inform the sender retransmits (our ack got lost) carries the same request id: count it once. */
const INFORM_REPEAT_MS = 30_000;

export interface ListenOptions {
  /** Overrides the saved/env port (the CLI's --port). */
  port?: number;
  /** Replaces the saved communities (the CLI's --community). */
  communities?: string[];
}

function v3User(u: TrapUser): V3User {
  const level = snmp.SecurityLevel[u.level];
  const user: V3User = { name: u.name, level };
  if (u.authProtocol && u.authKey) {
    user.authProtocol = snmp.AuthProtocols[u.authProtocol];
    user.authKey = u.authKey;
  }
  if (u.privProtocol && u.privKey) {
    user.privProtocol = snmp.PrivProtocols[u.privProtocol];
    user.privKey = u.privKey;
  }
  return user;
}

export class TrapService implements TrapControl {
  private readonly settings: TrapSettings;
  private receiver: Receiver | null = null;
  private listening = false;
  private port: number;
  private error: string | null = null;
  private received = 0;
  private dropped = 0;
  private lastTrapAt: number | null = null;
  private lastOptions: ListenOptions = {};
  private readonly informsSeen = new Map<string, number>();

  constructor(
    private readonly workspace: Workspace,
    private readonly bus: EventBus,
    private readonly alarms: AlarmService,
  ) {
    this.settings = new TrapSettings(workspace);
    this.port = TrapSettings.envPort() ?? 0;
    alarms.attachTraps(this);
  }

  /** Starts listening where the settings say (the desktop and web hosts call this; the CLI does not). */
  start(): void {
    this.listen().catch((err: unknown) => {
      // the console works without a trap receiver; the Alarms page shows why it is not listening
      console.error(`trap receiver: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  /** Binds the receiver; resolves once it listens, rejects with UNAVAILABLE when the port cannot be bound. */
  async listen(opts: ListenOptions = {}): Promise<{ port: number }> {
    await this.stop();
    this.lastOptions = opts;
    let s: ReceiverSettings;
    try {
      s = this.settings.load();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      throw err;
    }
    const port = opts.port ?? s.port;
    this.port = port;
    this.error = null;
    let bound!: (v: void) => void;
    let failed!: (e: Error) => void;
    const ready = new Promise<void>((res, rej) => {
      bound = res;
      failed = rej;
    });
    // our own dgram factory, only to learn when the socket is bound (net-snmp reports bind errors
    // through the trap callback, and nothing at all on success)
    const dgramModule = {
      createSocket: (type: 'udp4') => {
        const socket = dgram.createSocket(type);
        socket.once('listening', () => bound());
        return socket;
      },
    } as Pick<typeof dgram, 'createSocket'>;
    const receiver = receiverApi.createReceiver({ port, transport: 'udp4', includeAuthentication: false, dgramModule }, (error, n) => {
      if (error) {
        if (error.code !== undefined && error.rinfo === undefined) failed(error); // a socket error: EADDRINUSE, EACCES…
        else this.dropped++;
        return;
      }
      if (n) this.onNotification(n);
    });
    const auth = receiver.getAuthorizer();
    for (const c of opts.communities ?? s.communities) auth.addCommunity(c);
    for (const u of s.users) auth.addUser(v3User(u));
    this.receiver = receiver;
    try {
      await ready;
    } catch (err) {
      this.receiver = null;
      try {
        receiver.close();
      } catch {
        // the socket never bound: nothing to close
      }
      const code = (err as { code?: string }).code;
      this.error =
        code === 'EADDRINUSE'
          ? `UDP port ${port} is already in use (another trap receiver?)`
          : code === 'EACCES'
            ? `Not allowed to listen on UDP port ${port} (ports below 1024 need privileges)`
            : `Cannot listen on UDP port ${port}: ${(err as Error).message}`;
      throw new NocError('UNAVAILABLE', this.error);
    }
    this.listening = true;
    return { port };
  }

  status(): ResponseOf<'traps.status'> {
    return { listening: this.listening, port: this.port || this.settings.view().port, error: this.error, received: this.received, dropped: this.dropped, lastTrapAt: this.lastTrapAt };
  }

  /** Saves the settings and, if the receiver runs, restarts it with them. */
  async configure(req: ParsedRequestOf<'traps.config'>): Promise<ResponseOf<'traps.config'>> {
    const changes = req.port !== undefined || req.communities !== undefined || req.users !== undefined;
    if (changes) {
      this.settings.save(req);
      if (this.receiver) await this.listen(this.lastOptions).catch(() => undefined); // status() tells why, if it failed
    }
    return this.settings.view();
  }

  private onNotification(n: Notification): void {
    try {
      const { pdu, rinfo } = n;
      if (pdu.type === PDU_INFORM && pdu.id !== undefined && this.isRepeatInform(`${rinfo.address}:${rinfo.port}:${pdu.id}`)) return;
      const t = decodeTrap(pdu, rinfo.address);
      this.received++;
      this.lastTrapAt = Date.now();
      const deviceId = this.alarms.deviceByAddress(t.address);
      const action = trapAction(t, deviceId);
      let alarmId: string | null = null;
      if (action && 'raise' in action) alarmId = this.alarms.raise(action.raise).id;
      else if (action && 'clear' in action) this.alarms.clear(action.clear, `${t.trapName ?? t.trapOid} from ${t.address}`);
      const event: EventOf<'traps.received'> = {
        at: this.lastTrapAt,
        from: t.address,
        version: pdu.type === PDU_V1_TRAP ? '1' : pdu.scoped ? '3' : '2c',
        pdu: pdu.type === PDU_INFORM ? 'inform' : 'trap',
        trapOid: t.trapOid,
        trapName: t.trapName,
        varbinds: t.varbinds.map((v) => ({ oid: v.oid, name: v.name, type: v.type, value: v.display ?? v.value })),
        alarmId,
      };
      this.bus.emit('traps.received', event);
    } catch (err) {
      // a notification we cannot make sense of is counted, never fatal to the receiver
      this.dropped++;
      console.error(`trap receiver dropped a notification: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private isRepeatInform(key: string): boolean {
    const now = Date.now();
    for (const [k, at] of this.informsSeen) if (now - at > INFORM_REPEAT_MS) this.informsSeen.delete(k);
    if (this.informsSeen.has(key)) return true;
    this.informsSeen.set(key, now);
    return false;
  }

  private async stop(): Promise<void> {
    const r = this.receiver;
    this.receiver = null;
    this.listening = false;
    if (r) await new Promise<void>((resolve) => r.close(() => resolve()));
  }

  close(): void {
    void this.workspace;
    void this.stop();
  }
}
