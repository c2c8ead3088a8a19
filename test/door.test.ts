// Issue 18 acceptance, door: two door stations of a cinema check tickets offline against their
// replicas. A valid ticket is let in once; a second scan says when and at which door, here and at
// the other door once the server has relayed it; voided, forged, foreign and early tickets are
// refused and recorded; two doors that admit the same ticket while the server is away both let it
// in, and once back the server keeps one admission and the other as a conflict, never lost.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoorStatus } from '../common/contract/station.js';
import { localDateOf, localDayRange } from '../common/schedule.js';
import { startDoors, wait, type Doors } from './support/doors.js';
import { startTestStation, type TestServer, type TestStation } from './support/stack.js';

let d: Doors;
let server: TestServer;
let pool: pg.Pool;
let fx: Doors['fx'];
let one: TestStation;
let two: TestStation;
const sold = async () => (await d.sold()).ticketId;
const scan = (st: TestStation, code: string) => d.scan(st, code);
const codeOf = (ticketId: string, showId?: string) => d.codeOf(ticketId, showId);
const admissions = async (ticketId: string) =>
  (
    await pool.query<{ door: string; first_id: string | null }>(
      'SELECT door, first_id FROM admissions WHERE ticket_id = $1 ORDER BY received_at',
      [ticketId],
    )
  ).rows;

beforeAll(async () => {
  // The show starts in 10 minutes: its doors are open (30 minutes before, by default).
  d = await startDoors({ rows: 2, perRow: 8, startsInMinutes: 10, shows: 2 });
  ({ server, pool, fx, one, two } = d);
}, 120_000);
afterAll(() => d.stop());

