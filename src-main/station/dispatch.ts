// One dispatcher for the station contract, shared by the web shell and the Electron shell.
import { BoError, type Result } from '../../common/errors.js';
import type { ZodType } from 'zod';
import type { Channel, ContractShape, HandlersOf } from '../../common/contract/define.js';
import { validationMessage } from './validation-words.js';

/** Who is calling: one session per renderer window or web socket. */
export type Session = {
  id: string;
  staff: { id: string; name: string; role: 'cashier' | 'manager' | 'admin' } | null;
};

/**
 * What every handler gets besides its input; `kioskOpen` says whether customers may use the kiosk's
 * channels (a kiosk station with its till open).
 */
export type CallContext = { session: Session; kioskOpen?: () => boolean };

/** Parses the input with the channel's schema, checks the caller's role, runs the handler. */
export async function dispatch<C extends ContractShape, Ctx extends CallContext>(
  contract: C,
  handlers: HandlersOf<C, Ctx>,
  channelName: string,
  rawInput: unknown,
  ctx: Ctx,
): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, channelName)) {
    return {
      ok: false,
      error: { code: 'BO_BAD_REQUEST', message: `Unknown channel ${channelName}.` },
    };
  }
  const name = channelName as keyof C & string;
  const def = (contract as ContractShape)[name as `${string}:${string}`] as Channel<
    ZodType,
    unknown
  >;
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    // The message is for the cashier; where it failed stays in details for whoever reads the logs.
    return {
      ok: false,
      error: {
        code: 'BO_VALIDATION',
        message: validationMessage(parsed.error.issues),
        details: {
          channel: channelName,
          fields: parsed.error.issues.map((i) => i.path.join('.') || 'input'),
        },
      },
    };
  }
  const staff = ctx.session.staff;
  const customer = def.auth === 'kiosk' && ctx.kioskOpen?.() === true;
  if (def.auth !== 'none' && staff === null && !customer) {
    return {
      ok: false,
      error: { code: 'BO_UNAUTHORIZED', message: 'Sign in with your staff PIN first.' },
    };
  }
  if (def.auth === 'manager' && staff !== null && staff.role === 'cashier') {
    return {
      ok: false,
      error: {
        code: 'BO_FORBIDDEN',
        message: 'This needs a manager. Ask a manager to sign in or approve with their PIN.',
      },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown, ctx: Ctx) => unknown;
    const value: unknown = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof BoError) return { ok: false, error: e.toWire() };
    return {
      ok: false,
      error: {
        code: 'BO_INTERNAL',
        message: `The station could not do that (${e instanceof Error ? e.message : String(e)}). Nothing was changed; try again, and call a manager if it repeats.`,
      },
    };
  }
}
