// The messages between the bench orchestrator and its load processes, as zod schemas: every value
// that crosses a process boundary is parsed on arrival (STYLE 3), the bench's own included.
import { z } from 'zod';

/** A show as load generators see it: its id, its layout (index into `layouts`) and its cinema. */
export const showRef = z.object({
  id: z.string(),
  layout: z.number().int(),
  cinema: z.number().int(),
});
export type ShowRef = z.infer<typeof showRef>;

/** A station row the load generators may log in as, with the cashier its sales name. */
export const stationRef = z.object({
  id: z.string(),
  cinema: z.number().int(),
  staffId: z.string(),
});
export type StationRef = z.infer<typeof stationRef>;

const timing = {
  warmupMs: z.number().int().nonnegative(),
  durationMs: z.number().int().positive(),
};

/** P1/P3: closed-loop holds of 1–4 random seats, released or not, through one path. */
export const holdsJob = z.object({
  kind: z.literal('holds'),
  /** sql-tx and sql-one are --explore variants, not the product (see worker/sql-hold-ops.ts). */
  path: z.enum(['rest', 'station', 'bare', 'sql-tx', 'sql-one']),
  clients: z.number().int().positive(),
  /** Index of this process's first client, so clients spread over servers and stations evenly. */
  clientOffset: z.number().int().nonnegative(),
  ...timing,
  releaseRatio: z.number().min(0).max(1),
  seatsMin: z.number().int().positive(),
  seatsMax: z.number().int().positive(),
  shows: z.array(showRef),
  layouts: z.array(z.array(z.string())),
  serverUrls: z.array(z.string()),
  dbUrl: z.string(),
  stations: z.array(stationRef),
  secret: z.string(),
  cursor: z.number().int(),
  /** Cinema ids by ShowRef.cinema (the explore variants write change-log rows). */
  cinemaIds: z.array(z.string()),
});

/** P2/P5: web clients hold then release; station clients sell then (maybe) void. */
export const mixedJob = z.object({
  kind: z.literal('mixed'),
  webClients: z.number().int().nonnegative(),
  stationClients: z.number().int().nonnegative(),
  clientOffset: z.number().int().nonnegative(),
  ...timing,
  /** Stop once this many seat changes were made (0: no limit). */
  maxSeatChanges: z.number().int().nonnegative(),
  webSeats: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  stationSeats: z.tuple([z.number().int().positive(), z.number().int().positive()]),
  releaseRatio: z.number().min(0).max(1),
  voidRatio: z.number().min(0).max(1),
  shows: z.array(showRef),
  layouts: z.array(z.array(z.string())),
  /** What each seat of `layouts` costs, so a sale's tenders make its total (the server checks). */
  seatPrices: z.array(z.array(z.number().int())),
  ticketTypeId: z.string(),
  serverUrls: z.array(z.string()),
  stations: z.array(stationRef),
  secret: z.string(),
  cursor: z.number().int(),
});

/** P4: open-loop holds at a fixed rate from a plan of (show, seats) that never overlap. */
export const rateJob = z.object({
  kind: z.literal('rate-holds'),
  ratePerSec: z.number().positive(),
  durationMs: z.number().int().positive(),
  maxInFlight: z.number().int().positive(),
  plan: z.array(z.tuple([z.string(), z.array(z.string())])),
  serverUrls: z.array(z.string()),
});

/** P4: open live seat-map sockets and keep them until subs-finish. */
export const subsOpenJob = z.object({
  kind: z.literal('subs-open'),
  serverUrls: z.array(z.string()),
  showIds: z.array(z.string()),
  count: z.number().int().positive(),
  offset: z.number().int().nonnegative(),
});

/** One held seat: "showId:seatId", when the request was sent, when its response came (wall ms). */
export const holdRecord = z.tuple([z.string(), z.number(), z.number()]);
export type HoldRecord = z.infer<typeof holdRecord>;

/** P4: close the sockets and compute push latencies against the holds made. */
export const subsFinishJob = z.object({
  kind: z.literal('subs-finish'),
  records: z.array(holdRecord),
});

/** P7: closed-loop seat-map reads. */
export const readsJob = z.object({
  kind: z.literal('reads'),
  clients: z.number().int().positive(),
  clientOffset: z.number().int().nonnegative(),
  ...timing,
  showIds: z.array(z.string()),
  serverUrls: z.array(z.string()),
});

export const job = z.discriminatedUnion('kind', [
  holdsJob,
  mixedJob,
  rateJob,
  subsOpenJob,
  subsFinishJob,
  readsJob,
]);
export type Job = z.infer<typeof job>;
export type HoldsJob = z.infer<typeof holdsJob>;
export type MixedJob = z.infer<typeof mixedJob>;
export type RateJob = z.infer<typeof rateJob>;
export type ReadsJob = z.infer<typeof readsJob>;

/** What a load job reports: counts, raw latencies (ms), a few error samples, and P4's hold records. */
export const loadResult = z.object({
  measuredMs: z.number(),
  counts: z.record(z.string(), z.number()),
  latencies: z.record(z.string(), z.array(z.number())),
  errorSamples: z.array(z.string()),
  records: z.array(holdRecord).optional(),
});
export type LoadResult = z.infer<typeof loadResult>;

export const parentMsg = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), id: z.number().int(), job }),
  z.object({ type: z.literal('exit') }),
]);
export type ParentMsg = z.infer<typeof parentMsg>;

export const workerMsg = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: loadResult }),
  z.object({ type: z.literal('failed'), id: z.number().int(), message: z.string() }),
]);
export type WorkerMsg = z.infer<typeof workerMsg>;
