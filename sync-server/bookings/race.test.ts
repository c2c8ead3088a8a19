// The acceptance race of issue 13: 200 buyers at once on one 400-seat show, each hold → book → pay
// on the test gateway; 20 % declined, 10 % abandoned; every webhook delivered again, shuffled, and
// older news sent after newer; one payment made after its booking lapsed. Afterwards: no seat sold
// twice, every confirmed booking has valid signed tickets, every other booking gave its seats back,
// and the money adds up (payments − refunds = what confirmed tickets cost).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTicketCode } from '../../common/ticket-code.js';
import { seededRandom } from '../../common/seeded-random.js';
import {
  bookHold,
  CARDS,
  payWithCard,
  startPaying,
  type TestBooking,
  type TestHold,
} from '../../test/support/bookings.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';
import { signingPublicKeyHex } from '../services/signing.js';
import { redeliverAll, sendStaleProcessing } from '../../test/support/test-gateway.js';
import { sweepBookings } from './sweep.js';
import { testOutbox } from '../../test/support/outbox.js';

let app: App;
let fx: ShowFixture;
beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 20, perRow: 20, startsInMinutes: 24 * 60 });
  await db.$client.end();
  app = await buildApp(
    loadServerConfig(
      {},
      {
        databaseUrl: url,
        logLevel: 'silent',
        pgPoolSize: 20,
        holdsPerClientPerShow: 0,
        holdsPerClient: 0,
        heldSeatsPerClientPerShow: 0,
        holdWritesPerClientPerMinute: 0,
        // The test sweeps itself, when it means to.
        holdSweepMs: 3_600_000,
        ...testOutbox(),
        // The late payment's bank answers when the test makes it due.
        testGatewayDelaySeconds: 3600,
      },
    ),
  );
});
afterAll(async () => {
  await app.close();
});

type Fate = 'pay' | 'decline' | 'abandon';
type Outcome = { fate: Fate; booking: TestBooking | null };

async function buyer(i: number, fate: Fate, rnd: () => number): Promise<Outcome> {
  // A mix of "best N" and explicit seats, so buyers collide on the same seats.
  const count = 1 + Math.floor(rnd() * 3);
  const row = Math.floor(rnd() * 20);
  const start = Math.floor(rnd() * 18);
  const explicit = rnd() < 0.5;
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/holds',
    payload: explicit
      ? {
          showId: fx.showId,
          seatIds: Array.from({ length: count }, (_, k) => fx.rows[row]?.[start + k] ?? ''),
        }
      : { showId: fx.showId, count },
  });
  if (res.statusCode !== 201) {
    expect([409]).toContain(res.statusCode);
    return { fate, booking: null };
  }
  const hold = res.json<TestHold>();
  const booking = await bookHold(
    app,
    hold,
    i % 3 === 0 ? fx.ticketTypes.child : fx.ticketTypes.adult,
    {},
    {
      guest: { email: `buyer${String(i)}@example.com` },
    },
  );
  if (fate === 'abandon') return { fate, booking };
  const payment = await startPaying(app, booking);
  const paid = await payWithCard(app, payment, fate === 'pay' ? CARDS.ok : CARDS.declined);
  expect(paid.statusCode).toBeLessThan(300);
  return { fate, booking };
}

const q = <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  app.ctx.db.$client.query<T>(text, values).then((r) => r.rows);

