// Issue 18: a kiosk sells for card only, enforced by the station core through the contract (not by
// hiding buttons), and the server records its card sales with channel kiosk. Customers use it with
// nobody signed in once staff opened it; the card terminal answers before anything sells.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskPayResult, KioskStatus, SaleView } from '../../common/contract/station.js';
import {
  createShowFixture,
  FIXTURE_PINS,
  type ShowFixture,
} from '../../test/support/show-fixture.js';
import {
  caughtUp,
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../../test/support/stack.js';

let server: TestServer & { dbUrl: string };
let fx: ShowFixture;
let st: TestStation;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 4, perRow: 10, startsInMinutes: 180 });
  await pool.query("UPDATE stations SET kind = 'kiosk' WHERE id = $1", [fx.station.id]);
  st = await startTestStation(server.url, fx.station, {
    config: { kiosk: true, paymentTerminal: 'simulated', terminalDelayMs: 60_000 },
  });
  await caughtUp(st);
  // Closed, the kiosk serves nobody: a customer cannot even list the shows.
  expect((await st.call<KioskStatus>('kiosk:status')).outOfService?.reason).toBe('closed');
  await expect(st.call('catalog:shows')).rejects.toThrow(/BO_UNAUTHORIZED/);
  await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  await st.call('kiosk:open');
  // Opening signs the staff member out: what follows is a customer's session.
  expect(st.session.staff).toBeNull();
});
afterAll(async () => {
  await st.stop();
  await server.stop();
  await pool.end();
});

const local = () =>
  st.station.db.$client
    .prepare(
      "SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM print_jobs) AS prints, (SELECT count(*) FROM show_seats WHERE state = 'sold') AS sold",
    )
    .get();

