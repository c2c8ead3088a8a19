// A confirmed booking's tickets as the customer carries them (DESIGN §8, §12): each with the signed
// code the counter and the door verify offline, drawn as a QR. Only valid tickets carry a code:
// a refunded or void ticket is listed so the customer sees what happened, never as something to scan.
import QRCode from 'qrcode';
import type { BookingTickets } from '../../common/api/bookings.js';
import { BoError } from '../../common/errors.js';
import type { Queryable } from '../services/tx.js';
import {
  bookingClaimValues,
  bookingNotFound,
  bookingOwnedSql,
  type BookingClaim,
} from './owner.js';

type TicketsRow = {
  id: string;
  reference: string;
  status: BookingTickets['status'];
  confirmed_at: Date | null;
  currency: string;
  show: BookingTickets['show'];
  tickets:
    | {
        ticketId: string;
        seatId: string;
        seatLabel: string;
        rowLabel: string;
        ticketTypeName: string;
        priceMinor: number;
        status: string;
        code: string | null;
      }[]
    | null;
};

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// One statement: the booking (if the claim reaches it), its show's facts and the tickets as sold.
const TICKETS_SQL = `SELECT b.id, b.reference, b.status, b.confirmed_at, b.currency,
    json_build_object('id', sh.id, 'startsAt', ${ISO('sh.starts_at')}, 'endsAt', ${ISO('sh.ends_at')},
      'movieTitle', m.title, 'certification', m.certification, 'format', f.name, 'language', sh.language,
      'cinemaId', c.id, 'cinemaName', c.name, 'cinemaAddress', c.address, 'screenName', sc.name,
      'timeZone', c.time_zone, 'status', sh.status) AS show,
    (SELECT json_agg(json_build_object('ticketId', t.id, 'seatId', t.seat_id, 'seatLabel', s.label,
       'rowLabel', s.row_label, 'ticketTypeName', tt.name, 'priceMinor', t.price_minor, 'status', t.status,
       'code', t.code) ORDER BY s.row_label, s.number, t.id)
     FROM tickets t JOIN seats s ON s.id = t.seat_id JOIN ticket_types tt ON tt.id = t.ticket_type_id
     WHERE t.order_id = b.id) AS tickets
  FROM bookings b JOIN shows sh ON sh.id = b.show_id JOIN movies m ON m.id = sh.movie_id
  JOIN formats f ON f.id = sh.format_id JOIN cinemas c ON c.id = b.cinema_id JOIN screens sc ON sc.id = sh.screen_id
  WHERE b.id = $1 AND ${bookingOwnedSql('b', 2)}`;

/** The QR image (SVG) of a ticket code, as the tickets answer draws it. */
export function ticketQrSvg(code: string): Promise<string> {
  // Medium error correction: a phone screen or a creased print still scans; the code is ~150 chars.
  return QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

const ticketStatus = (s: string): BookingTickets['tickets'][number]['status'] =>
  s === 'valid' || s === 'refunded' ? s : 'void';

/**
 * The tickets of a booking the claim may reach; BO_BOOKING_NOT_FOUND for anyone else, and
 * BO_BOOKING_STATE while it has never been paid (pending, or lapsed unpaid).
 */
export async function readBookingTickets(
  db: Queryable,
  id: string,
  claim: BookingClaim,
): Promise<BookingTickets> {
  const r = await db.query<TicketsRow>({
    name: 'booking_tickets',
    text: TICKETS_SQL,
    values: [id, ...bookingClaimValues(claim)],
  });
  const row = r.rows[0];
  if (!row) throw bookingNotFound();
  // A booking cancelled after it was paid still has its (refunded) tickets to show.
  if (row.confirmed_at === null)
    throw new BoError(
      'BO_BOOKING_STATE',
      row.status === 'pending'
        ? 'This booking is not paid yet: pay first, and the tickets appear here.'
        : 'This booking was never paid, so it has no tickets.',
      { status: row.status },
    );
  const tickets = await Promise.all(
    (row.tickets ?? []).map(async (t) => {
      const status = ticketStatus(t.status);
      const code = status === 'valid' ? t.code : null;
      return {
        ticketId: t.ticketId,
        seatId: t.seatId,
        seatLabel: t.seatLabel,
        rowLabel: t.rowLabel,
        ticketTypeName: t.ticketTypeName,
        priceMinor: t.priceMinor,
        currency: row.currency,
        status,
        code,
        qrSvg: code === null ? null : await ticketQrSvg(code),
      };
    }),
  );
  return {
    bookingId: row.id,
    reference: row.reference,
    status: row.status,
    show: row.show,
    tickets,
  };
}