describe('200 buyers on one 400-seat show', () => {
  it('never sells a seat twice, releases what was not paid, and the money adds up', async () => {
    const rnd = seededRandom(13);
    const fates: Fate[] = Array.from({ length: 200 }, (_, i) =>
      i % 10 < 7 ? 'pay' : i % 10 < 9 ? 'decline' : 'abandon',
    );
    const outcomes = await Promise.all(fates.map((f, i) => buyer(i, f, rnd)));
    const booked = outcomes.filter((o) => o.booking !== null);
    expect(booked.length).toBeGreaterThan(100);

    // Every webhook again, twice, shuffled; and a stale "processing" after each final word.
    await redeliverAll(app, seededRandom(7));
    await redeliverAll(app, seededRandom(8));
    await sendStaleProcessing(app);

    // One late payment: a booking lapses (its hold's time runs out and the sweeper passes), then is paid.
    const lateHold = await app.inject({
      method: 'POST',
      url: '/api/v1/holds',
      payload: { showId: fx.showId, count: 1 },
    });
    let late: TestBooking | null = null;
    if (lateHold.statusCode === 201) {
      late = await bookHold(app, lateHold.json<TestHold>(), fx.ticketTypes.adult);
      expect((await payWithCard(app, await startPaying(app, late), CARDS.delayed)).status).toBe(
        'processing',
      );
      await q("UPDATE holds SET expires_at = now() - interval '1 second' WHERE id = $1", [
        lateHold.json<TestHold>().holdId,
      ]);
      await q("UPDATE bookings SET expires_at = now() - interval '1 second' WHERE id = $1", [
        late.id,
      ]);
      await sweepBookings(sweepDeps());
      expect(
        (await q<{ status: string }>('SELECT status FROM bookings WHERE id = $1', [late.id]))[0],
      ).toEqual({ status: 'expired' });
      await q(
        "UPDATE test_gateway_webhooks SET due_at = now() - interval '1 minute' WHERE delivered_at IS NULL",
      );
      await app.ctx.payments.deliverDue();
    }
    // Everything abandoned lapses.
    await q("UPDATE holds SET expires_at = now() - interval '1 second' WHERE status = 'active'");
    await q(
      "UPDATE bookings SET expires_at = now() - interval '1 second' WHERE status = 'pending'",
    );
    for (let i = 0; i < 10; i++) if ((await sweepBookings(sweepDeps())).expired === 0) break;

    // 0 double-sold seats.
    expect(
      await q(
        'SELECT seat_id FROM tickets WHERE show_id = $1 AND status = $2 GROUP BY seat_id HAVING count(*) > 1',
        [fx.showId, 'valid'],
      ),
    ).toEqual([]);
    const sold = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM show_seats WHERE show_id = $1 AND state = 'sold'",
      [fx.showId],
    );
    const valid = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM tickets WHERE show_id = $1 AND status = 'valid'",
      [fx.showId],
    );
    expect(sold[0]?.n).toBe(valid[0]?.n);

    // Every confirmed booking has one valid, verifying ticket per seat; every other has none and holds nothing.
    const key = Buffer.from(await signingPublicKeyHex(app.ctx.db.$client, ''), 'hex');
    const bookings = await q<{ id: string; status: string; hold_id: string; n: number }>(
      "SELECT b.id, b.status, b.hold_id, jsonb_array_length(b.lines->'tickets') AS n FROM bookings b WHERE b.show_id = $1",
      [fx.showId],
    );
    for (const b of bookings) {
      const tickets = await q<{ code: string; status: string }>(
        'SELECT code, status FROM tickets WHERE order_id = $1',
        [b.id],
      );
      const held = await q<{ n: number }>(
        "SELECT count(*)::int AS n FROM show_seats WHERE hold_id = $1 AND state = 'held'",
        [b.hold_id],
      );
      if (b.status === 'confirmed') {
        expect(tickets.filter((t) => t.status === 'valid')).toHaveLength(b.n);
        for (const t of tickets) expect(verifyTicketCode(t.code, key).ok).toBe(true);
      } else {
        expect(b.status === 'expired' || b.status === 'cancelled', b.status).toBe(true);
        expect(tickets).toEqual([]);
        expect(held[0]?.n).toBe(0);
      }
    }
    const confirmed = bookings.filter((b) => b.status === 'confirmed').length;
    const paying = booked.filter((o) => o.fate === 'pay').length;
    expect(confirmed).toBe(paying + (late === null ? 0 : 1));
    expect(
      bookings
        .filter((b) => b.status === 'confirmed')
        .every(
          (b) =>
            booked.some((o) => o.booking?.id === b.id && o.fate === 'pay') || b.id === late?.id,
        ),
    ).toBe(true);

    // Money: succeeded payments − succeeded refunds = what the valid tickets cost; nothing left pending.
    const [money] = await q<{ paid: number; refunded: number; tickets: number; pending: number }>(
      `SELECT (SELECT COALESCE(sum(amount_minor), 0)::int FROM booking_payments WHERE status = 'succeeded') AS paid,
              (SELECT COALESCE(sum(amount_minor), 0)::int FROM booking_refunds WHERE status = 'succeeded') AS refunded,
              (SELECT COALESCE(sum(price_minor), 0)::int FROM tickets WHERE show_id = $1 AND status = 'valid') AS tickets,
              (SELECT count(*)::int FROM booking_refunds WHERE status = 'pending') AS pending`,
      [fx.showId],
    );
    expect(money?.pending).toBe(0);
    expect((money?.paid ?? 0) - (money?.refunded ?? 0)).toBe(money?.tickets);
    // Declined payments say failed only because the gateway said so, and never took money.
    const failed = await q<{ n: number }>(
      "SELECT count(*)::int AS n FROM booking_payments WHERE status = 'failed'",
    );
    expect(failed[0]?.n).toBe(booked.filter((o) => o.fate === 'decline').length);
  }, 120_000);
});

function sweepDeps() {
  return {
    pool: app.ctx.db.$client,
    providers: app.ctx.payments.providers,
    signer: () => app.ctx.payments.signer(),
    now: () => new Date(),
    paymentCheckSeconds: 120,
    seatsChanged: () => undefined,
  };
}
