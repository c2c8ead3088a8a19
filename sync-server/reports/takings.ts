// Takings and admissions by period and dimension (issue 17, DESIGN §15), read from the maintained
// aggregates: report_daily plus the deltas not folded in yet, in one statement, so a report is
// current at every instant and never scans tickets. Voids, refunds and training count as on the
// Z-report: training never reaches the aggregates; voids and refunds are taken off on the day they
// happen; a web refund's fee stays in the takings.
import type { RevenueBy, RevenueRow, Takings } from '../../common/api/reports.js';
import type { Queryable } from '../services/tx.js';

const MEASURES =
  'qty, gross_minor, tax_minor, void_qty, void_minor, void_tax_minor, refund_qty, refund_minor, refund_tax_minor, fee_minor';
const GRAIN =
  'cinema_id, business_date, channel, show_id, movie_id, screen_id, format_id, category_id, ticket_type_id, concession_item_id';

/** The facts of cinemas $1 from $2 to $3 (cinema days), as a FROM item named `f`. */
export const FACTS = `(
  SELECT ${GRAIN}, ${MEASURES} FROM report_daily
   WHERE cinema_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date
  UNION ALL
  SELECT ${GRAIN}, ${MEASURES} FROM report_deltas
   WHERE cinema_id = ANY($1::uuid[]) AND business_date BETWEEN $2::date AND $3::date
) f`;

/** The sums every takings row has, over facts `f`. */
export const SUMS = `
  COALESCE(sum(f.qty - f.void_qty - f.refund_qty) FILTER (WHERE f.ticket_type_id IS NOT NULL), 0)::bigint AS admissions,
  COALESCE(sum(f.gross_minor) FILTER (WHERE f.ticket_type_id IS NOT NULL), 0)::bigint AS tickets_gross,
  COALESCE(sum(f.gross_minor) FILTER (WHERE f.concession_item_id IS NOT NULL), 0)::bigint AS concessions_gross,
  COALESCE(sum(f.void_minor), 0)::bigint AS voids,
  COALESCE(sum(f.refund_minor), 0)::bigint AS refunds,
  COALESCE(sum(f.fee_minor), 0)::bigint AS fees,
  COALESCE(sum(f.tax_minor - f.void_tax_minor - f.refund_tax_minor), 0)::bigint AS tax,
  COALESCE(sum(f.gross_minor - f.void_minor - f.refund_minor) FILTER (WHERE f.ticket_type_id IS NOT NULL), 0)::bigint AS tickets_net,
  COALESCE(sum(f.gross_minor - f.void_minor - f.refund_minor) FILTER (WHERE f.concession_item_id IS NOT NULL), 0)::bigint AS concessions_net`;

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

type Dimension = { key: string; label: string; join?: string; order: string };

const FOOD = `'Food and drink'`;
/** What a row without a seat category or ticket type is: food and drink, or a refund fee. */
const KIND = `CASE WHEN f.concession_item_id IS NULL THEN 'fees' ELSE 'food' END`;
const DIMENSIONS: Record<RevenueBy, Dimension> = {
  day: { key: `f.business_date::text`, label: `f.business_date::text`, order: 'key' },
  week: {
    key: `date_trunc('week', f.business_date)::date::text`,
    label: `'Week of ' || to_char(date_trunc('week', f.business_date), 'DD Mon YYYY')`,
    order: 'key',
  },
  month: {
    key: `to_char(f.business_date, 'YYYY-MM')`,
    label: `to_char(f.business_date, 'FMMonth YYYY')`,
    order: 'key',
  },
  cinema: {
    key: 'f.cinema_id::text',
    label: 'd.name',
    join: 'LEFT JOIN cinemas d ON d.id = f.cinema_id',
    order: 'net DESC',
  },
  film: {
    key: `COALESCE(f.movie_id::text, '-')`,
    label: `COALESCE(d.title, 'No film (food and drink alone)')`,
    join: 'LEFT JOIN movies d ON d.id = f.movie_id',
    order: 'net DESC',
  },
  format: {
    key: `COALESCE(f.format_id::text, '-')`,
    label: `COALESCE(d.code, 'No show')`,
    join: 'LEFT JOIN formats d ON d.id = f.format_id',
    order: 'net DESC',
  },
  category: {
    key: `COALESCE(f.category_id::text, ${KIND})`,
    label: `COALESCE(d.name, CASE WHEN f.concession_item_id IS NULL THEN 'Refund fees' ELSE ${FOOD} END)`,
    join: 'LEFT JOIN seat_categories d ON d.id = f.category_id',
    order: 'net DESC',
  },
  ticketType: {
    key: `COALESCE(f.ticket_type_id::text, ${KIND})`,
    label: `COALESCE(d.name, CASE WHEN f.concession_item_id IS NULL THEN 'Refund fees' ELSE ${FOOD} END)`,
    join: 'LEFT JOIN ticket_types d ON d.id = f.ticket_type_id',
    order: 'net DESC',
  },
  channel: { key: 'f.channel', label: `initcap(f.channel)`, order: 'net DESC' },
};

const NET = `(COALESCE(sum(f.gross_minor - f.void_minor - f.refund_minor + f.fee_minor), 0))`;

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
           FROM ${FACTS} ${d.join ?? ''}
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
    text: `SELECT ${SUMS} FROM ${FACTS}`,
    values: [cinemaIds, from, to],
  });
  return rowOf('total', 'Total', takingsOf(r.rows[0]));
}
