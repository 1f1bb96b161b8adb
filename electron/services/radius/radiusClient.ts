// The RADIUS test client: builds Access, Accounting, CoA/Disconnect and Status-Server requests
// from typed attributes, sends them through a RadiusSocket, and judges each reply — Response
// Authenticator, Message-Authenticator, strict mode — before reporting it in a technician's words.
import { randomBytes } from 'node:crypto';
import type { MessageAuthenticatorState, RadiusAuthMethod } from '../../../shared/domain/radius';
import type { RadiusAttribute } from '../../../shared/ipc/radiusSchemas';
import { chapProof, mschapV2Proof, mschapV2SuccessValid } from './authMethods';
import type { RadiusDictionary } from './dictionary';
import {
  CODE,
  codeName,
  decodeAttributes,
  encodeRequest,
  messageAuthenticatorState,
  responseAuthenticatorValid,
  type OutgoingAttribute,
  type RawPacket,
} from './packet';
import { RadiusSocket, type Destination } from './transport';
import { hex } from './attributeValues';

export interface ServerTarget extends Destination {
  readonly secret: string;
}

export interface SendOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  /** Refuse replies without a valid Message-Authenticator. */
  readonly strict: boolean;
}

export interface ClientReply {
  outcome: 'reply' | 'no-reply' | 'refused';
  code: string | null;
  identifier: number | null;
  attributes: RadiusAttribute[];
  rttMs: number | null;
  tries: number;
  messageAuthenticator: MessageAuthenticatorState | null;
  responseAuthenticator: 'valid' | 'invalid' | null;
  warnings: string[];
  hint: string | null;
  request: { code: string; identifier: number; attributes: RadiusAttribute[] };
}

/** Which reply codes answer which request (anything else is reported, not accepted silently). */
const ANSWERS: Record<number, readonly number[]> = {
  [CODE.accessRequest]: [2, 3, 11],
  [CODE.statusServer]: [2, 5],
  [CODE.accountingRequest]: [5],
  [CODE.disconnectRequest]: [41, 42],
  [CODE.coaRequest]: [44, 45],
};

const MASKED_TYPES = new Set(['User-Password', 'CHAP-Password', 'MS-CHAP2-Response', 'MS-CHAP-Challenge', 'CHAP-Challenge']);

function requestView(attrs: readonly OutgoingAttribute[]): RadiusAttribute[] {
  return attrs.map((a) => ({
    name: a.def.name,
    // hidden attributes (encrypt flags) are secrets too, whatever their name
    value: MASKED_TYPES.has(a.def.name) || a.def.encrypt !== 0 ? '••••••' : a.def.type === 'string' ? a.value.toString('utf8') : hex(a.value),
    type: a.def.type,
    vendor: a.def.vendorName,
    code: a.def.code,
    tag: a.tag,
  }));
}

function noReplyHint(dest: Destination, tries: number, opts: SendOptions, discarded: readonly string[], portUnreachable: boolean): string {
  if (portUnreachable) return `${dest.host} answered "port unreachable": nothing listens for RADIUS on UDP ${dest.port}. Check the port (auth 1812, acct 1813, CoA 3799, MikroTik CoA 1700).`;
  const base = `No reply after ${tries} ${tries === 1 ? 'try' : 'tries'} (${opts.timeoutMs} ms each) from ${dest.host}:${dest.port}.`;
  if (discarded.length > 0) return `${base} Replies arrived but were discarded: ${[...new Set(discarded)].join('; ')}.`;
  return `${base} Servers drop requests silently when the shared secret is wrong, when this console's address is not a configured client (NAS), or when a firewall blocks UDP ${dest.port} — check those first.`;
}

export class RadiusClient {
  private readonly sockets = new Map<string, Promise<RadiusSocket>>();

  constructor(readonly dict: RadiusDictionary) {}

  attr(name: string, value: Buffer, tag: number | null = null): OutgoingAttribute {
    return { def: this.dict.require(name), tag, value };
  }

  text(name: string, value: string): OutgoingAttribute {
    return this.attr(name, Buffer.from(value, 'utf8'));
  }

  uint(name: string, n: number): OutgoingAttribute {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return this.attr(name, b);
  }

