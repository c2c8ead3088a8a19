// Printing at the counter (DESIGN §8): sales never wait for the printer, and no ticket is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleView, StationSeatMap } from '../../common/contract/station.js';
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
import { startVirtualPrinter, type VirtualPrinter } from '../printing/virtual-printer.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
let printer: VirtualPrinter;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-print-'));

async function station(): Promise<TestStation> {
  const st = await startTestStation(server.url, fx.station, {
    dataDir,
    printer,
    allocationPerCategory: 0,
  });
  await caughtUp(st);
  await until(
    () =>
      st.station.db.$client.prepare("SELECT 1 FROM sync_state WHERE key = 'station_cert'").get(),
    5000,
    'certificate',
  );
  await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  return st;
}

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 4, perRow: 10, startsInMinutes: 240 });
  printer = await startVirtualPrinter({ port: 0, outDir: null });
});
afterAll(async () => {
  await printer.close();
  await server.stop();
  await pool.end();
  rmSync(dataDir, { recursive: true, force: true });
});

const sell = (st: TestStation, seatId: string, tender: 'cash' | 'card') =>
  st.call<SaleView>('sales:create', {
    showId: fx.showId,
    lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult }],
    tenders:
      tender === 'cash'
        ? [{ tender: 'cash', amountMinor: 2000 }]
        : [{ tender: 'card', amountMinor: 1000, reference: 'AUTH-1' }],
  });

describe('counter printing', () => {
  it('keeps selling with the printer down, loses nothing across a restart, and prints each ticket once in order', async () => {
    let st = await station();
    await st.call('till:open', { float: { cash: 5000 } });
    await printer.setFault({ kind: 'offline' });
    const seats = fx.rows[0]?.slice(0, 5) ?? [];
    const sales: SaleView[] = [];
    for (const seatId of seats) sales.push(await sell(st, seatId, 'card'));
    expect(sales.map((s) => s.status)).toEqual(Array(5).fill('paid'));
    const before = printer.jobs().length;
    await st.stop();
    st = await station();
    await printer.setFault({ kind: 'none' });
    st.station.printQueue.retryNow();
    // Each sale is a ticket job then a receipt job: 10 jobs, in sale order.
    await until(
      () => printer.jobs().length - before >= 10,
      20_000,
      'printed after the printer came back',
    );
    await new Promise((r) => setTimeout(r, 500));
    const jobs = printer.jobs().slice(before);
    expect(jobs).toHaveLength(10);
    const ticketSeats = jobs
      .filter((j) => j.document.items.some((i) => i.kind === 'qr'))
      .map((j) => /Seat\s+(\d+)/.exec(j.text.replace(/(\S) (?=\S)/g, '$1'))?.[1]);
    expect(ticketSeats).toEqual(['1', '2', '3', '4', '5']);
    await st.stop();
  }, 60_000);

  it('kicks the drawer for cash only, and marks reprints', async () => {
    const st = await station();
    await st.call('till:open', { float: { cash: 5000 } }).catch(() => undefined);
    const map = await st.call<StationSeatMap>('seats:map', { showId: fx.showId });
    const free = map.seats.filter((s) => s.state === 'available').map((s) => s.id);
    const from = printer.jobs().length;
    const cash = await sell(st, free[0] ?? '', 'cash');
    expect(cash.changeDueMinor).toBe(1000);
    await until(() => printer.jobs().length >= from + 2, 10_000, 'cash sale printed');
    const card = await sell(st, free[1] ?? '', 'card');
    await until(() => printer.jobs().length >= from + 4, 10_000, 'card sale printed');
    const drawerKicks = (i: number) =>
      printer.jobs()[i]?.document.items.filter((x) => x.kind === 'drawer').length ?? 0;
    expect(drawerKicks(from) + drawerKicks(from + 1)).toBe(1);
    expect(drawerKicks(from + 2) + drawerKicks(from + 3)).toBe(0);
    await st.call('sales:reprint', { orderId: card.orderId });
    const reprint = await printer.nextJob(10_000);
    expect(reprint.text.replace(/(\S) (?=\S)/g, '$1')).toMatch(/REPRINT\s*1/);
    await st.stop();
  }, 60_000);
});
