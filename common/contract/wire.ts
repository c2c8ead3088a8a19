// Frames of the station contract over a WebSocket (web shell) — the Electron shell uses IPC instead.
import { z } from 'zod';

export const callFrame = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  input: z.unknown(),
});

export const resultFrame = z.object({
  t: z.literal('result'),
  id: z.number().int().nonnegative(),
  result: z.union([
    z.object({ ok: z.literal(true), value: z.unknown() }),
    z.object({
      ok: z.literal(false),
      // details carry what a screen needs to act on the error (e.g. a till count's differences).
      error: z.object({
        code: z.string(),
        message: z.string(),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
    }),
  ]),
});

export const eventFrame = z.object({
  t: z.literal('event'),
  name: z.string(),
  payload: z.unknown(),
});

export const serverFrame = z.discriminatedUnion('t', [resultFrame, eventFrame]);

export type CallFrame = z.infer<typeof callFrame>;
export type ResultFrame = z.infer<typeof resultFrame>;
export type EventFrame = z.infer<typeof eventFrame>;
export type ServerFrame = z.infer<typeof serverFrame>;
