// Issue 18, the managers' view of the doors: GET /admin/cinemas/{id}/door gives, for a cinema day,
// admitted of sold per show and the tickets two doors let in while the server was away (the one
// that came second, with the door and time of the first). Real door stations, real sync.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoorReport } from '../../common/api/door.js';
import { localDateOf } from '../../common/schedule.js';
import { startDoors, wait, type Doors } from '../../test/support/doors.js';
import type { TestServer, TestStation } from '../../test/support/stack.js';
import { openSession } from '../identity/sessions.js';

let d: Doors;
let server: TestServer;
let pool: pg.Pool;
let fx: Doors['fx'];
let one: TestStation;
let two: TestStation;
let day = '';

const scan = (st: TestStation, ticketId: string) => d.scan(st, d.codeOf(ticketId));
const sold = () => d.sold();
const admissions = async (ticketId: string) =>
  (await pool.query('SELECT 1 FROM admissions WHERE ticket_id = $1', [ticketId])).rowCount;

/** GET the door report as a member of staff of the fixture's cinema. */
async function report(role: 'manager' | 'cashier', query = `?date=${day}`) {
  const app = server.app();
  const s = await openSession(
    app.ctx.db.$client,
    {
      kind: 'staff',
      station: null,
      sub: fx.staff[role],
      role,
      cinemas: [fx.cinemaId],
    },
    await app.ctx.identity.settings('staff'),
    new Date(),
  );
  return app.inject({
    method: 'GET',
    url: `/api/v1/admin/cinemas/${fx.cinemaId}/door${query}`,
    headers: { authorization: `Bearer ${s.accessToken}` },
  });
}

beforeAll(async () => {
  d = await startDoors({ rows: 1, perRow: 8, startsInMinutes: 10 });
  ({ server, pool, fx, one, two } = d);
  const show = await pool.query<{ starts_at: Date; time_zone: string }>(
    'SELECT s.starts_at, c.time_zone FROM shows s JOIN cinemas c ON c.id = s.cinema_id WHERE s.id = $1',
    [fx.showId],
  );
  const row = show.rows[0];
  if (!row) throw new Error('no show');
  day = localDateOf(row.starts_at, row.time_zone);
}, 120_000);
afterAll(() => d.stop());

describe('the managers’ door report', () => {
  it('gives admitted of sold per show and the ticket two offline doors both let in', async () => {
    const inOnce = await sold();
    const twice = await sold();
    await sold(); // sold, never scanned
    expect(await scan(one, inOnce.ticketId)).toMatchObject({ result: 'admitted' });
    await wait(
      'the first admission arrived',
      async () => (await admissions(inOnce.ticketId)) === 1,
    );

    await server.stop();
    await wait('both doors offline', () =>
      [one, two].every((st) => st.station.engine.status().state !== 'online'),
    );
    expect(await scan(one, twice.ticketId)).toMatchObject({ result: 'admitted' });
    expect(await scan(two, twice.ticketId)).toMatchObject({ result: 'admitted' });
    await server.start();
    await wait('both admissions arrived', async () => (await admissions(twice.ticketId)) === 2);

    const res = await report('manager');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<DoorReport>();
    expect(r).toMatchObject({ cinemaId: fx.cinemaId, date: day });
    expect(r.shows.find((s) => s.showId === fx.showId)).toMatchObject({ sold: 3, admitted: 2 });
    expect(r.conflicts).toHaveLength(1);
    const c = r.conflicts[0];
    const seat = await pool.query<{ label: string }>('SELECT label FROM seats WHERE id = $1', [
      twice.seatId,
    ]);
    expect(c).toMatchObject({ ticketId: twice.ticketId, showId: fx.showId });
    expect(c?.seatLabel).toBe(seat.rows[0]?.label);
    expect(c?.filmTitle).toBeTruthy();
    // Which door reached the server first is the race; the two are the two doors, each at its time.
    expect([c?.first.door, c?.second.door].sort()).toEqual(['Door 1', 'Door 2']);
    const first = await pool.query<{ admitted_at: Date }>(
      'SELECT admitted_at FROM admissions WHERE ticket_id = $1 AND first_id IS NULL',
      [twice.ticketId],
    );
    expect(c?.first.admittedAt).toBe(first.rows[0]?.admitted_at.toISOString());
    expect(Date.parse(c?.second.receivedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(c?.second.admittedAt ?? ''),
    );
  });

  it('is empty on another day, and refuses cashiers and bad queries', async () => {
    const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const other = (await report('manager', `?date=${next}`)).json<DoorReport>();
    expect(other.shows.some((s) => s.showId === fx.showId)).toBe(false);
    expect(other.conflicts).toEqual([]);
    expect((await report('cashier')).statusCode).toBe(403);
    const bad = await report('manager', '?date=tomorrow');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('BO_VALIDATION');
    expect((await report('manager', `?date=${day}&door=1`)).statusCode).toBe(400);
  });
});
