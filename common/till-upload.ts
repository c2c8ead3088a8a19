// What a station uploads of a till (issue 17, DESIGN §15): the session as it stands after each
// open, drop and close, with the Z-report the station printed at close, so head office sees every
// counter's takings next to the web's. Sent as the `till` mutation, queued offline like a sale.
import { z } from 'zod';
import type { ZReport } from './contract/station-types.js';
import { counterTenderSchema } from './tenders.js';

const uuid = z.uuid();
const minor = z.number().int().min(-1_000_000_000).max(1_000_000_000);
const count = z.number().int().min(-1_000_000).max(1_000_000);
const instant = z.iso.datetime({ offset: true });
const name = z.string().max(120);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(200);

/** A Z-report (or X-report) as the station built it (common/contract/station-types.ts ZReport). */
export const zReportSchema = z.object({
  tillId: uuid,
  openedAt: instant,
  closedAt: instant.nullable(),
  staffId: uuid,
  staffName: name,
  training: z.boolean(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  totals: z.object({
    grossMinor: minor,
    discountsMinor: minor,
    voidsMinor: minor,
    refundsMinor: minor,
    netMinor: minor,
    floatMinor: minor,
    dropsMinor: minor,
    expectedMinor: minor.nullable(),
    countedMinor: minor.nullable(),
  }),
  perTender: list(
    z.object({
      tender: z.string().max(40),
      float: minor,
      sales: minor,
      salesCount: count,
      refunds: minor,
      refundsCount: count,
      drops: minor,
      expected: minor.nullable(),
      counted: minor.nullable(),
      difference: minor.nullable(),
    }),
  ),
  perStaff: list(
    z.object({
      staffId: z.string().max(64),
      name,
      salesCount: count,
      salesMinor: minor,
      voidsCount: count,
      voidsMinor: minor,
      refundsCount: count,
      refundsMinor: minor,
    }),
  ),
  perTicketType: list(z.object({ ticketType: name, count, amountMinor: minor })),
  perConcession: list(z.object({ item: name, count, amountMinor: minor })),
  perItemClass: list(z.object({ itemClass: z.enum(['ticket', 'concession']), amountMinor: minor })),
  taxes: list(z.object({ name, amountMinor: minor })),
  voids: z.object({ count, amountMinor: minor }),
  refunds: z.object({ count, amountMinor: minor }),
  sales: z.object({
    count,
    amountMinor: minor,
    firstSaleNumber: z.number().int().nullable(),
    lastSaleNumber: z.number().int().nullable(),
  }),
  blind: z.boolean(),
  closedByName: name.nullable(),
  varianceApproval: z.object({ approvedByName: name, note: z.string().max(500) }).nullable(),
}) satisfies z.ZodType<ZReport>;

const perTender = z.partialRecord(counterTenderSchema, z.number().int().min(0).max(1_000_000_000));

/** The `till` mutation: one till session of the sending station, as it stands now. */
export const tillUploadSchema = z
  .object({
    tillId: uuid,
    staffId: uuid,
    openedAt: instant,
    closedAt: instant.nullable(),
    training: z.boolean(),
    currency: z.string().regex(/^[A-Z]{3}$/),
    float: perTender,
    counted: perTender.nullable(),
    closedBy: uuid.nullable(),
    varianceApprovedBy: uuid.nullable(),
    varianceNote: z.string().max(500).nullable(),
    /** Every cash drop of the session so far (each once on the server, by id). */
    drops: z
      .array(
        z
          .object({
            id: uuid,
            tender: counterTenderSchema,
            amountMinor: z.number().int().positive().max(1_000_000_000),
            staffId: uuid.nullable(),
            at: instant,
          })
          .strict(),
      )
      .max(500),
    /** The Z-report, once the till is closed. */
    zReport: zReportSchema.nullable(),
  })
  .strict()
  .refine((t) => (t.closedAt === null) === (t.zReport === null), {
    message: 'A closed till carries its Z-report, and an open one none.',
    path: ['zReport'],
  })
  .refine((t) => t.zReport === null || t.zReport.tillId === t.tillId, {
    message: 'The Z-report is of another till.',
    path: ['zReport', 'tillId'],
  });

export type TillUpload = z.infer<typeof tillUploadSchema>;
