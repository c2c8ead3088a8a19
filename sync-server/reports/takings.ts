// Takings and admissions by period and dimension (issue 17, DESIGN §15), read from the maintained
// aggregates: report_days (per day and channel) or report_film_days (per day by film, format,
// category and ticket type) plus the deltas not folded in yet, in one statement, so a report is
// current at every instant and never scans tickets. Voids, refunds and training count as on the
// Z-report: training never reaches the aggregates; voids and refunds are taken off on the day they
// happen; a web refund's fee stays in the takings.
import type { RevenueBy, RevenueRow, Takings } from '../../common/api/reports.js';
import type { Queryable } from '../services/tx.js';

const SUM_COLUMNS =
  'admissions, tickets_gross, concessions_gross, voids, refunds, fees, tax, tickets_net, concessions_net';

/** A delta row's takings, column by column as the aggregates keep them (SUM_COLUMNS). */
const DELTA_SUMS = `
  CASE WHEN ticket_type_id IS NOT NULL THEN qty - void_qty - refund_qty ELSE 0 END,
  CASE WHEN ticket_type_id IS NOT NULL THEN gross_minor ELSE 0 END,
  CASE WHEN concession_item_id IS NOT NULL THEN gross_minor ELSE 0 END,
  void_minor, refund_minor, fee_minor, tax_minor - void_tax_minor - refund_tax_minor,
  CASE WHEN ticket_type_id IS NOT NULL THEN gross_minor - void_minor - refund_minor ELSE 0 END,
  CASE WHEN concession_item_id IS NOT NULL THEN gross_minor - void_minor - refund_minor ELSE 0 END`;

const PERIOD = 'cinema_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date';

/**
 * Takings of cinemas $1 from $2 to $3 (cinema days) per day and channel, as a FROM item named `f`:
 * the rolled-up days and the deltas not folded in yet, in one statement, so it is current.
 */
export const DAY_FACTS = `(
  SELECT cinema_id, business_date, channel, ${SUM_COLUMNS} FROM report_days WHERE ${PERIOD}
  UNION ALL
  SELECT cinema_id, business_date, channel, ${DELTA_SUMS} FROM report_deltas WHERE ${PERIOD}
) f`;

/** The same per day by film, format, category and ticket type (kind: ticket, food or fee). */
export const FILM_FACTS = `(
  SELECT cinema_id, business_date, kind, movie_id, format_id, category_id, ticket_type_id, ${SUM_COLUMNS}
    FROM report_film_days WHERE ${PERIOD}
  UNION ALL
  SELECT cinema_id, business_date,
         CASE WHEN ticket_type_id IS NOT NULL THEN 'ticket' WHEN concession_item_id IS NOT NULL THEN 'food' ELSE 'fee' END,
         movie_id, format_id, category_id, ticket_type_id, ${DELTA_SUMS}
    FROM report_deltas WHERE ${PERIOD}
) f`;

/** The sums every takings row has, over facts `f`. */
export const SUMS = SUM_COLUMNS.split(', ')
  .map((c) => `COALESCE(sum(f.${c}), 0)::bigint AS ${c}`)
  .join(', ');

/** A row of SUMS as the database returns it (bigints come back as strings). */
export type SumRow = {
  admissions: string;
  tickets_gross: string;
  concessions_gross: string;
  voids: string;
  refunds: string;
  fees: string;
  tax: string;
  tickets_net: string;
  concessions_net: string;
};

/** Takings of a SUMS row. */
export function takingsOf(r: SumRow | undefined): Takings {
  const n = (v: string | undefined) => Number(v ?? 0);
  const ticketsGross = n(r?.tickets_gross);
  const concessionsGross = n(r?.concessions_gross);
  const voids = n(r?.voids);
  const refunds = n(r?.refunds);
  const fees = n(r?.fees);
  return {
    admissions: n(r?.admissions),
    ticketsGrossMinor: ticketsGross,
    concessionsGrossMinor: concessionsGross,
    voidsMinor: voids,
    refundsMinor: refunds,
    feesMinor: fees,
    netMinor: ticketsGross + concessionsGross - voids - refunds + fees,
    taxMinor: n(r?.tax),
    ticketsNetMinor: n(r?.tickets_net),
    concessionsNetMinor: n(r?.concessions_net),
  };
}

