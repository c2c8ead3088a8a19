// The reports API (issue 17, DESIGN §15): takings and admissions by cinema day, week or month and
// by cinema, film, format, seat category, ticket type and channel; occupancy; the top-films
// leaderboard; the distributor report; the tills stations uploaded. Money is what the one pricing
// function charged (taxes included); voids, refunds and training count as on the Z-report.
import { z } from 'zod';
import { calendarDate } from './admin-common.js';

/** Longest period one report covers (a year and a leap day). */
export const REPORT_MAX_DAYS = 366;

/** Days from `from` to `to`, both counted. */
export function periodDays(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** The period of a report: cinema days from `from` to `to`, both included; one cinema or all the caller sees. */
const periodFields = {
  from: calendarDate,
  to: calendarDate,
  cinemaId: z.uuid().optional().describe('One cinema; absent: every cinema the caller may see'),
};

/** Refuses a period that ends before it starts or runs longer than REPORT_MAX_DAYS. */
function limited<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((p) => p.to >= p.from, { message: 'ends before it starts', path: ['to'] })
    .refine((p) => periodDays(p.from, p.to) <= REPORT_MAX_DAYS, {
      message: `covers more than ${String(REPORT_MAX_DAYS)} days`,
      path: ['to'],
    });
}

export const reportPeriod = limited(z.object(periodFields).strict());
export type ReportPeriod = z.infer<typeof reportPeriod>;

/** What takings can be broken down by. */
export const REVENUE_BY = [
  'day',
  'week',
  'month',
  'cinema',
  'film',
  'format',
  'category',
  'ticketType',
  'channel',
] as const;
export type RevenueBy = (typeof REVENUE_BY)[number];

export const revenueQuery = limited(
  z.object({ ...periodFields, by: z.enum(REVENUE_BY).default('day') }).strict(),
);

/** Money and admissions of a group of sales, net of voids and refunds. */
export const takings = z.object({
  /** Tickets sold less voided and refunded. */
  admissions: z.int(),
  /** Tickets: what customers paid, taxes included, before voids and refunds. */
  ticketsGrossMinor: z.int(),
  /** Food and drink: what customers paid, before voids and refunds. */
  concessionsGrossMinor: z.int(),
  voidsMinor: z.int(),
  refundsMinor: z.int(),
  /** Kept from web refunds (the refund policy's fee). */
  feesMinor: z.int(),
  /** Gross − voids − refunds + fees: what the cinema took. */
  netMinor: z.int(),
  /** The taxes within `netMinor`. */
  taxMinor: z.int(),
  /** Tickets' net takings (after voids and refunds). */
  ticketsNetMinor: z.int(),
  /** Food and drink's net takings. */
  concessionsNetMinor: z.int(),
});
export type Takings = z.infer<typeof takings>;

export const revenueRow = takings.extend({
  key: z.string(),
  label: z.string(),
  /** Tickets' net takings ÷ admissions; null without admissions. */
  averageTicketMinor: z.int().nullable(),
});
export type RevenueRow = z.infer<typeof revenueRow>;

export const revenueReport = z.object({
  from: calendarDate,
  to: calendarDate,
  by: z.enum(REVENUE_BY),
  currency: z.string(),
  rows: z.array(revenueRow),
  total: revenueRow,
});
export type RevenueReport = z.infer<typeof revenueReport>;

/** The dashboard's headline: this period next to the one before it (as many days, just before). */
export const summaryReport = z.object({
  from: calendarDate,
  to: calendarDate,
  previousFrom: calendarDate,
  previousTo: calendarDate,
  currency: z.string(),
  current: revenueRow,
  previous: revenueRow,
  /** Seats filled of shows in the period (sold − given back ÷ seats), 0–1; null without shows. */
  occupancy: z.number().nullable(),
  previousOccupancy: z.number().nullable(),
  /** Food and drink's net takings per admission; null without admissions. */
  spendPerHeadMinor: z.int().nullable(),
  previousSpendPerHeadMinor: z.int().nullable(),
  byChannel: z.array(revenueRow),
  byDay: z.array(revenueRow),
});
export type SummaryReport = z.infer<typeof summaryReport>;

export const OCCUPANCY_BY = ['show', 'film', 'screen'] as const;
export const occupancyQuery = limited(
  z.object({ ...periodFields, by: z.enum(OCCUPANCY_BY).default('film') }).strict(),
);
export const occupancyRow = z.object({
  key: z.string(),
  label: z.string(),
  /** For shows: when it starts and on which screen. */
  startsAt: z.iso.datetime({ offset: true }).nullable(),
  shows: z.int(),
  admissions: z.int(),
  capacity: z.int(),
  /** admissions ÷ capacity, 0–1; null without seats. */
  occupancy: z.number().nullable(),
});
export const occupancyReport = z.object({
  from: calendarDate,
  to: calendarDate,
  by: z.enum(OCCUPANCY_BY),
  rows: z.array(occupancyRow),
});
export type OccupancyReport = z.infer<typeof occupancyReport>;

export const leaderboardQuery = limited(
  z
    .object({
      ...periodFields,
      genre: z.string().trim().min(1).max(40).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(10),
    })
    .strict(),
);
export const leaderboardRow = z.object({
  rank: z.int().min(1),
  filmId: z.uuid(),
  title: z.string(),
  genres: z.array(z.string()),
  netMinor: z.int(),
  admissions: z.int(),
  occupancy: z.number().nullable(),
  /** 40 % takings + 30 % occupancy + 30 % admissions, each against the best film of the list: 0–100. */
  score: z.number(),
});
export const leaderboardReport = z.object({
  from: calendarDate,
  to: calendarDate,
  currency: z.string(),
  genres: z.array(z.string()).describe('Genres of the films that played, for the filter'),
  rows: z.array(leaderboardRow),
});
export type LeaderboardReport = z.infer<typeof leaderboardReport>;

export const distributorQuery = limited(
  z.object({ ...periodFields, filmId: z.uuid().optional() }).strict(),
);
export const distributorRow = z.object({
  filmId: z.uuid(),
  title: z.string(),
  /** Monday of the week (cinema days). */
  weekOf: calendarDate,
  admissions: z.int(),
  grossMinor: z.int(),
  taxMinor: z.int(),
  /** Gross less taxes: what the distributor's share is worked out on. */
  netMinor: z.int(),
});
export const distributorReport = z.object({
  from: calendarDate,
  to: calendarDate,
  currency: z.string(),
  rows: z.array(distributorRow),
});
export type DistributorReport = z.infer<typeof distributorReport>;

export const tillsQuery = reportPeriod;
export const tillRow = z.object({
  tillId: z.uuid(),
  cinemaId: z.uuid(),
  businessDate: calendarDate,
  station: z.string(),
  staffName: z.string(),
  openedAt: z.iso.datetime({ offset: true }),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
  currency: z.string(),
  /** From the Z-report; null while the till is open. */
  netMinor: z.int().nullable(),
  dropsMinor: z.int(),
  /** Counted − expected over every tender; null while open. */
  varianceMinor: z.int().nullable(),
  varianceNote: z.string().nullable(),
});
export const tillsReport = z.object({
  from: calendarDate,
  to: calendarDate,
  rows: z.array(tillRow),
  /** Sum of the closed tills' Z-report net. */
  closedNetMinor: z.int(),
});
export type TillsReport = z.infer<typeof tillsReport>;
