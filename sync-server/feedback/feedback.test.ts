// Feedback (issue 17, seed 001): a customer rates a booking's show once it has started, changes the
// rating, reads the cinema's reply and is told of it; managers list, filter and reply; someone
// else's booking, a show not started yet and bad ratings are refused and change nothing. The
// server's clock is the test's, set relative to the show.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackPage, FeedbackView } from '../../common/api/feedback.js';
import type { App } from '../app.js';
import { openSession } from '../identity/sessions.js';
import {
  bookHold,
  buyerHeaders,
  CARDS,
  holdSeats,
  payWithCard,
  readBookingAs,
  startBookingHarness,
  startPaying,
  type Buyer,
  type TestBooking,
} from '../../test/support/bookings.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';

let app: App;
let fx: ShowFixture & { showIds: string[] };
let manager = '';
let cashier = '';
let ann = '';
const annId = randomUUID();
const clock = { now: new Date() };
let startsAt = new Date();

beforeAll(async () => {
  const h = await startBookingHarness({
    now: () => clock.now,
    setup: async (pool) => {
      await pool.query(
        "INSERT INTO customers (id, email, password_hash, name) VALUES ($1, 'ann@example.com', 'unusable', 'Ann Buyer')",
        [annId],
      );
    },
  });
  ({ app, fx } = h);
  const s = await app.inject({ method: 'GET', url: `/api/v1/shows/${fx.showId}` });
  startsAt = new Date(s.json<{ startsAt: string }>().startsAt);
});

/** Signs people in at the server's clock (tokens live an hour of it). */
async function signIn(): Promise<void> {
  const pool = app.ctx.db.$client;
  const staffToken = async (sub: string, role: 'cashier' | 'manager') =>
    `Bearer ${
      (
        await openSession(
          pool,
          { kind: 'staff', station: null, sub, role, cinemas: [fx.cinemaId] },
          await app.ctx.identity.settings('staff'),
          clock.now,
        )
      ).accessToken
    }`;
  manager = await staffToken(fx.staff.manager, 'manager');
  cashier = await staffToken(fx.staff.cashier, 'cashier');
  ann = `Bearer ${
    (
      await openSession(
        pool,
        { kind: 'customer', sub: annId },
        await app.ctx.identity.settings('customer'),
        clock.now,
      )
    ).accessToken
  }`;
}

afterAll(async () => {
  await app.close();
});

const seat = (row: number, n: number) => fx.rows[row]?.[n] ?? '';

async function confirmed(seats: string[], buyer: Buyer = {}): Promise<TestBooking> {
  const hold = await holdSeats(app, fx.showId, seats, buyer);
  const booking = await bookHold(app, hold, fx.ticketTypes.adult, buyer);
  await payWithCard(app, await startPaying(app, booking, buyer), CARDS.ok);
  expect((await readBookingAs(app, booking, buyer)).status).toBe('confirmed');
  return booking;
}