  /** Access-Request attributes for a user and a password proof by method. */
  authAttributes(user: string, password: string, method: RadiusAuthMethod): { attrs: OutgoingAttribute[]; checkSuccess?: (a: RawPacket) => string | null } {
    const attrs = [this.text('User-Name', user)];
    if (method === 'pap') {
      attrs.push(this.attr('User-Password', Buffer.from(password, 'utf8')));
      return { attrs };
    }
    if (method === 'chap') {
      const p = chapProof(password);
      attrs.push(this.attr('CHAP-Password', p.chapPassword), this.attr('CHAP-Challenge', p.chapChallenge));
      return { attrs };
    }
    const proof = mschapV2Proof(user, password, randomBytes(1)[0] ?? 1);
    attrs.push(this.attr('MS-CHAP-Challenge', proof.authenticatorChallenge), this.attr('MS-CHAP2-Response', proof.response));
    const success = this.dict.require('MS-CHAP2-Success');
    return {
      attrs,
      checkSuccess: (reply) => {
        if (reply.code !== CODE.accessRequest + 1) return null;
        for (const a of reply.attributes) {
          if (a.type !== 26 || a.value.length < 7 || a.value.readUInt32BE(0) !== success.vendorId || a.value[4] !== success.code) continue;
          return mschapV2SuccessValid(a.value.subarray(6), proof) ? null : 'MS-CHAP2-Success does not prove the server knows the password';
        }
        return 'Access-Accept carries no MS-CHAP2-Success';
      },
    };
  }

  async send(
    target: ServerTarget,
    code: number,
    attrs: readonly OutgoingAttribute[],
    opts: SendOptions,
    extraCheck?: (reply: RawPacket) => string | null,
  ): Promise<ClientReply> {
    const socket = await this.socketFor(target);
    const withMa = code === CODE.accessRequest || code === CODE.statusServer;
    const secret = target.secret;
    let requestAuthenticator = Buffer.alloc(16);
    let identifier = 0;
    let maState: MessageAuthenticatorState | null = null;
    let responseOk = false;
    const result = await socket.exchange(
      (id) => {
        identifier = id;
        const packet = encodeRequest({ code, identifier: id, authenticator: randomBytes(16), secret, attributes: attrs, messageAuthenticator: withMa });
        requestAuthenticator = Buffer.from(packet.subarray(4, 20));
        return {
          packet,
          check: (reply) => {
            if (!responseAuthenticatorValid(reply, requestAuthenticator, secret)) {
              return { accept: false, reason: `a ${codeName(reply.code)} with a wrong Response Authenticator (is the shared secret the same on both sides?)` };
            }
            if (!(ANSWERS[code] ?? []).includes(reply.code)) {
              return { accept: false, reason: `${codeName(reply.code)} does not answer a ${codeName(code)}` };
            }
            const ma = messageAuthenticatorState(reply, requestAuthenticator, secret);
            if (ma === 'invalid') return { accept: false, reason: `a ${codeName(reply.code)} with an invalid Message-Authenticator` };
            responseOk = true;
            maState = ma;
            return { accept: true };
          },
        };
      },
      { timeoutMs: opts.timeoutMs, retries: opts.retries },
    );
    const request = { code: codeName(code), identifier, attributes: requestView(attrs) };
    const base = { identifier, tries: result.tries, request };
    if (!result.reply) {
      const invalidMa = result.discarded.some((d) => d.includes('invalid Message-Authenticator'));
      return {
        ...base,
        outcome: result.discarded.length > 0 ? 'refused' : 'no-reply',
        code: null,
        attributes: [],
        rttMs: null,
        messageAuthenticator: invalidMa ? 'invalid' : null,
        responseAuthenticator: result.discarded.some((d) => d.includes('Response Authenticator')) ? 'invalid' : null,
        warnings: [...new Set(result.discarded)],
        hint: noReplyHint(socket.destination, result.tries, opts, result.discarded, result.portUnreachable),
      };
    }
    const reply = result.reply;
    const decoded = decodeAttributes(reply.attributes, this.dict);
    const warnings = [...decoded.problems, ...new Set(result.discarded)];
    const state = maState as MessageAuthenticatorState | null;
    const needsMa = code === CODE.accessRequest || code === CODE.statusServer;
    if (needsMa && state === 'missing') {
      warnings.unshift('The reply has no Message-Authenticator: it could be forged by an on-path attacker (BlastRADIUS, CVE-2024-3596). Upgrade the server to require and send it.');
    }
    const extra = extraCheck?.(reply) ?? null;
    if (extra) warnings.push(extra);
    const refused = opts.strict && needsMa && state !== 'valid';
    return {
      ...base,
      identifier: reply.identifier,
      outcome: refused ? 'refused' : 'reply',
      code: codeName(reply.code),
      attributes: decoded.attributes,
      rttMs: result.rttMs,
      messageAuthenticator: state,
      responseAuthenticator: responseOk ? 'valid' : 'invalid',
      warnings,
      hint: refused ? 'Strict mode refused this reply: it carries no valid Message-Authenticator.' : null,
    };
  }

  close(): void {
    for (const s of this.sockets.values()) void s.then((x) => x.close(), () => undefined);
    this.sockets.clear();
  }

  private socketFor(dest: Destination): Promise<RadiusSocket> {
    const k = `${dest.host}|${dest.port}`;
    let s = this.sockets.get(k);
    if (!s) {
      s = RadiusSocket.open(dest);
      s.catch(() => this.sockets.delete(k));
      this.sockets.set(k, s);
    }
    return s;
  }
}
