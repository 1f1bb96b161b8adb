// The one place every request passes, whatever the transport: known channel, permission of the
// role this console enforces, request parsed by the channel's schema, response parsed again (so a
// field that is not in the contract, a secret say, can never leak), errors turned into values.
import { z } from 'zod';
import type { Role } from '../../../shared/domain/permissions';
import { roleHas } from '../../../shared/domain/permissions';
import { NocError, type IpcResult } from '../../../shared/ipc/errors';
import { contract, type ChannelName, type ParsedRequestOf, type ResponseOf } from '../../../shared/ipc/schemas';
import { parseWith, validationError } from './validation';

export interface CallContext {
  /** Which host made the call, for logs. */
  host: 'electron' | 'web' | 'cli';
}

export type Handler<C extends ChannelName> = (req: ParsedRequestOf<C>, ctx: CallContext) => ResponseOf<C> | Promise<ResponseOf<C>>;
export type Handlers = { [C in ChannelName]: Handler<C> };
/** The handlers of one domain's channels (each service returns its own). */
export type HandlersFor<K extends ChannelName> = { [C in K]: Handler<C> };

function isChannel(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * A request checked by its channel's schema, exactly as `invoke` checks it, for a host that then
 * drives an engine itself (the CLI's streaming SNMP walk, which needs no workspace).
 */
export function parseRequest<C extends ChannelName>(channel: C, payload: z.input<(typeof contract)[C]['request']>): ParsedRequestOf<C> {
  return parseWith(contract[channel].request as z.ZodType, payload) as ParsedRequestOf<C>;
}

export class Dispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly roleOf: () => Role,
    private readonly log: (line: string) => void = (l) => console.error(l),
  ) {}

  async invoke(channel: unknown, payload: unknown, ctx: CallContext): Promise<IpcResult<unknown>> {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.` } };
    }
    const spec = contract[channel];
    if (!roleHas(this.roleOf(), spec.permission)) {
      return {
        ok: false,
        error: { code: 'PERMISSION_DENIED', message: `Your role may not ${spec.summary.toLowerCase()} (needs ${spec.permission}).` },
      };
    }
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toValue() };
    try {
      const handler = this.handlers[channel] as (req: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value: spec.response.parse(value) };
    } catch (err) {
      if (err instanceof NocError) return { ok: false, error: err.toValue() };
      // an unexpected failure: log it with its context for us, give the user a code, not a stack
      this.log(`[${ctx.host}] ${channel} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return { ok: false, error: { code: 'INTERNAL', message: `${spec.summary} failed unexpectedly; see the console log.` } };
    }
  }

  /** Typed in-process call for the CLI: unwraps the envelope, throws NocError on failure. */
  async call<C extends ChannelName>(channel: C, payload: z.input<(typeof contract)[C]['request']>, ctx: CallContext): Promise<ResponseOf<C>> {
    const r = await this.invoke(channel, payload, ctx);
    if (!r.ok) throw new NocError(r.error.code, r.error.message, r.error.details);
    return r.value as ResponseOf<C>;
  }
}
