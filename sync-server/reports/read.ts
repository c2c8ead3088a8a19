// The dashboard's summary, the distributor report and the uploaded tills (issue 17).
import {
  periodDays,
  type DistributorReport,
  type SummaryReport,
  type TillsReport,
} from '../../common/api/reports.js';
import { addDays } from '../../common/schedule.js';
import type { Queryable } from '../services/tx.js';
import { occupancyTotal } from './occupancy.js';
import { FILM_FACTS, SUMS, takingsBy, takingsOf, takingsTotal, type SumRow } from './takings.js';

const perHead = (concessions: number, admissions: number) =>
  admissions > 0 ? Math.round(concessions / admissions) : null;

/** This period next to the one just before it (as many days), with channels and days. */
export async function summary(
  db: Queryable,
  cinemaIds: string[],
  currency: string,
  from: string,
  to: string,
): Promise<SummaryReport> {
  const days = periodDays(from, to);
  const previousTo = addDays(from, -1);
  const previousFrom = addDays(from, -days);
  const [current, previous, occupancy, previousOccupancy, byChannel, byDay] = await Promise.all([
    takingsTotal(db, cinemaIds, from, to),
    takingsTotal(db, cinemaIds, previousFrom, previousTo),
    occupancyTotal(db, cinemaIds, from, to),
    occupancyTotal(db, cinemaIds, previousFrom, previousTo),
    takingsBy(db, cinemaIds, from, to, 'channel'),
    takingsBy(db, cinemaIds, from, to, days > 62 ? 'week' : 'day'),
  ]);
  return {
    from,
    to,
    previousFrom,
    previousTo,
    currency,
    current,
    previous,
    occupancy,
    previousOccupancy,
    spendPerHeadMinor: perHead(current.concessionsNetMinor, current.admissions),
    previousSpendPerHeadMinor: perHead(previous.concessionsNetMinor, previous.admissions),
    byChannel,
    byDay,
  };
}

/** Per film and week (Monday to Sunday, cinema days): admissions, gross, tax and net of tax. */
export async function distributor(
  db: Queryable,
  cinemaIds: string[],
  from: string,
  to: string,
  filmId: string | undefined,
): Promise<DistributorReport['rows']> {
  const r = await db.query<SumRow & { film_id: string; title: string; week: string }>({
    name: 'report_distributor',
    text: `SELECT f.movie_id AS film_id, min(m.title) AS title,
                  date_trunc('week', f.business_date)::date::text AS week, ${SUMS}
             FROM ${FILM_FACTS} JOIN movies m ON m.id = f.movie_id
            WHERE f.kind = 'ticket' AND ($4::uuid IS NULL OR f.movie_id = $4)
            GROUP BY 1, 3 ORDER BY 3, 2`,
    values: [cinemaIds, from, to, filmId ?? null],
  });
  return r.rows.map((x) => {
    const t = takingsOf(x);
    return {
      filmId: x.film_id,
      title: x.title,
      weekOf: x.week,
      admissions: t.admissions,
      grossMinor: t.ticketsNetMinor,
      taxMinor: t.taxMinor,
      netMinor: t.ticketsNetMinor - t.taxMinor,
    };
  });
}

type TillDbRow = {
  id: string;
  cinema_id: string;
  business_date: string;
  station: string;
  staff_name: string | null;
  opened_at: Date;
  closed_at: Date | null;
  currency: string;
  z_report: {
    totals?: { netMinor?: number; countedMinor?: number | null; expectedMinor?: number | null };
  } | null;
  drops: string;
  variance_note: string | null;
};

/** The tills the stations uploaded, opened on the period's cinema days. */
export async function tills(
  db: Queryable,
  cinemaIds: string[],
  from: string,
  to: string,
): Promise<TillsReport> {
  const r = await db.query<TillDbRow>({
    name: 'report_tills',
    text: `SELECT t.id, t.cinema_id, t.business_date::text AS business_date, st.name AS station,
                  p.name AS staff_name, t.opened_at, t.closed_at, t.currency, t.z_report, t.variance_note,
                  COALESCE((SELECT sum(d.amount_minor) FROM till_drops d WHERE d.till_id = t.id), 0)::bigint AS drops
             FROM tills t JOIN stations st ON st.id = t.station_id LEFT JOIN staff p ON p.id = t.staff_id
            WHERE t.cinema_id = ANY($1::uuid[]) AND t.business_date BETWEEN $2::date AND $3::date
            ORDER BY t.opened_at
            LIMIT 2000`,
    values: [cinemaIds, from, to],
  });
  const rows = r.rows.map((t) => {
    const totals = t.z_report?.totals;
    const counted = totals?.countedMinor ?? null;
    const expected = totals?.expectedMinor ?? null;
    return {
      tillId: t.id,
      cinemaId: t.cinema_id,
      businessDate: t.business_date,
      station: t.station,
      staffName: t.staff_name ?? 'Unknown',
      openedAt: t.opened_at.toISOString(),
      closedAt: t.closed_at === null ? null : t.closed_at.toISOString(),
      currency: t.currency,
      netMinor: t.closed_at === null ? null : (totals?.netMinor ?? 0),
      dropsMinor: Number(t.drops),
      varianceMinor: counted !== null && expected !== null ? counted - expected : null,
      varianceNote: t.variance_note,
    };
  });
  return {
    from,
    to,
    rows,
    closedNetMinor: rows.reduce((a, t) => a + (t.netMinor ?? 0), 0),
  };
}
