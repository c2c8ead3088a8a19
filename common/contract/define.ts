// Building blocks of the station contract: one typed map channel → {input schema, output type}.
import { z } from 'zod';
import type { Result } from '../errors.js';

/** One channel: its input schema, a phantom output type, who may call it and a doc line. */
export type Channel<I extends z.ZodType, O> = {
  input: I;
  /**
   * none: anyone at the station; kiosk: a customer at an open kiosk, or staff; staff: a signed-in
   * cashier or manager; manager: managers only.
   */
  auth: 'none' | 'kiosk' | 'staff' | 'manager';
  doc: string;
  /** Never set; carries the output type. */
  readonly _output?: O;
};

/** Declares a channel with output type O. */
export function channel<O>() {
  return <I extends z.ZodType>(
    input: I,
    auth: Channel<I, O>['auth'],
    doc: string,
  ): Channel<I, O> => ({ input, auth, doc });
}

/** A contract is a map of channel names (`domain:verb`) to channels. */
export type ContractShape = Record<`${string}:${string}`, Channel<z.ZodType, unknown>>;

/** Input a caller sends on channel K. */
export type InputOf<C extends ContractShape, K extends keyof C> =
  C[K] extends Channel<infer I, unknown> ? z.input<I> : never;
/** Input a handler receives on channel K, after parsing. */
export type ParsedInputOf<C extends ContractShape, K extends keyof C> =
  C[K] extends Channel<infer I, unknown> ? z.output<I> : never;
/** Output of channel K. */
export type OutputOf<C extends ContractShape, K extends keyof C> =
  C[K] extends Channel<z.ZodType, infer O> ? O : never;

/** The handler map a station implements: one function per channel. */
export type HandlersOf<C extends ContractShape, Ctx> = {
  [K in keyof C]: (
    input: ParsedInputOf<C, K>,
    ctx: Ctx,
  ) => Promise<OutputOf<C, K>> | OutputOf<C, K>;
};

/** The client side: `invoke(channel, input)` resolving to a Result. */
export type InvokeOf<C extends ContractShape> = <K extends keyof C & string>(
  channel: K,
  input: InputOf<C, K>,
) => Promise<Result<OutputOf<C, K>>>;

/** Events as a name → payload schema map. */
export type EventShape = Record<`${string}:${string}`, z.ZodType>;
/** Payload of event K. */
export type EventPayload<E extends EventShape, K extends keyof E> = z.output<E[K]>;