const rate = (
  b: TestBooking,
  body: unknown,
  buyer: Buyer = { bookingSecret: b.bookingSecret ?? '' },
) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/bookings/${b.id}/feedback`,
    headers: buyerHeaders(buyer),
    payload: body as Record<string, unknown>,
  });
const staff = (method: 'GET' | 'PUT', url: string, who: string, payload?: unknown) =>
  app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: who },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
const count = async () =>
  Number(
    (await app.ctx.db.$client.query<{ n: string }>('SELECT count(*) AS n FROM feedback')).rows[0]
      ?.n,
  );

describe('feedback', () => {
  let guest: TestBooking;
  let mine: TestBooking;
  let id = '';

  it('is refused before the show starts, for bad ratings and for someone else’s booking', async () => {
    // Booked now, the show a day ahead (holds expire by the database's clock, so booking is now).
    clock.now = new Date();
    await signIn();
    guest = await confirmed([seat(0, 0), seat(0, 1)]);
    mine = await confirmed([seat(1, 0)], { authorization: ann });
    const early = await rate(guest, { rating: 5, comment: 'Looks great' });
    expect([early.statusCode, early.json<{ error: { code: string } }>().error.code]).toEqual([
      409,
      'BO_FEEDBACK_TOO_EARLY',
    ]);
    clock.now = new Date(startsAt.getTime() + 3 * 60 * 60_000);
    await signIn();
    for (const bad of [{ rating: 6 }, { rating: 0 }, { rating: 4.5 }, { rating: 4, extra: 1 }]) {
      const r = await rate(guest, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    // Ann's booking with the guest's secret, or with no proof at all: no such booking.
    const other = await rate(mine, { rating: 1 }, { bookingSecret: guest.bookingSecret ?? '' });
    expect(other.statusCode).toBe(404);
    expect((await rate(mine, { rating: 1 }, {})).statusCode).toBe(404);
    expect(await count()).toBe(0);
  });

  it('takes a rating after the show started, and a second one replaces it', async () => {
    const first = await rate(guest, { rating: 2, comment: '  Sound was too loud  ' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await rate(guest, { rating: 3, comment: 'Sound was too loud in the trailers' });
    expect(again.statusCode).toBe(200);
    const view = again.json<FeedbackView>();
    expect(view).toMatchObject({
      rating: 3,
      comment: 'Sound was too loud in the trailers',
      reply: null,
    });
    id = view.id;
    const annRates = await rate(
      mine,
      { rating: 5, comment: 'Lovely seats' },
      { authorization: ann },
    );
    expect(annRates.statusCode).toBe(201);
    expect(await count()).toBe(2);
  });

  it('lists the cinema’s feedback for its managers, filtered, with the mean rating', async () => {
    const all = await staff('GET', '/admin/feedback', manager);
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json<FeedbackPage>()).toMatchObject({ total: 2, averageRating: 4 });
    const low = await staff('GET', '/admin/feedback?rating=3&replied=no', manager);
    expect(low.json<FeedbackPage>().items.map((f) => f.id)).toEqual([id]);
    const found = await staff('GET', '/admin/feedback?q=trailers', manager);
    expect(found.json<FeedbackPage>().total).toBe(1);
    expect((await staff('GET', '/admin/feedback', cashier)).statusCode).toBe(403);
    const elsewhere = await staff('GET', `/admin/feedback?cinemaId=${randomUUID()}`, manager);
    expect(elsewhere.statusCode).toBe(404);
  });

  it('takes a manager’s reply, audited; the customer reads it and is told', async () => {
    const empty = await staff('PUT', `/admin/feedback/${id}/reply`, manager, { reply: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(
      (await staff('PUT', `/admin/feedback/${id}/reply`, cashier, { reply: 'Hi' })).statusCode,
    ).toBe(403);
    expect(
      (await staff('PUT', `/admin/feedback/${randomUUID()}/reply`, manager, { reply: 'Hi' }))
        .statusCode,
    ).toBe(404);
    const r = await staff('PUT', `/admin/feedback/${id}/reply`, manager, {
      reply: 'Sorry about that: we have turned the trailers down.',
    });
    expect(r.statusCode, r.body).toBe(200);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/bookings/${guest.id}/feedback`,
      headers: buyerHeaders({ bookingSecret: guest.bookingSecret ?? '' }),
    });
    expect(read.json<FeedbackView>()).toMatchObject({
      rating: 3,
      reply: 'Sorry about that: we have turned the trailers down.',
    });
    const q = <T extends Record<string, unknown>>(text: string, v: unknown[]) =>
      app.ctx.db.$client.query<T>(text, v).then((x) => x.rows);
    expect(
      await q("SELECT data FROM events WHERE type = 'feedback.replied' AND booking_id = $1", [
        guest.id,
      ]),
    ).toEqual([{ data: { reply: 'Sorry about that: we have turned the trailers down.' } }]);
    expect(
      await q("SELECT details FROM audit_log WHERE action = 'feedback.reply' AND entity_id = $1", [
        id,
      ]),
    ).toEqual([
      {
        details: {
          before: { reply: null, cinemaId: fx.cinemaId },
          after: {
            reply: 'Sorry about that: we have turned the trailers down.',
            cinemaId: fx.cinemaId,
          },
        },
      },
    ]);
    // The customer's rewrite keeps the reply.
    await rate(guest, { rating: 4, comment: 'Better now' });
    expect(
      (await staff('GET', '/admin/feedback?replied=yes', manager)).json<FeedbackPage>().items[0],
    ).toMatchObject({ rating: 4, reply: 'Sorry about that: we have turned the trailers down.' });
  });
});
