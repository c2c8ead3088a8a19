// Pick-up of web bookings (issue 18): a real sync server, a counter and a kiosk of the same cinema.
// Web bookings are paid through the test gateway and reach both replicas; each is found by its
// reference (as a customer says it) or its ticket QR, printed once with the server-signed codes, and
// the collection reaches the server and the other station. A second print is refused at the kiosk
// and is a manager-approved REPRINT at the counter; an offline collection syncs on reconnect.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PickupBooking, PickupCollected } from '../common/contract/station.js';
import type { TicketPrintData } from '../src-main/printing/print-data.js';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  postMoney,
  startPaying,
  type TestBooking,
} from './support/bookings.js';
import { createShowFixture, FIXTURE_PINS, type ShowFixture } from './support/show-fixture.js';
import {
  caughtUp,
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from './support/stack.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
let counter: TestStation;
let kiosk: TestStation;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 4, perRow: 10, startsInMinutes: 240 });
  counter = await startTestStation(server.url, fx.station, { allocationPerCategory: 0 });
  kiosk = await startTestStation(server.url, fx.otherStation, {
    allocationPerCategory: 0,
    kiosk: true,
  });
  await caughtUp(counter, { showId: fx.showId });
  await caughtUp(kiosk, { showId: fx.showId });
  await counter.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  // Staff open the kiosk for customers; its session is then nobody's.
  await kiosk.call('auth:signIn', { staffId: fx.staff.cashier2, pin: FIXTURE_PINS.cashier2 });
  await kiosk.call('kiosk:open');
}, 60_000);
afterAll(async () => {
  await counter.stop();
  await kiosk.stop();
  await server.stop();
  await pool.end();
});

/** A paid web booking of the given seats, once both stations' replicas hold it with its codes. */
async function webBooking(seats: string[]): Promise<TestBooking> {
  const app = server.app();
  const b = await bookHold(app, await holdSeats(app, fx.showId, seats), fx.ticketTypes.adult);
  expect((await payWithCard(app, await startPaying(app, b), CARDS.ok)).status).toBe('succeeded');
  for (const st of [counter, kiosk])
    await until(
      () =>
        st.station.db.$client
          .prepare(
            "SELECT 1 FROM tickets WHERE order_id = ? AND code IS NOT NULL AND status = 'valid'",
          )
          .get(b.id) !== undefined,
      10_000,
      'booking in the replica',
    );
  return b;
}

const codeOf = (st: TestStation, orderId: string) =>
  (
    st.station.db.$client
      .prepare('SELECT code FROM tickets WHERE order_id = ? ORDER BY rowid LIMIT 1')
      .get(orderId) as { code: string }
  ).code;

const job = (st: TestStation, id: string) => {
  const j = st.station.printQueue.job(id);
  if (!j) throw new Error(`no print job ${id}`);
  return j;
};

const serverCollection = async (orderId: string) =>
  (
    await pool.query<{ station_id: string; staff_id: string | null; kiosk: boolean }>(
      'SELECT station_id, staff_id, kiosk FROM booking_collections WHERE order_id = $1',
      [orderId],
    )
  ).rows[0];

const refused = (p: Promise<unknown>, code: string) => expect(p).rejects.toMatchObject({ code });

