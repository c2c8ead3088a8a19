// A small real end state for the audit's tests, built through the product as the chaos run would:
// a counter with a till (two sales, one voided, one sold offline from escrow), two paid web
// bookings (one cancelled and refunded), a door admission, the till closed. The ledger is built
// from the answers, like the runner's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type {
  DoorScan,
  DoorStatus,
  SaleView,
  StationSeatMap,
  ZReport,
} from '../../common/contract/station.js';
import { signTicketCode } from '../../common/ticket-code.js';
import { signingKey } from '../../sync-server/services/signing.js';
import { startVirtualPrinter } from '../../src-main/printing/virtual-printer.js';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  postMoney,
  startPaying,
  type TestBooking,
} from '../support/bookings.js';
import { createShowFixture, FIXTURE_PINS } from '../support/show-fixture.js';
import {
  caughtUp,
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../support/stack.js';
import type { AuditStation, ChaosLedger } from './audit-types.js';

/** The end state: a stopped stack whose database, replicas and printer folders stay for the audit. */
export type AuditEndState = { dbUrl: string; stations: AuditStation[]; ledger: ChaosLedger };

const wait = <T>(what: string, check: () => T | Promise<T>) => until(check, 20_000, what);

/** A station whose printer writes `<n>.txt` per job into its own folder, as the runner's do. */
async function stationWithPaper(
  server: TestServer,
  who: { id: string; secret: string },
  name: string,
  opts: Parameters<typeof startTestStation>[2] = {},
): Promise<{ st: TestStation; audit: AuditStation; closePrinter: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-audit-station-'));
  const printerDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-audit-paper-'));
  const printer = await startVirtualPrinter({ port: 0, outDir: null });
  printer.onJob((job) => {
    writeFileSync(path.join(printerDir, `${String(job.id)}.txt`), job.text);
  });
  const st = await startTestStation(server.url, who, { ...opts, dataDir, printer });
  return {
    st,
    audit: { name, id: who.id, dataDir, printerDir },
    closePrinter: () => printer.close(),
  };
}

/** Builds the end state and stops every process; nothing holds the database open afterwards. */
export async function buildAuditEndState(): Promise<AuditEndState> {
  const server = await startTestServer();
  const pool = new pg.Pool({ connectionString: server.dbUrl, max: 2 });
  const fx = await createShowFixture(pool, { rows: 6, perRow: 10, startsInMinutes: 180 });
  const ledger: ChaosLedger = { sales: [], voids: [], bookings: [], refunds: [], admissions: [] };
  const counter = await stationWithPaper(server, fx.station, 'counter', {
    allocationPerCategory: 2,
  });
  // The door's clock stands 20 minutes before the show, inside its entry window.
  const door = await stationWithPaper(server, fx.otherStation, 'door', {
    config: { mode: 'door', doorName: 'Door 1' },
    // A door sells nothing: it takes no seats into escrow (it would race the counter for them).
    allocationPerCategory: 0,
    now: () => Date.now() + 160 * 60_000,
  });
  const c = counter.st;
  try {
    await wait('counter caught up with its escrow', async () => {
      const mine = await pool.query(
        "SELECT 1 FROM show_seats WHERE station_id = $1 AND state = 'allocated'",
        [fx.station.id],
      );
      return c.station.engine.status().state === 'online' && (mine.rowCount ?? 0) > 0;
    });
    await c.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
    await c.call('till:open', { float: { cash: 10_000 } });
    const sell = async (seatIds: string[], tender: 'cash' | 'card', amountMinor: number) => {
      const sale = await c.call<SaleView>('sales:create', {
        showId: fx.showId,
        lines: seatIds.map((seatId) => ({ seatId, ticketTypeId: fx.ticketTypes.adult })),
        tenders: [
          tender === 'cash' ? { tender, amountMinor } : { tender, amountMinor, reference: 'T-1' },
        ],
      });
      ledger.sales.push({
        station: 'counter',
        orderId: sale.orderId,
        offline: sale.offline,
        totalMinor: sale.totalMinor,
        ticketIds: sale.tickets.map((t) => t.ticketId),
      });
      return sale;
    };
    const row = (r: number) => fx.rows[r] ?? [];
    await sell([row(0)[0] ?? '', row(0)[1] ?? ''], 'cash', 5000);
    const voided = await sell([row(0)[2] ?? ''], 'card', 1000);
    await c.call('sales:void', { orderId: voided.orderId, reason: 'Wrong film' });
    ledger.voids.push({
      station: 'counter',
      orderId: voided.orderId,
      ticketIds: voided.tickets.map((t) => t.ticketId),
    });

    // Offline, the counter sells a seat set aside for it; back online, the sale is delivered.
    await server.stop();
    await wait('counter offline', () => !c.station.engine.isOnline());
    const map = await c.call<StationSeatMap>('seats:map', { showId: fx.showId });
    const mine = map.seats.find((s) => s.mine && s.state !== 'sold');
    const offline = await sell([mine?.id ?? ''], 'card', 1000);
    if (!offline.offline) throw new Error('the escrow sale was not made offline');
    await server.start();
    await wait('offline sale delivered', () => c.station.engine.status().pendingCount === 0);

    // Two web bookings paid on the test gateway; the second is cancelled and refunded.
    const app = server.app();
    const booked: TestBooking[] = [];
    for (const seat of [row(1)[0] ?? '', row(1)[1] ?? '']) {
      const hold = await holdSeats(app, fx.showId, [seat]);
      const b = await bookHold(app, hold, fx.ticketTypes.adult);
      const paid = await payWithCard(app, await startPaying(app, b), CARDS.ok);
      if (paid.status !== 'succeeded') throw new Error(`payment ${JSON.stringify(paid)}`);
      ledger.bookings.push({ bookingId: b.id, reference: b.reference, totalMinor: b.totalMinor });
      booked.push(b);
    }
    const refunded = booked[1];
    if (refunded === undefined) throw new Error('no second booking');
    const res = await postMoney(
      app,
      `/api/v1/bookings/${refunded.id}/cancel`,
      {},
      { bookingSecret: refunded.bookingSecret ?? '' },
    );
    if (res.statusCode >= 300) throw new Error(`cancel: ${res.body}`);
    const refunds = (
      await pool.query<{ id: string; amount_minor: number }>(
        'SELECT id::text, amount_minor FROM booking_refunds WHERE booking_id = $1',
        [refunded.id],
      )
    ).rows;
    for (const r of refunds)
      ledger.refunds.push({ bookingId: refunded.id, refundId: r.id, amountMinor: r.amount_minor });

    // The door lets the first counter ticket in.
    const d = door.st;
    // The show in its replica, not in its list of today's shows: near midnight the show (three
    // hours on) is tomorrow's, and the test must not depend on the hour.
    await caughtUp(d, { showId: fx.showId });
    await wait('door ready', async () => (await d.call<DoorStatus>('door:status')).ready);
    const ticketId = ledger.sales[0]?.ticketIds[0] ?? '';
    // A code the server signed for it, as a ticket picked up at the counter would carry.
    const code = signTicketCode(
      { ticketId, showId: fx.showId, seatLabel: 'A1', issuedAt: Date.now() },
      { kind: 'server', secretKey: await signingKey(pool, '') },
    );
    const scan = await d.call<DoorScan>('door:scan', { code });
    if (scan.result !== 'admitted') throw new Error(`door: ${scan.message}`);
    ledger.admissions.push({ station: 'door', ticketId });

    // The cashier counts exactly what the till took (a blind close: the X-report shows no expected).
    const x = await c.call<ZReport>('till:report', {});
    await c.call('till:close', {
      counted: Object.fromEntries(
        x.perTender.map((t) => [t.tender, t.float + t.sales - t.refunds - t.drops]),
      ),
    });
    await wait('everything settled', async () => {
      const q = await pool.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM tills WHERE closed_at IS NOT NULL)::int
              + (SELECT count(*) FROM admissions)::int
              + (SELECT count(*) FROM booking_refunds WHERE status = 'succeeded')::int AS n`,
      );
      const pending = [c, d].every((s) => s.station.engine.status().pendingCount === 0);
      const printing = c.station.db.$client
        .prepare("SELECT count(*) AS n FROM print_jobs WHERE status <> 'printed'")
        .get() as { n: number };
      return q.rows[0]?.n === 3 && pending && printing.n === 0;
    });
    // The stations have read their cinema's change log to its head (the audit checks it exactly).
    await wait('cursors at the head', async () => {
      const head = await pool.query<{ seq: string }>(
        `SELECT seq::text FROM change_log WHERE cinema_id = $1
           AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx_id DESC, seq DESC LIMIT 1`,
        [fx.cinemaId],
      );
      const cursorOf = (s: TestStation) =>
        Number(
          (
            s.station.db.$client
              .prepare("SELECT value FROM sync_state WHERE key = 'cursor'")
              .get() as { value: string } | undefined
          )?.value ?? '0',
        );
      return [c, d].every((s) => cursorOf(s) >= Number(head.rows[0]?.seq ?? '0'));
    });
  } finally {
    for (const s of [counter, door]) {
      await s.st.stop();
      await s.closePrinter();
    }
    await pool.end();
    await server.stop();
  }
  return { dbUrl: server.dbUrl, stations: [counter.audit, door.audit], ledger };
}
