// A booking as its owner sees it (GET /bookings/{id}, history): tickets with their state, payments
// and refunds as records of their own, and what the customer may still do.
import type { BookingView } from '../../common/api/bookings.js';
import type { BookingLines } from '../../db/pg/schema-bookings.js';
import type { Queryable } from '../services/tx.js';
import {
  bookingClaimValues,
  bookingNotFound,
  bookingOwnedSql,
  type BookingClaim,
} from './owner.js';

type ViewRow = {
  id: string;
  reference: string;
  status: BookingView['status'];
  channel: string;
  currency: string;
  subtotal_minor: number;
  discount_minor: number;
  tax_minor: number;
  total_minor: number;
  discount_code: string | null;
  lines: BookingLines;
  email: string;
  phone: string | null;
  name: string | null;
  expires_at: Date;
  created_at: Date;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  show: {
    id: string;
    startsAt: string;
    movieTitle: string;
    cinemaId: string;
    cinemaName: string;
    screenName: string;
    timeZone: string;
    status: string;
  };
  names: { id: string; name: string }[] | null;
  ticket_states: { id: string; status: string }[] | null;
  payments: BookingView['payments'] | null;
  refunds: BookingView['refunds'] | null;
};

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

// One statement: the booking, its show, names, ticket states, payments and refunds.
const VIEW_SQL = (
  where: string,
) => `SELECT b.id, b.reference, b.status, b.channel, b.currency, b.subtotal_minor, b.discount_minor, b.tax_minor,
    b.total_minor, b.discount_code, b.lines, b.email, b.phone, b.name, b.expires_at, b.created_at, b.confirmed_at, b.cancelled_at,
    json_build_object('id', sh.id, 'startsAt', to_char(sh.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'movieTitle', m.title,
      'cinemaId', c.id, 'cinemaName', c.name, 'screenName', sc.name, 'timeZone', c.time_zone, 'status', sh.status) AS show,
    (SELECT json_agg(json_build_object('id', x.id, 'name', x.name)) FROM (
       SELECT s.id::text, s.label AS name FROM seats s WHERE s.id IN (SELECT (t->>'seatId')::uuid FROM jsonb_array_elements(b.lines->'tickets') t)
       UNION ALL SELECT tt.id::text, tt.name FROM ticket_types tt WHERE tt.id IN (SELECT (t->>'ticketTypeId')::uuid FROM jsonb_array_elements(b.lines->'tickets') t)
       UNION ALL SELECT ci.id::text, ci.name FROM concession_items ci WHERE ci.id IN (SELECT (i->>'itemId')::uuid FROM jsonb_array_elements(b.lines->'concessions') i)
     ) x) AS names,
    (SELECT json_agg(json_build_object('id', tk.id, 'status', tk.status)) FROM tickets tk WHERE tk.order_id = b.id) AS ticket_states,
    (SELECT json_agg(json_build_object('paymentId', p.id, 'provider', p.provider, 'status', p.status, 'amountMinor', p.amount_minor,
       'refundedMinor', p.refunded_minor, 'currency', p.currency, 'failureReason', p.failure_reason,
       'createdAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY p.created_at)
       FROM booking_payments p WHERE p.booking_id = b.id) AS payments,
    (SELECT json_agg(json_build_object('refundId', r.id, 'paymentId', r.payment_id, 'amountMinor', r.amount_minor, 'feeMinor', r.fee_minor,
       'currency', r.currency, 'status', r.status, 'reason', r.reason, 'ticketIds', r.ticket_ids,
       'createdAt', to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY r.created_at)
       FROM booking_refunds r WHERE r.booking_id = b.id) AS refunds
  FROM bookings b JOIN shows sh ON sh.id = b.show_id JOIN movies m ON m.id = sh.movie_id
  JOIN cinemas c ON c.id = b.cinema_id JOIN screens sc ON sc.id = sh.screen_id
  WHERE ${where}`;

/** The policy a view states: how long before a show customers may cancel. */
export type CancelPolicy = { cutoffMinutes: number };