describe('a kiosk station', () => {
  it.each([
    [[{ tender: 'cash', amountMinor: 5000 }]],
    [[{ tender: 'voucher', amountMinor: 1000, reference: 'GIFT-1' }]],
    [
      [
        { tender: 'card', amountMinor: 500, reference: 'AUTH-1' },
        { tender: 'cash', amountMinor: 500 },
      ],
    ],
  ])('refuses a sale paid with anything but card, changing nothing: %j', async (tenders) => {
    const seatId = fx.rows[0]?.[0] ?? '';
    const before = local();
    const pending = st.station.engine.status().pendingCount;
    // Even staff signed in at a kiosk cannot take cash: the kiosk's core refuses it.
    await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
    await expect(
      st.call('sales:create', {
        showId: fx.showId,
        lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult }],
        tenders,
      }),
    ).rejects.toThrow(/BO_KIOSK_CARD_ONLY/);
    await st.call('auth:signOut');
    expect(local()).toEqual(before);
    expect(st.station.engine.status().pendingCount).toBe(pending);
    const seat = await pool.query<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2',
      [fx.showId, seatId],
    );
    expect(seat.rows[0]?.state).not.toBe('sold');
  });

  it('sells for card, and the server records the sale with channel kiosk', async () => {
    const seatId = fx.rows[1]?.[0] ?? '';
    const quote = await st.call<{ totalMinor: number }>('sales:quote', {
      showId: fx.showId,
      lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult }],
    });
    await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
    const sale = await st.call<SaleView>('sales:create', {
      showId: fx.showId,
      lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult }],
      tenders: [{ tender: 'card', amountMinor: quote.totalMinor, reference: 'SIM-1' }],
    });
    await st.call('auth:signOut');
    expect(sale.offline).toBe(false);
    const order = await pool.query<{ channel: string }>(
      'SELECT channel FROM orders WHERE id = $1',
      [sale.orderId],
    );
    expect(order.rows[0]?.channel).toBe('kiosk');
  });

  it('lets a customer hold, be declined (seats stay held), then pay: the terminal comes first', async () => {
    const seatIds = [fx.rows[2]?.[0] ?? '', fx.rows[2]?.[1] ?? ''];
    const hold = await st.call<{ holdId: string }>('seats:hold', { showId: fx.showId, seatIds });
    const basket = {
      showId: fx.showId,
      holdId: hold.holdId,
      lines: seatIds.map((seatId) => ({ seatId, ticketTypeId: fx.ticketTypes.adult })),
    };
    const orders = async () =>
      Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM orders')).rows[0]?.n);
    const before = await orders();
    // The customer is at the terminal: the status says so, so the screen's idle timer pauses.
    const declined = st.call<KioskPayResult>('kiosk:pay', basket);
    await until(
      () => st.station.simulatedTerminal?.state() === 'waiting-for-card',
      5000,
      'terminal waiting',
    );
    expect((await st.call<KioskStatus>('kiosk:status')).terminal.state).toBe('waiting-for-card');
    await expect(st.call('kiosk:pay', basket)).rejects.toThrow(/BO_CONFLICT/);
    await st.call('kiosk:terminal', { answer: 'decline' });
    expect((await declined).outcome).toBe('declined');
    expect(await orders()).toBe(before);
    const held = await pool.query<{ state: string }>(
      'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2)',
      [fx.showId, seatIds],
    );
    expect(held.rows.map((r) => r.state)).toEqual(['held', 'held']);

    const paid = st.call<KioskPayResult>('kiosk:pay', basket);
    await until(() => st.station.simulatedTerminal?.state() === 'waiting-for-card', 5000, 'wait');
    await st.call('kiosk:terminal', { answer: 'approve' });
    const r = await paid;
    if (r.outcome !== 'approved') throw new Error(`not approved: ${JSON.stringify(r)}`);
    const order = await pool.query<{ channel: string }>(
      'SELECT channel FROM orders WHERE id = $1',
      [r.sale.orderId],
    );
    expect(order.rows[0]?.channel).toBe('kiosk');
    const payment = await pool.query<{ tender: string; reference: string | null }>(
      'SELECT tender, reference FROM payments WHERE order_id = $1',
      [r.sale.orderId],
    );
    expect(payment.rows).toEqual([{ tender: 'card', reference: r.reference }]);
    // Sold, the hold is no longer the customer's to release.
    expect((await st.call<{ released: number }>('kiosk:reset')).released).toBe(0);
  });

  it('a cancelled payment sells nothing; a reset releases the customer’s holds on the server', async () => {
    const seatIds = [fx.rows[3]?.[0] ?? ''];
    const hold = await st.call<{ holdId: string }>('seats:hold', { showId: fx.showId, seatIds });
    const paying = st.call<KioskPayResult>('kiosk:pay', {
      showId: fx.showId,
      holdId: hold.holdId,
      lines: [{ seatId: seatIds[0], ticketTypeId: fx.ticketTypes.child }],
    });
    await until(() => st.station.simulatedTerminal?.state() === 'waiting-for-card', 5000, 'wait');
    expect(await st.call('kiosk:cancelPayment')).toEqual({ cancelled: true });
    expect((await paying).outcome).toBe('cancelled');
    expect((await st.call<{ released: number }>('kiosk:reset')).released).toBe(1);
    await until(
      async () =>
        (
          await pool.query<{ state: string }>(
            'SELECT state FROM show_seats WHERE show_id = $1 AND seat_id = $2',
            [fx.showId, seatIds[0]],
          )
        ).rows[0]?.state === 'available',
      5000,
      'released on the server',
    );
  });

  it('is out of service while the printer is down, and says so for staff', async () => {
    await st.printer.setFault({ kind: 'offline' });
    try {
      await until(
        async () => (await st.call<KioskStatus>('kiosk:status')).outOfService?.reason === 'printer',
        10_000,
        'printer down',
      );
      await expect(
        st.call('kiosk:pay', {
          showId: fx.showId,
          lines: [{ seatId: fx.rows[3]?.[5] ?? '', ticketTypeId: fx.ticketTypes.adult }],
        }),
      ).rejects.toThrow(/BO_UNAVAILABLE/);
      expect(st.station.simulatedTerminal?.state()).toBe('idle');
    } finally {
      await st.printer.setFault({ kind: 'none' });
    }
    await until(
      async () => (await st.call<KioskStatus>('kiosk:status')).outOfService === null,
      10_000,
      'printer back',
    );
  });

  it('staff close the kiosk: its card till closes with nothing to count, customers are shut out', async () => {
    await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
    const report = await st.call<{
      closedAt: string | null;
      perTender: { tender: string; sales: number; difference: number | null }[];
    }>('kiosk:close');
    await st.call('auth:signOut');
    expect(report.closedAt).not.toBeNull();
    const card = report.perTender.find((p) => p.tender === 'card');
    expect(card?.sales).toBeGreaterThan(0);
    expect(report.perTender.every((p) => (p.difference ?? 0) === 0)).toBe(true);
    expect((await st.call<KioskStatus>('kiosk:status')).outOfService?.reason).toBe('closed');
    await expect(st.call('catalog:shows')).rejects.toThrow(/BO_UNAUTHORIZED/);
    await expect(
      st.call('kiosk:pay', {
        showId: fx.showId,
        lines: [{ seatId: fx.rows[3]?.[6] ?? '', ticketTypeId: fx.ticketTypes.adult }],
      }),
    ).rejects.toThrow(/BO_UNAUTHORIZED/);
  });

  it('offline with no seats set aside for it, a kiosk is out of service until the server is back', async () => {
    const bare = await startTestStation(server.url, fx.otherStation, {
      allocationPerCategory: 0,
      config: { kiosk: true, paymentTerminal: 'simulated' },
    });
    try {
      await until(
        async () =>
          (await bare.call<KioskStatus>('kiosk:status')).outOfService?.reason === 'closed',
        10_000,
        'caught up, closed',
      );
      await bare.call('auth:signIn', { staffId: fx.staff.cashier2, pin: FIXTURE_PINS.cashier2 });
      await bare.call('kiosk:open');
      expect((await bare.call<KioskStatus>('kiosk:status')).outOfService).toBeNull();
      await server.stop();
      await until(
        async () =>
          (await bare.call<KioskStatus>('kiosk:status')).outOfService?.reason === 'offline',
        10_000,
        'offline, nothing to sell',
      );
    } finally {
      await server.start();
      await bare.stop();
    }
    await until(() => st.station.engine.status().state === 'online', 10_000, 'back online');
  });

  it('kiosk channels are refused at a counter', async () => {
    const counter = await startTestStation(server.url, fx.otherStation);
    try {
      await expect(counter.call('kiosk:status')).rejects.toThrow(/BO_FORBIDDEN/);
      await expect(counter.call('catalog:shows')).rejects.toThrow(/BO_UNAUTHORIZED/);
    } finally {
      await counter.stop();
    }
  });
});
