// A small test language for online bookings: hold seats, book them, pay them, read them back, all
// through the public REST API as a buyer would.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type pg from 'pg';
import { buildApp, type App } from '../../sync-server/app.js';
import { loadServerConfig, type ServerConfig } from '../../sync-server/config.js';
import { openSession } from '../../sync-server/identity/sessions.js';
import { testOutbox } from './outbox.js';
import { freshPg } from './pg.js';
import { createShowFixture, type ShowFixture } from './show-fixture.js';

/** A hold as its answer gave it. */
export type TestHold = { holdId: string; seatIds: string[]; holdSecret?: string };

/** Headers of a buyer: a bearer token (signed in) and/or the secrets they were given. */
export type Buyer = { authorization?: string; holdSecret?: string; bookingSecret?: string };

/** The request headers a buyer sends. */
export function buyerHeaders(b: Buyer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(b.authorization === undefined ? {} : { authorization: b.authorization }),
    ...(b.holdSecret === undefined ? {} : { 'hold-secret': b.holdSecret }),
    ...(b.bookingSecret === undefined ? {} : { 'booking-secret': b.bookingSecret }),
    ...extra,
  };
}

/** Holds seats (explicit ids, or the best `count`); expects 201. */
export async function holdSeats(
  app: App,
  showId: string,
  seats: string[] | number,
  buyer: Buyer = {},
): Promise<TestHold> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/holds',
    headers: buyerHeaders(buyer),
    payload: typeof seats === 'number' ? { showId, count: seats } : { showId, seatIds: seats },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TestHold>();
}

/** POSTs with a fresh Idempotency-Key (or the one given). */
export function postMoney(
  app: App,
  url: string,
  payload: unknown,
  buyer: Buyer = {},
  key: string = randomUUID(),
) {
  return app.inject({
    method: 'POST',
    url,
    headers: buyerHeaders(buyer, { 'idempotency-key': key }),
    payload: payload as Record<string, unknown>,
  });
}

/** A booking as its answer gave it. */
export type TestBooking = {
  id: string;
  reference: string;
  status: string;
  totalMinor: number;
  currency: string;
  bookingSecret?: string;
  tickets: { ticketId: string; seatId: string; priceMinor: number; status: string }[];
};

/** Books every seat of a hold with one ticket type; expects 201. */
export async function bookHold(
  app: App,
  hold: TestHold,
  ticketTypeId: string,
  buyer: Buyer = {},
  extra: Record<string, unknown> = {},
): Promise<TestBooking> {
  const res = await postMoney(
    app,
    '/api/v1/bookings',
    {
      holdId: hold.holdId,
      tickets: hold.seatIds.map((seatId) => ({ seatId, ticketTypeId })),
      ...(buyer.authorization === undefined ? { guest: { email: 'guest@example.com' } } : {}),
      ...extra,
    },
    { ...buyer, holdSecret: hold.holdSecret ?? buyer.holdSecret },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TestBooking>();
}

/** A started payment as its answer gave it. */
export type TestPayment = {
  paymentId: string;
  status: string;
  next: { kind: 'redirect'; url: string } | { kind: 'client_secret'; clientSecret: string };
};

/** Starts paying a booking; expects 201. */
export async function startPaying(
  app: App,
  booking: TestBooking,
  buyer: Buyer = {},
): Promise<TestPayment> {
  const res = await postMoney(app, `/api/v1/bookings/${booking.id}/payments`, undefined, {
    ...buyer,
    bookingSecret: booking.bookingSecret ?? buyer.bookingSecret,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TestPayment>();
}

/** The test gateway's cards. */
export const CARDS = {
  ok: '4242424242424242',
  declined: '4000000000000002',
  delayed: '4000000000003220',
} as const;

/** Pays on the test gateway's page with a card, as its form would; returns the gateway's answer. */
export async function payWithCard(
  app: App,
  payment: TestPayment,
  card: string,
): Promise<{ statusCode: number; status?: string }> {
  if (payment.next.kind !== 'redirect') throw new Error('not a test gateway payment');
  const res = await app.inject({
    method: 'POST',
    url: new URL(payment.next.url).pathname,
    payload: { card },
  });
  return {
    statusCode: res.statusCode,
    ...(res.statusCode < 300 ? res.json<{ status: string }>() : {}),
  };
}

/** Reads a booking as its owner. */
export async function readBookingAs(app: App, booking: TestBooking, buyer: Buyer = {}) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/bookings/${booking.id}`,
    headers: buyerHeaders({
      ...buyer,
      bookingSecret: booking.bookingSecret ?? buyer.bookingSecret,
    }),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<
    TestBooking & {
      payments: { status: string }[];
      refunds: { status: string; amountMinor: number }[];
      paidMinor: number;
    }
  >();
}

/** A server for booking tests: its own database, a show fixture, web caps off, no timed sweeps. */
export type BookingHarness = {
  app: App;
  fx: ShowFixture & { showIds: string[] };
  /** Runs SQL on the harness's database; returns the rows. */
  rows<T extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** A seat of the fixture's layout by row and position. */
  seat(row: number, n: number): string;
  /** A Bearer token of a signed-in customer or of the fixture's manager. */
  bearer(who: { customer: string } | 'manager'): Promise<string>;
  /** Where this server's email and SMS files go (a fresh temporary folder each). */
  outbox: { mailDir: string; smsDir: string };
};

/**
 * Starts a booking test server. `setup` adds rows before the server starts (customers, food,
 * promo codes); `config` overrides server settings; `now` is its clock.
 */
export async function startBookingHarness(
  opts: {
    fixture?: Parameters<typeof createShowFixture>[1];
    config?: Partial<ServerConfig>;
    now?: () => Date;
    setup?: (pool: pg.Pool, fx: ShowFixture) => Promise<void>;
  } = {},
): Promise<BookingHarness> {
  const { url, db } = await freshPg();
  const fx = await createShowFixture(db.$client, {
    rows: 5,
    perRow: 10,
    startsInMinutes: 24 * 60,
    ...opts.fixture,
  });
  await opts.setup?.(db.$client, fx);
  await db.$client.end();
  const outbox = testOutbox();
  const app = await buildApp(
    loadServerConfig(
      {},
      {
        databaseUrl: url,
        logLevel: 'silent',
        // One test address makes every hold: client caps are off (see hold-limits.test.ts).
        holdsPerClientPerShow: 0,
        holdsPerClient: 0,
        heldSeatsPerClientPerShow: 0,
        holdWritesPerClientPerMinute: 0,
        // Tests sweep when they mean to.
        holdSweepMs: 3_600_000,
        ...outbox,
        ...opts.config,
      },
    ),
    opts.now === undefined ? {} : { now: opts.now },
  );
  return {
    app,
    fx,
    outbox,
    rows: async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
      (await app.ctx.db.$client.query<T>(text, values)).rows,
    seat: (row, n) => fx.rows[row]?.[n] ?? '',
    bearer: async (who) => {
      const pool = app.ctx.db.$client;
      const s =
        who === 'manager'
          ? await openSession(
              pool,
              {
                kind: 'staff',
                station: null,
                sub: fx.staff.manager,
                role: 'manager',
                cinemas: [fx.cinemaId],
              },
              await app.ctx.identity.settings('staff'),
              new Date(),
            )
          : await openSession(
              pool,
              { kind: 'customer', sub: who.customer },
              await app.ctx.identity.settings('customer'),
              new Date(),
            );
      return `Bearer ${s.accessToken}`;
    },
  };
}
