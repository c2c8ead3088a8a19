// Booking and payment rows as the booking services lock and read them.
import type { BookingLines } from '../../db/pg/schema-bookings.js';
import type { Queryable } from '../services/tx.js';
import {
  bookingClaimValues,
  bookingNotFound,
  bookingOwnedSql,
  type BookingClaim,
} from './owner.js';

export type BookingRow = {
  id: string;
  reference: string;
  cinema_id: string;
  show_id: string;
  customer_id: string | null;
  email: string;
  hold_id: string;
  status: 'pending' | 'confirmed' | 'expired' | 'cancelled';
  currency: string;
  subtotal_minor: number;
  discount_minor: number;
  tax_minor: number;
  total_minor: number;
  discount_code: string | null;
  lines: BookingLines;
  expires_at: Date;
  payment_started_at: Date | null;
};

export type PaymentRow = {
  id: string;
  booking_id: string;
  provider: string;
  provider_ref: string | null;
  amount_minor: number;
  currency: string;
  status: 'pending' | 'processing' | 'succeeded' | 'failed' | 'cancelled';
  refunded_minor: number;
};

const BOOKING_COLUMNS =
  'b.id, b.reference, b.cinema_id, b.show_id, b.customer_id, b.email, b.hold_id, b.status, b.currency, b.subtotal_minor, b.discount_minor, b.tax_minor, b.total_minor, b.discount_code, b.lines, b.expires_at, b.payment_started_at';

/** Locks a booking the claim may reach (null: the server itself); BO_BOOKING_NOT_FOUND otherwise. */
export async function lockBooking(
  db: Queryable,
  id: string,
  claim: BookingClaim,
): Promise<BookingRow> {
  const r = await db.query<BookingRow>({
    name: 'booking_lock',
    text: `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.id = $1 AND ${bookingOwnedSql('b', 2)} FOR UPDATE OF b`,
    values: [id, ...bookingClaimValues(claim)],
  });
  const b = r.rows[0];
  if (!b) throw bookingNotFound();
  return b;
}

/** Locks the payment the provider knows as `ref`; null when it is not one of ours. */
export async function lockPaymentByRef(
  db: Queryable,
  provider: string,
  ref: string,
): Promise<PaymentRow | null> {
  const r = await db.query<PaymentRow>({
    name: 'payment_lock_ref',
    text: 'SELECT id, booking_id, provider, provider_ref, amount_minor, currency, status, refunded_minor FROM booking_payments WHERE provider = $1 AND provider_ref = $2 FOR UPDATE',
    values: [provider, ref],
  });
  return r.rows[0] ?? null;
}