/** A takings row with its key, label and average ticket price. */
export function rowOf(key: string, label: string, t: Takings): RevenueRow {
  return {
    key,
    label,
    ...t,
    averageTicketMinor: t.admissions > 0 ? Math.round(t.ticketsNetMinor / t.admissions) : null,
  };
}

type Dimension = { facts: string; key: string; label: string; join?: string; order: string };

/** What a row without a seat category or ticket type is called: food and drink, or refund fees. */
const KIND_LABEL = `CASE f.kind WHEN 'food' THEN 'Food and drink' ELSE 'Refund fees' END`;
const DIMENSIONS: Record<RevenueBy, Dimension> = {
  day: {
    facts: DAY_FACTS,
    key: `f.business_date::text`,
    label: `f.business_date::text`,
    order: 'key',
  },
  week: {
    facts: DAY_FACTS,
    key: `date_trunc('week', f.business_date)::date::text`,
    label: `'Week of ' || to_char(date_trunc('week', f.business_date), 'DD Mon YYYY')`,
    order: 'key',
  },
  month: {
    facts: DAY_FACTS,
    key: `to_char(f.business_date, 'YYYY-MM')`,
    label: `to_char(f.business_date, 'FMMonth YYYY')`,
    order: 'key',
  },
  cinema: {
    facts: DAY_FACTS,
    key: 'f.cinema_id::text',
    label: 'd.name',
    join: 'LEFT JOIN cinemas d ON d.id = f.cinema_id',
    order: 'net DESC',
  },
  film: {
    facts: FILM_FACTS,
    key: `COALESCE(f.movie_id::text, '-')`,
    label: `COALESCE(d.title, 'No film (food and drink alone)')`,
    join: 'LEFT JOIN movies d ON d.id = f.movie_id',
    order: 'net DESC',
  },
  format: {
    facts: FILM_FACTS,
    key: `COALESCE(f.format_id::text, '-')`,
    label: `COALESCE(d.code, 'No show')`,
    join: 'LEFT JOIN formats d ON d.id = f.format_id',
    order: 'net DESC',
  },
  category: {
    facts: FILM_FACTS,
    key: `COALESCE(f.category_id::text, f.kind)`,
    label: `COALESCE(d.name, ${KIND_LABEL})`,
    join: 'LEFT JOIN seat_categories d ON d.id = f.category_id',
    order: 'net DESC',
  },
  ticketType: {
    facts: FILM_FACTS,
    key: `COALESCE(f.ticket_type_id::text, f.kind)`,
    label: `COALESCE(d.name, ${KIND_LABEL})`,
    join: 'LEFT JOIN ticket_types d ON d.id = f.ticket_type_id',
    order: 'net DESC',
  },
  channel: { facts: DAY_FACTS, key: 'f.channel', label: `initcap(f.channel)`, order: 'net DESC' },
};

const NET = `(COALESCE(sum(f.tickets_gross + f.concessions_gross - f.voids - f.refunds + f.fees), 0))`;

/** Takings of cinemas over a period, grouped by `by`. */
export async function takingsBy(
  db: Queryable,
  cinemaIds: string[],
  from: string,
  to: string,
  by: RevenueBy,
): Promise<RevenueRow[]> {
  const d = DIMENSIONS[by];
  const r = await db.query<SumRow & { key: string; label: string }>({
    name: `report_takings_${by}`,
    text: `SELECT ${d.key} AS key, min(${d.label}) AS label, ${SUMS}, ${NET} AS net
           FROM ${d.facts} ${d.join ?? ''}
           GROUP BY 1 ORDER BY ${d.order}, 1`,
    values: [cinemaIds, from, to],
  });
  return r.rows.map((x) => rowOf(x.key, x.label, takingsOf(x)));
}

/** Takings of cinemas over a period, all together. */
export async function takingsTotal(
  db: Queryable,
  cinemaIds: string[],
  from: string,
  to: string,
): Promise<RevenueRow> {
  const r = await db.query<SumRow>({
    name: 'report_takings_total',
    text: `SELECT ${SUMS} FROM ${DAY_FACTS}`,
    values: [cinemaIds, from, to],
  });
  return rowOf('total', 'Total', takingsOf(r.rows[0]));
}