function toView(row: ViewRow, policy: CancelPolicy): BookingView {
  const names = new Map((row.names ?? []).map((n) => [n.id, n.name]));
  const states = new Map((row.ticket_states ?? []).map((t) => [t.id, t.status]));
  const payments = row.payments ?? [];
  const refunds = row.refunds ?? [];
  const paid = payments
    .filter((p) => p.status === 'succeeded')
    .reduce((a, p) => a + p.amountMinor - p.refundedMinor, 0);
  const startsAt = new Date(row.show.startsAt);
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    channel: row.channel,
    currency: row.currency,
    subtotalMinor: row.subtotal_minor,
    discountMinor: row.discount_minor,
    taxMinor: row.tax_minor,
    totalMinor: row.total_minor,
    discountCode: row.discount_code,
    show: row.show,
    tickets: row.lines.tickets.map((t) => ({
      ticketId: t.ticketId,
      seatId: t.seatId,
      seatLabel: names.get(t.seatId) ?? '',
      ticketTypeId: t.ticketTypeId,
      ticketTypeName: names.get(t.ticketTypeId) ?? '',
      priceMinor: t.priceMinor,
      taxMinor: t.taxMinor,
      status: (states.get(t.ticketId) ?? 'pending') as BookingView['tickets'][number]['status'],
    })),
    concessions: row.lines.concessions.map((c) => ({
      itemId: c.itemId,
      name: names.get(c.itemId) ?? '',
      quantity: c.quantity,
      unitPriceMinor: c.unitPriceMinor,
      totalMinor: c.totalMinor,
      taxMinor: c.taxMinor,
    })),
    contact: { email: row.email, phone: row.phone, name: row.name },
    payments,
    refunds,
    paidMinor: paid,
    expiresAt: row.status === 'pending' ? row.expires_at.toISOString() : null,
    cancellableUntil:
      row.status === 'confirmed'
        ? new Date(startsAt.getTime() - policy.cutoffMinutes * 60_000).toISOString()
        : null,
    createdAt: row.created_at.toISOString(),
    confirmedAt: iso(row.confirmed_at),
    cancelledAt: iso(row.cancelled_at),
  };
}

/** Reads a booking the claim may reach (null: the server or a manager); BO_BOOKING_NOT_FOUND otherwise. */
export async function readBooking(
  db: Queryable,
  id: string,
  claim: BookingClaim,
  policy: CancelPolicy,
): Promise<BookingView> {
  const r = await db.query<ViewRow>({
    name: 'booking_view',
    text: VIEW_SQL(`b.id = $1 AND ${bookingOwnedSql('b', 2)}`),
    values: [id, ...bookingClaimValues(claim)],
  });
  const row = r.rows[0];
  if (!row) throw bookingNotFound();
  return toView(row, policy);
}

/**
 * A customer's bookings, upcoming (soonest first) or past (latest first), `limit` at a time after
 * `cursor` (the last page's final show time and booking id).
 */
export async function listCustomerBookings(
  db: Queryable,
  customerId: string,
  q: { when: 'upcoming' | 'past'; limit: number; cursor?: string | undefined },
  policy: CancelPolicy,
  now: Date,
): Promise<{ bookings: BookingView[]; nextCursor: string | null }> {
  const upcoming = q.when === 'upcoming';
  const [at, id] = decodeCursor(q.cursor);
  const cmp = upcoming ? '>' : '<';
  // Lapsed and replaced attempts are not history: only bookings that were (or still may be) paid.
  const where = `b.customer_id = $1 AND b.status <> 'cancelled' OR b.customer_id = $1 AND b.confirmed_at IS NOT NULL`;
  const r = await db.query<ViewRow>({
    name: upcoming ? 'bookings_upcoming' : 'bookings_past',
    text: `${VIEW_SQL(`(${where}) AND (b.status <> 'expired' OR b.confirmed_at IS NOT NULL)
        AND (b.status <> 'pending' OR b.expires_at > $2)
        AND sh.ends_at ${upcoming ? '>' : '<='} $2
        AND ($3::timestamptz IS NULL OR (sh.starts_at, b.id) ${cmp} ($3::timestamptz, $4::uuid))`)}
      ORDER BY sh.starts_at ${upcoming ? 'ASC' : 'DESC'}, b.id ${upcoming ? 'ASC' : 'DESC'} LIMIT $5`,
    values: [customerId, now, at, id, q.limit + 1],
  });
  const rows = r.rows.slice(0, q.limit);
  const last = rows[rows.length - 1];
  return {
    bookings: rows.map((row) => toView(row, policy)),
    nextCursor:
      r.rows.length > q.limit && last !== undefined
        ? Buffer.from(`${last.show.startsAt}|${last.id}`).toString('base64url')
        : null,
  };
}

function decodeCursor(cursor: string | undefined): [Date | null, string | null] {
  if (cursor === undefined) return [null, null];
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const d = new Date(at ?? '');
  const uuid = /^[0-9a-f-]{36}$/i.test(id ?? '') ? (id ?? null) : null;
  return Number.isNaN(d.getTime()) || uuid === null ? [null, null] : [d, uuid];
}