describe('booking pick-up at the counter and the kiosk', () => {
  it('counter: found by a spoken reference, printed once with the signed codes, known to the server and the kiosk', async () => {
    const b = await webBooking([fx.rows[0]?.[0] ?? '', fx.rows[0]?.[1] ?? '']);
    // Typed the way a customer reads it out: lower case, in groups.
    const typed = `${b.reference.slice(0, 3).toLowerCase()} ${b.reference.slice(3).toLowerCase()} `;
    const found = await counter.call<PickupBooking>('pickup:find', { query: typed });
    expect(found).toMatchObject({
      orderId: b.id,
      reference: b.reference,
      paid: true,
      collected: null,
    });
    expect(found.seats.map((s) => s.label)).toEqual(['A1', 'A2']);

    const done = await counter.call<PickupCollected>('pickup:collect', { orderId: b.id });
    expect(done.offline).toBe(false);
    expect(done.booking.collected).toMatchObject({ here: true, kiosk: false });
    const printed = job(counter, done.jobIds[0] ?? '').payload as TicketPrintData[];
    expect(printed.map((t) => t.ticketCode)).toContain(codeOf(counter, b.id));
    expect(printed.every((t) => t.saleNumber === b.reference)).toBe(true);

    await until(async () => (await serverCollection(b.id)) !== undefined, 5000, 'server');
    expect(await serverCollection(b.id)).toMatchObject({
      station_id: fx.station.id,
      staff_id: fx.staff.cashier,
      kiosk: false,
    });
    // The kiosk heard of it through the change log: it refuses to print the tickets again.
    await until(
      async () =>
        (await kiosk.call<PickupBooking>('pickup:find', { query: b.reference })).collected !== null,
      5000,
      'kiosk told',
    );
    await refused(kiosk.call('pickup:collect', { orderId: b.id }), 'BO_ALREADY_COLLECTED');

    // At the counter, a second print is a reprint a manager approves.
    await refused(counter.call('pickup:collect', { orderId: b.id }), 'BO_ALREADY_COLLECTED');
    await refused(
      counter.call('pickup:reprint', { orderId: b.id, managerPin: '99999999' }),
      'BO_UNAUTHORIZED',
    );
    const again = await counter.call<{ jobIds: string[] }>('pickup:reprint', {
      orderId: b.id,
      managerPin: FIXTURE_PINS.manager,
    });
    expect(job(counter, again.jobIds[0] ?? '').reprint).toBe(1);
  });

  it('kiosk: found by the email QR with nobody signed in, printed once; a second print refused', async () => {
    const b = await webBooking([fx.rows[1]?.[0] ?? '']);
    const found = await kiosk.call<PickupBooking>('pickup:find', { query: codeOf(kiosk, b.id) });
    expect(found.orderId).toBe(b.id);
    const done = await kiosk.call<PickupCollected>('pickup:collect', { orderId: b.id });
    expect(done.booking.collected).toMatchObject({ here: true, kiosk: true });
    await refused(kiosk.call('pickup:collect', { orderId: b.id }), 'BO_ALREADY_COLLECTED');
    // A reprint is a staff channel: a customer at the kiosk cannot reach it.
    await refused(
      kiosk.call('pickup:reprint', { orderId: b.id, managerPin: FIXTURE_PINS.manager }),
      'BO_UNAUTHORIZED',
    );
    await until(async () => (await serverCollection(b.id))?.kiosk === true, 5000, 'server');
  });

  it('refuses unknown and cancelled bookings and changes nothing; a counter needs a cashier', async () => {
    await refused(counter.call('pickup:find', { query: 'ZZZZZZZ' }), 'BO_BOOKING_NOT_FOUND');
    const b = await webBooking([fx.rows[2]?.[0] ?? '']);
    const res = await postMoney(
      server.app(),
      `/api/v1/bookings/${b.id}/cancel`,
      {},
      { bookingSecret: b.bookingSecret ?? '' },
    );
    expect(res.statusCode, res.body).toBe(200);
    await until(
      () =>
        (
          counter.station.db.$client
            .prepare('SELECT status FROM orders WHERE id = ?')
            .get(b.id) as {
            status: string;
          }
        ).status === 'refunded',
      5000,
      'refund in the replica',
    );
    await refused(counter.call('pickup:find', { query: b.reference }), 'BO_BOOKING_STATE');
    await refused(counter.call('pickup:collect', { orderId: b.id }), 'BO_BOOKING_STATE');
    expect(
      counter.station.db.$client
        .prepare('SELECT 1 FROM order_collections WHERE order_id = ?')
        .get(b.id),
    ).toBeUndefined();

    await counter.call('auth:signOut');
    await refused(counter.call('pickup:find', { query: b.reference }), 'BO_UNAUTHORIZED');
    await counter.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  });

  it('offline: collected from the replica, synced to the server on reconnect', async () => {
    const b = await webBooking([fx.rows[3]?.[0] ?? '']);
    await server.stop();
    await until(() => !counter.station.engine.isOnline(), 5000, 'offline');
    const done = await counter.call<PickupCollected>('pickup:collect', {
      orderId: (await counter.call<PickupBooking>('pickup:find', { query: b.reference })).orderId,
    });
    expect(done.offline).toBe(true);
    expect(done.jobIds).toHaveLength(1);
    await server.start();
    await until(async () => (await serverCollection(b.id)) !== undefined, 15_000, 'synced');
  });
});
