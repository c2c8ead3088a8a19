// Two door stations of a fixture cinema on a real stack, for the door tests (issue 18): a sync
// server, the fixture's show, the server's ticket-signing key, and a way to sell a seat as a counter
// would (through door one's sync link) and to scan its signed code.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect } from 'vitest';
import type { DoorScan, DoorStatus } from '../../common/contract/station.js';
import { signTicketCode } from '../../common/ticket-code.js';
import { signingKey } from '../../sync-server/services/signing.js';
import { createShowFixture } from './show-fixture.js';
import {
  caughtUp,
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from './stack.js';

export type Doors = {
  server: TestServer & { dbUrl: string };
  pool: pg.Pool;
  fx: Awaited<ReturnType<typeof createShowFixture>>;
  key: Uint8Array;
  /** "Door 1", on the fixture's station, and "Door 2", on its other station. */
  one: TestStation;
  two: TestStation;
  /** Starts another door station; `now` stands its clock elsewhere. Stopped with the others. */
  door(who: { id: string; secret: string }, name: string, now?: () => number): Promise<TestStation>;
  /** Until the door is online, has the fixture's show in its replica and says it is ready. */
  ready(st: TestStation): Promise<void>;
  /** The code printed on a ticket, signed with the server's key. */
  codeOf(ticketId: string, showId?: string): string;
  scan(st: TestStation, code: string): Promise<DoorScan>;
  /** Sells the next seat of the fixture's first row, paid by card; its ticket and seat. */
  sold(): Promise<{ ticketId: string; seatId: string }>;
  /** Stops a door started with `door` before the others. */
  drop(st: TestStation): Promise<void>;
  stop(): Promise<void>;
};

/** Waits for `check`, polling; 20 s is far beyond what a healthy sync takes. */
export const wait = <T>(what: string, check: () => T | Promise<T>) => until(check, 20_000, what);

export async function startDoors(fixture: Parameters<typeof createShowFixture>[1]): Promise<Doors> {
  const server = await startTestServer();
  const pool = new pg.Pool({ connectionString: server.dbUrl, max: 2 });
  const fx = await createShowFixture(pool, fixture);
  const key = await signingKey(pool, '');
  const stations: TestStation[] = [];
  let nextSeat = 0;

  const door = async (who: { id: string; secret: string }, name: string, now?: () => number) => {
    const st = await startTestStation(server.url, who, {
      config: { mode: 'door', doorName: name },
      ...(now === undefined ? {} : { now }),
    });
    stations.push(st);
    return st;
  };
  const ready = async (st: TestStation) => {
    // The show in the replica, not in the door's list of today's shows: near midnight the show is
    // tomorrow's, and the tests must not depend on the hour.
    await caughtUp(st, { showId: fx.showId, timeoutMs: 20_000 });
    await wait(
      `${st.station.config.doorName} ready`,
      async () => (await st.call<DoorStatus>('door:status')).ready,
    );
  };
  const one = await door(fx.station, 'Door 1');
  const two = await door(fx.otherStation, 'Door 2');
  await Promise.all([ready(one), ready(two)]);

  return {
    server,
    pool,
    fx,
    key,
    one,
    two,
    door,
    ready,
    codeOf: (ticketId, showId = fx.showId) =>
      signTicketCode(
        { ticketId, showId, seatLabel: 'A1', issuedAt: Date.now() },
        { kind: 'server', secretKey: key },
      ),
    scan: (st, code) => st.call<DoorScan>('door:scan', { code }),
    async sold() {
      const ticketId = randomUUID();
      const seatId = fx.rows[0]?.[nextSeat++] ?? '';
      // A link that is reconnecting (a loaded machine misses a ping) answers BO_OFFLINE at once.
      await wait('door one online', () => one.station.engine.isOnline());
      const r = await one.station.engine.request('sell', {
        orderId: randomUUID(),
        showId: fx.showId,
        lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult, ticketId }],
        staffId: fx.staff.cashier,
        tenders: [{ tender: 'card', amountMinor: 1500, reference: 'T-1' }],
        expectedTotalMinor: 1500,
      });
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
      return { ticketId, seatId };
    },
    async drop(st) {
      await st.stop();
      stations.splice(stations.indexOf(st), 1);
    },
    async stop() {
      for (const st of stations) await st.stop();
      await pool.end();
      await server.stop();
    },
  };
}
