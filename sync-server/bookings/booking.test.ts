// Quotes and bookings through the public API: priced by the one pricing function, made only from a
// hold the caller owns, and every kind of bad input refused with a clear code and nothing changed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceOrder } from '../../common/pricing.js';
import {
  bookHold,
  holdSeats,
  postMoney,
  startBookingHarness,
} from '../../test/support/bookings.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';
import type { App } from '../app.js';

let app: App;
let fx: ShowFixture;
const popcorn = randomUUID();
const otherCinemaItem = randomUUID();
const customer = randomUUID();
let bearer = '';
const clock = { now: new Date() };

beforeAll(async () => {
  const h = await startBookingHarness({
    now: () => clock.now,
    setup: async (pool, f) => {
      const q = (text: string, values: unknown[]) => pool.query(text, values);
      const other = randomUUID();
      await q(
        "INSERT INTO cinemas (id, chain_id, city_id, name, address, time_zone, currency, locale) VALUES ($1, $2, $3, 'Elsewhere', '2 Low St', 'Europe/London', 'GBP', 'en-GB')",
        [other, f.chainId, f.cityId],
      );
      await q(
        "INSERT INTO concession_items (id, cinema_id, name, category, price_minor, currency) VALUES ($1, $2, 'Popcorn', 'food', 450, 'GBP'), ($3, $4, 'Far popcorn', 'food', 450, 'GBP')",
        [popcorn, f.cinemaId, otherCinemaItem, other],
      );
      const day = 24 * 3600_000;
      await q(
        `INSERT INTO discounts (id, chain_id, code, name, kind, value, valid_from, valid_to, max_uses, uses) VALUES
         ($1, $5, 'TENOFF', 'Ten off', 'percent', 1000, NULL, NULL, NULL, 0),
         ($2, $5, 'OLD', 'Expired', 'percent', 1000, $6, $7, NULL, 0),
         ($3, $5, 'ONCE', 'Used up', 'percent', 500, NULL, NULL, 1, 1),
         ($4, $5, 'SPARE', 'One left', 'percent', 500, NULL, NULL, 1, 0)`,
        [
          randomUUID(),
          randomUUID(),
          randomUUID(),
          randomUUID(),
          f.chainId,
          new Date(Date.now() - 10 * day),
          new Date(Date.now() - day),
        ],
      );
      await q(
        "INSERT INTO customers (id, email, password_hash, name, phone) VALUES ($1, 'ann@example.com', 'unusable', 'Ann Buyer', '+44 20 7946 0000')",
        [customer],
      );
    },
  });
  ({ app, fx } = h);
  bearer = await h.bearer({ customer });
});
afterAll(async () => {
  await app.close();
});

const seat = (row: number, n: number) => fx.rows[row]?.[n] ?? '';
const count = async (table: string) =>
  Number(
    (await app.ctx.db.$client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]
      ?.n,
  );
const uses = async (code: string) =>
  (
    await app.ctx.db.$client.query<{ uses: number }>('SELECT uses FROM discounts WHERE code = $1', [
      code,
    ])
  ).rows[0]?.uses;

