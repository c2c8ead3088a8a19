// Making a booking from a hold (DESIGN §12): priced once, pending until paid, lapsing with its hold.
import { randomUUID } from 'node:crypto';
import type { CreateBookingBody } from '../../common/api/bookings.js';
import { BoError } from '../../common/errors.js';
import { audit, type Actor } from '../services/audit.js';
import type { HoldClaim } from '../services/hold-owner.js';
import type { Tx } from '../services/tx.js';
import { ownedHold, priceBasket } from './basket.js';
import { newBookingSecret, newReference, hashBookingSecret } from './secrets.js';

/** Who books: a signed-in customer (their account's contact details are used) or a guest. */
export type Booker = { customerId: string | null };

/** A new booking's id and the one copy of its secret. */
export type MadeBooking = { id: string; secret: string; reference: string };

async function contactOf(
  tx: Tx,
  body: CreateBookingBody,
  booker: Booker,
): Promise<{ email: string; phone: string | null; name: string | null }> {
  if (booker.customerId !== null) {
    const r = await tx.query<{ email: string; phone: string | null; name: string }>({
      name: 'booking_customer_contact',
      text: 'SELECT email, phone, name FROM customers WHERE id = $1',
      values: [booker.customerId],
    });
    const c = r.rows[0];
    if (c) return { email: c.email, phone: c.phone, name: c.name };
  }
  if (body.guest === undefined)
    throw new BoError(
      'BO_VALIDATION',
      'Sign in, or give an email address (guest) so we can send the tickets.',
    );
  return {
    email: body.guest.email.trim().toLowerCase(),
    phone: body.guest.phone ?? null,
    name: body.guest.name ?? null,
  };
}

/**
 * A pending booking on this hold that nobody is paying yet is replaced (the buyer went back and
 * changed ticket types); one whose payment is under way is not.
 */
async function replacePending(tx: Tx, holdId: string, actor: Actor): Promise<void> {
  const r = await tx.query<{
    id: string;
    reference: string;
    discount_code: string | null;
    busy: boolean;
  }>({
    name: 'booking_pending_on_hold',
    text: `SELECT b.id, b.reference, b.discount_code,
             EXISTS (SELECT 1 FROM booking_payments p WHERE p.booking_id = b.id AND p.status IN ('processing', 'succeeded')) AS busy
           FROM bookings b WHERE b.hold_id = $1 AND b.status = 'pending' FOR UPDATE OF b`,
    values: [holdId],
  });
  for (const b of r.rows) {
    if (b.busy)
      throw new BoError(
        'BO_BOOKING_STATE',
        `These seats are being paid for in booking ${b.reference}; wait for that payment to finish.`,
        { bookingId: b.id },
      );
    await tx.query({
      name: 'booking_replace',
      text: "UPDATE bookings SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = $1",
      values: [b.id],
    });
    await tx.query({
      name: 'booking_replace_payments',
      text: "UPDATE booking_payments SET status = 'cancelled', updated_at = now() WHERE booking_id = $1 AND status = 'pending'",
      values: [b.id],
    });
    await giveBackPromoUse(tx, b.discount_code);
    await audit(tx, actor, 'replace', 'booking', b.id, { holdId });
  }
}

/** Gives back the promo-code use a booking that never got paid counted. */
export async function giveBackPromoUse(tx: Tx, code: string | null): Promise<void> {
  if (code === null) return;
  await tx.query({
    name: 'booking_promo_give_back',
    text: 'UPDATE discounts SET uses = uses - 1 WHERE upper(code) = upper($1) AND uses > 0',
    values: [code],
  });
}

/** Creates a pending booking from a hold `claim` owns; it expires with the hold. */
export async function createBooking(
  tx: Tx,
  body: CreateBookingBody,
  claim: HoldClaim,
  booker: Booker,
  actor: Actor,
  now: Date,
): Promise<MadeBooking> {
  const hold = await ownedHold(tx, body.holdId, claim, now, true);
  await replacePending(tx, hold.id, actor);
  const contact = await contactOf(tx, body, booker);
  const { show, priced, lines } = await priceBasket(tx, body, hold, now, tx);
  const id = randomUUID();
  const secret = newBookingSecret();
  for (let attempt = 0; ; attempt++) {
    const reference = newReference();
    const r = await tx.query({
      name: 'booking_insert',
      text: `INSERT INTO bookings (id, reference, secret_hash, cinema_id, show_id, channel, customer_id, email, phone, name, hold_id, status,
                 currency, subtotal_minor, discount_minor, tax_minor, total_minor, discount_code, lines, expires_at)
               VALUES ($1, $2, $3, $4, $5, 'web', $6, $7, $8, $9, $10, 'pending', $11, $12, $13, $14, $15, $16, $17, $18)
               ON CONFLICT (reference) DO NOTHING`,
      values: [
        id,
        reference,
        hashBookingSecret(secret),
        show.cinemaId,
        show.id,
        booker.customerId,
        contact.email,
        contact.phone,
        contact.name,
        hold.id,
        priced.currency,
        priced.subtotalMinor,
        priced.discountMinor,
        priced.taxMinor,
        priced.totalMinor,
        priced.discount?.code ?? null,
        JSON.stringify(lines),
        hold.expiresAt,
      ],
    });
    // Two references alike is rare (1 in ~400 million per booking); pick another.
    if (r.rowCount === 0 && attempt < 5) continue;
    if (r.rowCount === 0) throw new Error('no free booking reference after 6 tries');
    await audit(tx, actor, 'book', 'booking', id, {
      reference,
      showId: show.id,
      seatIds: lines.tickets.map((t) => t.seatId),
      totalMinor: priced.totalMinor,
    });
    return { id, secret, reference };
  }
}