describe('a door', () => {
  it('lets a valid ticket in once; a second scan here or at the other door says when and where', async () => {
    const ticket = await sold();
    const first = await scan(one, codeOf(ticket));
    expect(first).toMatchObject({ result: 'admitted', ok: true });
    expect(first.ticket).toMatchObject({
      ticketId: ticket,
      seatLabel: 'A1',
    });
    expect(first.ticket?.filmTitle).toBeTruthy();
    const again = await scan(one, codeOf(ticket));
    expect(again).toMatchObject({ result: 'already-admitted', ok: false });
    expect(again.message).toMatch(/^Already admitted \d{2}:\d{2} at Door 1\.$/);
    await wait('the server has the admission', async () => (await admissions(ticket)).length === 1);
    expect(await admissions(ticket)).toEqual([{ door: 'Door 1', first_id: null }]);
    // The other door heard of it through the change log (read, not scanned: a scan there before
    // the news arrives would let the ticket in at that door).
    await wait('door two knows', () =>
      Promise.resolve(
        two.station.db.$client
          .prepare("SELECT 1 FROM admissions WHERE ticket_id = ? AND door = 'Door 1'")
          .get(ticket) !== undefined,
      ),
    );
    await scan(two, codeOf(ticket));
    const there = (await two.call<DoorStatus>('door:status')).recent[0];
    expect(there).toMatchObject({ result: 'already-admitted' });
    expect(there?.message).toMatch(/at Door 1\.$/);
    const status = await one.call<DoorStatus>('door:status');
    expect(status.shows.find((s) => s.showId === fx.showId)?.admitted).toBeGreaterThanOrEqual(1);
    expect(status.recent.slice(0, 2).map((r) => r.result)).toEqual([
      'already-admitted',
      'admitted',
    ]);
  });

  it('refuses voided, forged and foreign codes, and shows not open yet, recording each', async () => {
    const voided = await sold();
    const v = await one.station.engine.request('void', {
      ticketIds: [voided],
      reason: 'Sold twice by mistake',
      staffId: fx.staff.cashier,
    });
    expect(v).toMatchObject({ ok: true });
    await wait(
      'the void reached door two',
      async () => (await scan(two, codeOf(voided))).result === 'voided',
    );
    expect((await scan(two, codeOf(voided))).message).toMatch(/Voided/);

    const good = codeOf(randomUUID());
    const forged = `${good.slice(0, 20)}${good[20] === 'A' ? 'B' : 'A'}${good.slice(21)}`;
    expect(await scan(one, forged)).toMatchObject({ result: 'invalid', ok: false, ticket: null });
    expect(await scan(one, 'hello')).toMatchObject({ result: 'invalid' });
    expect(await scan(one, codeOf(randomUUID(), randomUUID()))).toMatchObject({
      result: 'another-cinema',
    });

    // A door whose clock stands two hours before the show: "show starts … — doors open …".
    const early = await d.door(fx.station, 'Early door', () => Date.now() - 2 * 3600_000);
    await d.ready(early);
    const e = await scan(early, codeOf(await sold()));
    expect(e).toMatchObject({ result: 'too-early', ok: false });
    expect(e.message).toMatch(/^Show starts .*\d{2}:\d{2} — doors open \d{2}:\d{2}\.$/);
    const refusals = (await one.call<DoorStatus>('door:status')).recent.map((r) => r.result);
    expect(refusals.slice(0, 3)).toEqual(['another-cinema', 'invalid', 'invalid']);
    await d.drop(early);
  });

  it('admits at two doors while the server is away; back online, one admission and one conflict', async () => {
    const ticket = await sold();
    await server.stop();
    await wait('both doors offline', () =>
      [one, two].every((st) => st.station.engine.status().state !== 'online'),
    );
    expect(await scan(one, codeOf(ticket))).toMatchObject({ result: 'admitted' });
    expect(await scan(two, codeOf(ticket))).toMatchObject({ result: 'admitted' });
    for (const st of [one, two])
      expect((await st.call<DoorStatus>('door:status')).pending).toBeGreaterThanOrEqual(1);
    await server.start();
    await wait(
      'both admissions reached the server',
      async () => (await admissions(ticket)).length === 2,
    );
    const rows = await admissions(ticket);
    expect(rows.filter((r) => r.first_id === null)).toHaveLength(1);
    expect(rows.filter((r) => r.first_id !== null)).toHaveLength(1);
    const logged = await pool.query(
      "SELECT details FROM audit_log WHERE action = 'ticket.admission_conflict' AND entity_id = $1",
      [ticket],
    );
    expect(logged.rows).toHaveLength(1);
    // The door that came second shows it; nothing waits any more.
    await wait('the conflict is shown at a door', async () => {
      const s = await Promise.all([one, two].map((st) => st.call<DoorStatus>('door:status')));
      return s.some((x) => x.conflicts === 1) && s.every((x) => x.pending === 0);
    });
  });

  it('is refused at a counter: only a door station lets people in', async () => {
    const counter = await startTestStation(server.url, null);
    try {
      await expect(counter.call('door:scan', { code: codeOf(randomUUID()) })).rejects.toMatchObject(
        { code: 'BO_FORBIDDEN' },
      );
    } finally {
      await counter.stop();
    }
    await expect(one.call('door:scan', { code: 42 })).rejects.toMatchObject({
      code: 'BO_VALIDATION',
    });
  });

  it('asks for no seats set aside: a door sells nothing', async () => {
    // The fixture's second show starts hours from now, well before any allocation cut-off: a
    // counter set up like this door gets seats of it set aside once caught up.
    await d.ready(one);
    await new Promise((r) => setTimeout(r, 1500));
    const r = await pool.query(
      "SELECT count(*)::int AS n FROM show_seats WHERE state = 'allocated' AND station_id = $1",
      [one.station.config.stationId],
    );
    expect(r.rows[0]).toEqual({ n: 0 });
  });

  it('lists a show whose doors are open though it starts after midnight', async () => {
    // The fixture's second show moved to ten minutes past tomorrow's midnight (clear of the first
    // show, whatever the hour), and a door whose clock stands ten minutes before that midnight: the
    // show is the next day's, and its doors are open.
    const zone = 'Europe/London'; // the fixture cinema's
    const day = (at: number) => localDayRange(localDateOf(new Date(at), zone), zone);
    const midnight = day(day(Date.now()).to.getTime()).to.getTime();
    const late = fx.showIds[1] ?? '';
    await pool.query(
      "UPDATE shows SET starts_at = $2, ends_at = $2::timestamptz + interval '2 hours' WHERE id = $1",
      [late, new Date(midnight + 10 * 60_000)],
    );
    const offset = midnight - 10 * 60_000 - Date.now();
    const night = await d.door(fx.station, 'Night door', () => Date.now() + offset);
    try {
      await d.ready(night);
      const shows = (await night.call<DoorStatus>('door:status')).shows.map((s) => s.showId);
      expect(shows).toContain(late);
    } finally {
      await d.drop(night);
    }
  });
});
