// What an attacker process of P8 takes as its one argument and sends back as its one message, as
// zod schemas shared with the orchestrator (STYLE 3: parsed on arrival on both sides).
import { z } from 'zod';

const common = {
  serverUrls: z.array(z.string()),
  /** The attack runs this long, then every socket is cut and the result is sent. */
  durationMs: z.number().int().positive(),
};

/** A station that says hello, then sends pings as fast as TCP takes them and never reads. */
export const pingFloodArgs = z.object({
  kind: z.literal('ping-flood'),
  ...common,
  station: z.object({ id: z.string(), secret: z.string() }),
  cursor: z.number().int().nonnegative(),
});

/** Station sessions that ask for a snapshot (cursor 0) and never read it. */
export const snapshotArgs = z.object({
  kind: z.literal('snapshots'),
  ...common,
  sessions: z.number().int().positive(),
  stations: z.array(z.string()).min(1),
  secret: z.string(),
});

/** New connections at a fixed rate, each a hello with a wrong secret; answers are read. */
export const wrongHelloArgs = z.object({
  kind: z.literal('wrong-hellos'),
  ...common,
  ratePerSec: z.number().positive(),
  stations: z.array(z.string()).min(1),
  maxInFlight: z.number().int().positive(),
});

/** Live seat-map sockets that never read, spread over local addresses 127.0.x.1. */
export const liveArgs = z.object({
  kind: z.literal('live'),
  ...common,
  sockets: z.number().int().positive(),
  showIds: z.array(z.string()).min(1),
  /** The sockets are spread over this many source addresses (one attacker host each). */
  addresses: z.number().int().positive().max(200),
});

export const attackArgs = z.discriminatedUnion('kind', [
  pingFloodArgs,
  snapshotArgs,
  wrongHelloArgs,
  liveArgs,
]);
export type AttackArgs = z.infer<typeof attackArgs>;

/** Counts (connects, drops by close code, refusals by HTTP status, answers by code), a few errors. */
export const attackResult = z.object({
  kind: z.string(),
  counts: z.record(z.string(), z.number()),
  /** How long sockets lived before the server dropped them (ms). */
  lifetimesMs: z.array(z.number()),
  /** P8 wrong hellos: time from sending the hello to its answer (ms). */
  answerMs: z.array(z.number()),
  errorSamples: z.array(z.string()),
});
export type AttackResult = z.infer<typeof attackResult>;
