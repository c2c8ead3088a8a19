// The station ⇄ server sync protocol (DESIGN §4), as zod schemas validated on both sides.
import { z } from 'zod';
import { concessionLinesSchema } from './concession-lines.js';
import { counterTenderSchema } from './tenders.js';
import { tillUploadSchema } from './till-upload.js';

export const PROTOCOL_VERSION = 1;

const uuid = z.uuid();
const seatIds = z.array(uuid).min(1).max(50);

/** Payloads of each mutation kind a station may send. */
export const mutationPayloads = {
  /** Hold explicit seats or best-available N in a category. */
  hold: z.union([
    z.object({ showId: uuid, seatIds }).strict(),
    z
      .object({
        showId: uuid,
        count: z.number().int().min(1).max(20),
        categoryId: uuid.optional(),
        accessible: z.boolean().optional(),
      })
      .strict(),
  ]),
  /** Give up a hold. */
  release: z.object({ holdId: z.string().min(20).max(64) }).strict(),
  /** Sell seats: from a hold, or directly (counter, incl. allocated seats sold offline). */
  sell: z
    .object({
      orderId: uuid,
      showId: uuid,
      holdId: z.string().min(20).max(64).optional(),
      lines: z
        .array(z.object({ seatId: uuid, ticketTypeId: uuid, ticketId: uuid }))
        .min(1)
        .max(50),
      discountCode: z.string().max(40).optional(),
      /** Food and drink sold with the tickets; priced by the server from its own catalogue. */
      concessions: concessionLinesSchema.optional(),
      staffId: uuid.optional(),
      saleNumber: z.number().int().positive().optional(),
      training: z.boolean().default(false),
      tenders: z
        .array(
          z.object({
            tender: counterTenderSchema,
            amountMinor: z.number().int().nonnegative(),
            reference: z.string().max(80).optional(),
          }),
        )
        .max(5)
        .default([]),
      /**
       * Change handed back from the cash tenders: the tenders are what the customer handed over, so
       * they add up to the total plus this. Absent (0) from stations that send tenders net of change.
       */
      changeMinor: z.number().int().nonnegative().default(0),
      /** What the station charged, tickets and concessions together; the server audits a difference. */
      expectedTotalMinor: z.number().int().nonnegative().optional(),
    })
    .strict(),
  /** Void or refund tickets; their seats are available again. */
  void: z
    .object({
      ticketIds: z.array(uuid).min(1).max(50),
      reason: z.string().min(1).max(200),
      refund: z.boolean().default(false),
      /** The staff member who voids or refunds (the cashier). */
      staffId: uuid.optional(),
      /** The manager who approved it with their PIN at the station; a refund must name one. */
      approvedBy: uuid.optional(),
    })
    .strict(),
  /** Ask for this station's escrow of seats for offline sale on a show. */
  allocate: z.object({ showId: uuid, perCategory: z.number().int().min(0).max(20) }).strict(),
  /** Give allocated seats back to general sale (at the cut-off, or by hand). */
  deallocate: z.object({ showId: uuid, seatIds: z.array(uuid).max(200).optional() }).strict(),
  /** Block (house/broken seats) or unblock, by a manager. */
  block: z
    .object({ showId: uuid, seatIds, reason: z.string().min(1).max(200), staffId: uuid.optional() })
    .strict(),
  unblock: z.object({ showId: uuid, seatIds, staffId: uuid.optional() }).strict(),
  /** Ask the server to certify this station's Ed25519 public key for offline ticket codes. */
  certify: z.object({ publicKey: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  /** A till session as it stands after its open, a drop or its close (with the Z-report). */
  till: tillUploadSchema,
  /**
   * A ticket let in at a door (issue 18): a fact that happened, offline or not. The admission id is
   * its nonce; a second admission of the same ticket is kept as a conflict, never refused.
   */
  admit: z
    .object({
      admissionId: uuid,
      ticketId: uuid,
      showId: uuid,
      door: z.string().trim().min(1).max(60),
      admittedAt: z.iso.datetime(),
    })
    .strict(),
  /**
   * A web booking's tickets printed at a counter or kiosk (issue 18): a fact that happened, offline or
   * not. The collection id is its nonce; the first collection of a booking counts.
   */
  collect: z
    .object({
      collectionId: uuid,
      orderId: uuid,
      staffId: uuid.optional(),
      kiosk: z.boolean().default(false),
      collectedAt: z.iso.datetime(),
    })
    .strict(),
} as const;

export type MutationKind = keyof typeof mutationPayloads;
export const mutationKinds = Object.keys(mutationPayloads) as [MutationKind, ...MutationKind[]];

/** Most outbox items a station reports in hello and ping; it sends this many when it has more. */
export const MAX_REPORTED_PENDING = 1_000_000;

export const helloMsg = z.object({
  type: z.literal('hello'),
  protocol: z.number().int(),
  device: uuid,
  secret: z.string().min(16).max(200),
  cursor: z.number().int().nonnegative(),
  /** Writes waiting in the station's outbox, for managers' station list (optional: older stations). */
  pending: z.number().int().min(0).max(MAX_REPORTED_PENDING).optional(),
});

export const mutateMsg = z.object({
  type: z.literal('mutate'),
  id: uuid,
  kind: z.enum(mutationKinds),
  payload: z.unknown(),
  createdAt: z.iso.datetime(),
  offline: z.boolean(),
});

export const pingMsg = z.object({
  type: z.literal('ping'),
  t: z.number(),
  /** As in hello: the outbox count now, so the list follows it while the station stays connected. */
  pending: z.number().int().min(0).max(MAX_REPORTED_PENDING).optional(),
});

export const clientMsg = z.discriminatedUnion('type', [helloMsg, mutateMsg, pingMsg]);
export type ClientMsg = z.infer<typeof clientMsg>;
export type MutateMsg = z.infer<typeof mutateMsg>;

/** One change from the server's change log. */
export const changeSchema = z.object({
  seq: z.number().int(),
  entity: z.string(),
  entityId: z.string(),
  op: z.enum(['upsert', 'delete']),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof changeSchema>;

/** A seat state as it travels in changes and live pushes; never with its hold id (DESIGN §10). */
export const seatChangeSchema = z.object({
  seatId: uuid,
  state: z.enum(['available', 'held', 'sold', 'blocked', 'allocated']),
  stationId: uuid.nullable(),
  version: z.number().int(),
});
export type SeatChange = z.infer<typeof seatChangeSchema>;

export const serverMsg = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    stationId: uuid,
    cinemaId: uuid,
    serverTime: z.string(),
    protocol: z.number(),
    /** The server's Ed25519 public key (hex), so the station can verify ticket codes offline. */
    signingPublicKey: z.string().optional(),
  }),
  z.object({
    type: z.literal('changes'),
    changes: z.array(changeSchema),
    cursor: z.number().int(),
    more: z.boolean(),
  }),
  z.object({ type: z.literal('snapshot-begin'), total: z.number().int() }),
  z.object({
    type: z.literal('snapshot-chunk'),
    table: z.string(),
    rows: z.array(z.record(z.string(), z.unknown())),
  }),
  z.object({ type: z.literal('snapshot-end'), cursor: z.number().int() }),
  z.object({ type: z.literal('ack'), id: uuid, result: z.unknown() }),
  z.object({ type: z.literal('reject'), id: uuid, code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong'), t: z.number() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ServerMsg = z.infer<typeof serverMsg>;

/** Messages on the public live seat-map socket. */
export const liveMsg = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), showId: uuid, seats: z.array(seatChangeSchema) }),
  z.object({ type: z.literal('seats'), showId: uuid, seats: z.array(seatChangeSchema) }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type LiveMsg = z.infer<typeof liveMsg>;
