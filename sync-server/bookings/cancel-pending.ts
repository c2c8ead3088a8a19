// Cancelling a booking nobody has paid (DESIGN §12): it ends at once, its hold is released, the
// promo-code use it counted is given back, and its open payments are cancelled at the provider
// after commit. One whose payment the bank is still confirming waits for that answer instead.
import { BoError } from '../../common/errors.js';
import { audit, type Actor } from '../services/audit.js';
import { endHold } from '../services/holds.js';
import type { Tx } from '../services/tx.js';
import type { CancelOutcome } from './cancel.js';
import { giveBackPromoUse } from './create.js';
import { appendEvent } from './events.js';
import type { BookingRow } from './rows.js';

const notEndedHold = (e: unknown) => {
  if (!(e instanceof BoError && e.code === 'BO_HOLD_NOT_FOUND')) throw e;
};

/** Cancels pending booking `b` (locked by the caller); BO_BOOKING_STATE while a payment is confirming. */
export async function cancelPending(
  tx: Tx,
  b: BookingRow,
  actor: Actor,
  why: string,
  byShow: boolean,
): Promise<CancelOutcome> {
  const busy = await tx.query<{ status: string }>({
    name: 'cancel_pending_busy',
    text: "SELECT status FROM booking_payments WHERE booking_id = $1 AND status IN ('processing', 'succeeded')",
    values: [b.id],
  });
  if (busy.rows.length > 0)
    throw new BoError(
      'BO_BOOKING_STATE',
      'A payment for this booking is being confirmed by the bank; it can be cancelled once that is done.',
    );
  await tx.query({
    name: 'cancel_pending',
    text: "UPDATE bookings SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = $1",
    values: [b.id],
  });
  await endHold(tx, b.hold_id, actor, 'released').catch(notEndedHold);
  await giveBackPromoUse(tx, b.discount_code);
  const open = await tx.query<{ provider: string; provider_ref: string | null }>({
    name: 'cancel_pending_payments',
    text: "UPDATE booking_payments SET status = 'cancelled', updated_at = now() WHERE booking_id = $1 AND status = 'pending' RETURNING provider, provider_ref",
    values: [b.id],
  });
  await audit(tx, actor, 'cancel', 'booking', b.id, { reason: why, paid: false });
  await appendEvent(tx, {
    type: 'booking.cancelled',
    bookingId: b.id,
    showId: b.show_id,
    cinemaId: b.cinema_id,
    data: { reference: b.reference, reason: why, refundMinor: 0, byShow },
  });
  return {
    refundIds: [],
    showId: b.show_id,
    cancelPayments: open.rows.flatMap((p) =>
      p.provider_ref === null ? [] : [{ provider: p.provider, ref: p.provider_ref }],
    ),
  };
}