describe('quote', () => {
  it('prices ticket types, a promo code and food with the one pricing function, and writes nothing', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(0, 0), seat(0, 1)]);
    const before = await uses('TENOFF');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/bookings/quote',
      headers: { 'hold-secret': hold.holdSecret ?? '' },
      payload: {
        holdId: hold.holdId,
        tickets: [
          { seatId: seat(0, 0), ticketTypeId: fx.ticketTypes.adult },
          { seatId: seat(0, 1), ticketTypeId: fx.ticketTypes.child },
        ],
        promoCode: 'tenoff',
        concessions: [{ itemId: popcorn, quantity: 2 }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const quote = res.json<{
      totalMinor: number;
      discountMinor: number;
      tickets: { priceMinor: number; seatLabel: string; ticketTypeName: string }[];
      concessions: { totalMinor: number; name: string }[];
    }>();
    // The same function the counter uses, on the same inputs, gives the same pennies.
    const expected = priceOrder(
      {
        currency: 'GBP',
        tickets: [
          {
            ref: 'a',
            basePriceMinor: 1000,
            formatMultiplierBp: 10_000,
            ticketTypeMultiplierBp: 10_000,
          },
          {
            ref: 'b',
            basePriceMinor: 1000,
            formatMultiplierBp: 10_000,
            ticketTypeMultiplierBp: 7000,
          },
        ],
        concessions: [{ ref: 'p', unitPriceMinor: 450, quantity: 2 }],
        taxes: [{ name: 'VAT', rateBp: 2000, inclusive: true, itemClass: 'ticket' }],
        discount: {
          code: 'TENOFF',
          kind: 'percent',
          value: 1000,
          currency: null,
          validFrom: null,
          validTo: null,
          maxUses: null,
          uses: 0,
        },
      },
      new Date(),
    );
    if (!expected.ok) throw new Error(expected.error.message);
    expect(quote.totalMinor).toBe(expected.value.totalMinor);
    expect(quote.discountMinor).toBe(expected.value.discountMinor);
    expect(quote.tickets.map((t) => t.priceMinor)).toEqual(
      expected.value.tickets.map((t) => t.totalMinor),
    );
    expect(quote.tickets[1]?.ticketTypeName).toBe('Child');
    expect(quote.concessions[0]?.name).toBe('Popcorn');
    expect(await uses('TENOFF')).toBe(before);
  });
});

