// A ticket voided or refunded at one counter is revoked at every station of the cinema: live through
// the change log, and by snapshot for a station that catches up from empty (real server and PostgreSQL).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../../test/support/show-fixture.js';
import {
  one,
  openTestStation,
  startTestServer,
  testEngine,
  waitFor,
  type TestServer,
  type TestStation,
} from './test-kit.js';
import type { SyncEngine } from './types.js';

let server: TestServer;
let fx: ShowFixture;
const replicas: TestStation[] = [];
const engines: SyncEngine[] = [];

async function startStation(who: { id: string; secret: string }) {
  const st = await openTestStation();
  const { engine } = testEngine(st.db, server.url, who);
  replicas.push(st);
  engines.push(engine);
  engine.start();
  // The fixture writes no change log, so a caught-up replica shows by the snapshot's rows.
  await waitFor(
    'online and caught up',
    () => engine.isOnline() && one(st.db, 'SELECT 1 AS y FROM shows WHERE id = ?', fx.showId),
  );
  return { st, engine };
}
const revoked = (st: TestStation, ticketId: string) =>
  one(st.db, 'SELECT show_id, status FROM revoked_tickets WHERE ticket_id = ?', ticketId);

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 4, perRow: 6 });
  await db.$client.end();
  server = await startTestServer(url);
});
afterAll(async () => {
  for (const e of engines) await e.stop();
  for (const st of replicas) st.remove();
  await server.dispose();
});

describe('ticket revocations', () => {
  it('reach a second station live, and a station that catches up by snapshot', async () => {
    const seller = await startStation(fx.station);
    const other = await startStation(fx.otherStation);
    const tickets = [randomUUID(), randomUUID()];
    const sold = await seller.engine.request('sell', {
      orderId: randomUUID(),
      showId: fx.showId,
      lines: tickets.map((ticketId, i) => ({
        seatId: fx.rows[0]?.[i] ?? '',
        ticketTypeId: fx.ticketTypes.adult,
        ticketId,
      })),
      staffId: fx.staff.cashier,
      tenders: [{ tender: 'card', amountMinor: 2000, reference: 'T-7' }],
      expectedTotalMinor: 2000,
    });
    expect(sold).toMatchObject({ ok: true });
    const refunded = await seller.engine.request('void', {
      ticketIds: [tickets[0]],
      reason: 'Wrong show sold',
      refund: true,
      staffId: fx.staff.cashier,
      approvedBy: fx.staff.manager,
    });
    expect(refunded).toMatchObject({ ok: true });

    const live = await waitFor('revocation at the other station', () =>
      revoked(other.st, tickets[0] ?? ''),
    );
    expect(live).toEqual({ show_id: fx.showId, status: 'refunded' });
    expect(revoked(other.st, tickets[1] ?? '')).toBeUndefined();
    expect(one(other.st.db, 'SELECT status FROM tickets WHERE id = ?', tickets[0])?.status).toBe(
      'refunded',
    );

    // A new replica for the same counter catches up from empty, revocation included: by snapshot,
    // or by the changes after a snapshot another station of the cinema was just given.
    await other.engine.stop();
    const fresh = await startStation(fx.otherStation);
    await expect
      .poll(() => revoked(fresh.st, tickets[0] ?? ''), { timeout: 10_000 })
      .toEqual({ show_id: fx.showId, status: 'refunded' });
    expect(revoked(fresh.st, tickets[1] ?? '')).toBeUndefined();
  });
});