describe('booking', () => {
  it('books a guest’s hold: pending, with a reference, a secret shown once, and the hold’s expiry', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(1, 0), seat(1, 1)]);
    const before = await uses('TENOFF');
    const booking = await bookHold(
      app,
      hold,
      fx.ticketTypes.adult,
      {},
      {
        guest: { email: 'Guest@Example.com', phone: '+44 7700 900123', name: 'Gus' },
        promoCode: 'TENOFF',
      },
    );
    expect(booking.status).toBe('pending');
    expect(booking.reference).toMatch(/^[CDFGHJKMNPQRTVWXY]{7}$/);
    expect(booking.bookingSecret).toMatch(/^bs_[A-Za-z0-9_-]{43}$/);
    expect(booking.tickets.every((t) => t.status === 'pending')).toBe(true);
    expect(await uses('TENOFF')).toBe((before ?? 0) + 1);
    // The guest reads it with the secret; nobody else finds it.
    const read = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: `/api/v1/bookings/${booking.id}`, headers });
    const mine = await read({ 'booking-secret': booking.bookingSecret ?? '' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ contact: { email: string }; bookingSecret?: string }>()).toMatchObject({
      contact: { email: 'guest@example.com' },
    });
    expect(mine.json<{ bookingSecret?: string }>().bookingSecret).toBeUndefined();
    expect((await read({})).statusCode).toBe(404);
    expect((await read({ authorization: bearer })).statusCode).toBe(404);
    expect((await read({ 'booking-secret': `bs_${'A'.repeat(43)}` })).json()).toMatchObject({
      error: { code: 'BO_BOOKING_NOT_FOUND' },
    });
  });

  it('books a signed-in customer’s hold with their account’s contact details', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(4, 0), seat(4, 1)], {
      authorization: bearer,
    });
    const booking = await bookHold(app, hold, fx.ticketTypes.adult, { authorization: bearer });
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/bookings/${booking.id}`,
      headers: { authorization: bearer },
    });
    expect(res.json()).toMatchObject({
      status: 'pending',
      contact: { email: 'ann@example.com', name: 'Ann Buyer' },
      show: { movieTitle: 'Test Film', cinemaName: 'Test Cinema' },
    });
  });

  it('replaces a pending booking of the same hold (the buyer changed ticket types) and gives back its promo use', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(2, 0)]);
    const before = await uses('SPARE');
    const first = await bookHold(app, hold, fx.ticketTypes.adult, {}, { promoCode: 'SPARE' });
    const second = await bookHold(app, hold, fx.ticketTypes.child, {}, { promoCode: 'SPARE' });
    expect(second.id).not.toBe(first.id);
    expect(await uses('SPARE')).toBe((before ?? 0) + 1);
    const old = await app.inject({
      method: 'GET',
      url: `/api/v1/bookings/${first.id}`,
      headers: { 'booking-secret': first.bookingSecret ?? '' },
    });
    expect(old.json()).toMatchObject({ status: 'cancelled' });
  });
});

describe('bad input changes nothing', () => {
  const attempt = async (
    hold: { holdId: string; holdSecret?: string },
    body: Record<string, unknown>,
    headers: Record<string, string> = hold.holdSecret === undefined
      ? {}
      : { 'hold-secret': hold.holdSecret },
  ) => {
    const before = [await count('bookings'), await count('audit_log'), await uses('ONCE')];
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': randomUUID(), ...headers },
      payload: { holdId: hold.holdId, guest: { email: 'x@example.com' }, ...body },
    });
    expect([await count('bookings'), await count('audit_log'), await uses('ONCE')]).toEqual(before);
    return res;
  };
  const code = (res: { json: () => unknown }) =>
    (res.json() as { error: { code: string } }).error.code;

  it('refuses someone else’s hold, an unknown one and an expired one', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(3, 0)]);
    const tickets = [{ seatId: seat(3, 0), ticketTypeId: fx.ticketTypes.adult }];
    expect(code(await attempt(hold, { tickets }, {}))).toBe('BO_HOLD_NOT_FOUND');
    expect(code(await attempt(hold, { tickets }, { authorization: bearer }))).toBe(
      'BO_HOLD_NOT_FOUND',
    );
    expect(code(await attempt({ holdId: `h_${'x'.repeat(22)}` }, { tickets }))).toBe(
      'BO_HOLD_NOT_FOUND',
    );
    clock.now = new Date(Date.now() + 60 * 60_000);
    try {
      expect(code(await attempt(hold, { tickets }))).toBe('BO_HOLD_EXPIRED');
    } finally {
      clock.now = new Date();
    }
  });

  it('refuses seats not in the hold, a held seat left without a ticket, and unknown ticket types', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(3, 2), seat(3, 3)]);
    const t = (seatId: string, ticketTypeId = fx.ticketTypes.adult) => ({ seatId, ticketTypeId });
    expect(code(await attempt(hold, { tickets: [t(seat(3, 2)), t(seat(4, 9))] }))).toBe(
      'BO_SEAT_UNAVAILABLE',
    );
    expect(code(await attempt(hold, { tickets: [t(seat(3, 2))] }))).toBe('BO_VALIDATION');
    expect(
      code(await attempt(hold, { tickets: [t(seat(3, 2)), t(seat(3, 3), randomUUID())] })),
    ).toBe('BO_VALIDATION');
  });

  it('refuses promo codes unknown, expired or used up, and food another cinema sells', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(3, 5)]);
    const tickets = [{ seatId: seat(3, 5), ticketTypeId: fx.ticketTypes.adult }];
    expect(code(await attempt(hold, { tickets, promoCode: 'NOPE' }))).toBe('BO_VALIDATION');
    expect(code(await attempt(hold, { tickets, promoCode: 'OLD' }))).toBe('BO_DISCOUNT_EXPIRED');
    expect(code(await attempt(hold, { tickets, promoCode: 'ONCE' }))).toBe('BO_DISCOUNT_EXHAUSTED');
    expect(
      code(
        await attempt(hold, { tickets, concessions: [{ itemId: otherCinemaItem, quantity: 1 }] }),
      ),
    ).toBe('BO_CONCESSION_UNAVAILABLE');
  });

  it('refuses amounts sent by the client: the server prices, and says so', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(3, 7)]);
    const tickets = [{ seatId: seat(3, 7), ticketTypeId: fx.ticketTypes.adult, priceMinor: 1 }];
    const res = await attempt(hold, { tickets, totalMinor: 1 });
    expect(res.statusCode).toBe(400);
    expect(code(res)).toBe('BO_VALIDATION');
  });

  it('needs an email for a guest, and an Idempotency-Key', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(3, 8)]);
    const tickets = [{ seatId: seat(3, 8), ticketTypeId: fx.ticketTypes.adult }];
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'hold-secret': hold.holdSecret ?? '', 'idempotency-key': randomUUID() },
      payload: { holdId: hold.holdId, tickets },
    });
    expect(code(res)).toBe('BO_VALIDATION');
    const noKey = await postMoney(
      app,
      '/api/v1/bookings',
      { holdId: hold.holdId, tickets, guest: { email: 'x@example.com' } },
      { holdSecret: hold.holdSecret ?? '' },
      '',
    );
    expect(noKey.statusCode, noKey.body).toBe(400);
  });
});
