// Issue 16: a week planned in the admin view reaches an open station only when it is published,
// priced by the card the manager chose, with the house seats blocked, while the web stops at its
// quota. Real server, PostgreSQL and SQLite.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowsCreated } from '../common/api/admin-schedule.js';
import type { SaleQuote, ShowListItem, StationSeatMap } from '../common/contract/station.js';
import { addDays, localDateOf, zonedInstant } from '../common/schedule.js';
import { startAdminStack, type AdminStack } from './support/admin-stack.js';
import type { ShowFixture } from './support/show-fixture.js';
import { until, type TestStation } from './support/stack.js';

let stack: AdminStack;
let pool: pg.Pool;
let fx: ShowFixture;
let st: TestStation;
let screenId = '';
let filmId = '';
let formatCode = '';
const TZ = 'Europe/London';

beforeAll(async () => {
  stack = await startAdminStack({ rows: 2, perRow: 5, startsInMinutes: 180 });
  ({ pool, fx, st } = stack);
  const r = await pool.query<{ screen_id: string; movie_id: string; code: string }>(
    'SELECT s.screen_id, s.movie_id, f.code FROM shows s JOIN formats f ON f.id = s.format_id WHERE s.id = $1',
    [fx.showId],
  );
  ({
    screen_id: screenId,
    movie_id: filmId,
    code: formatCode,
  } = r.rows[0] ?? {
    screen_id: '',
    movie_id: '',
    code: '',
  });
  await pool.query(
    'INSERT INTO screen_formats (screen_id, format_id) SELECT $1, id FROM formats WHERE code = $2',
    [screenId, formatCode],
  );
  await pool.query(
    `INSERT INTO price_cards (id, cinema_id, name, currency, weekdays, from_minute, to_minute, prices)
     VALUES ($1, $2, 'Every day', 'GBP', '[1,2,3,4,5,6,7]', 0, 1440, '{"STD": 1100, "PRM": 1600}')`,
    [randomUUID(), fx.cinemaId],
  );
});
afterAll(async () => {
  await stack.stop();
});

const api = (method: string, path: string, body?: unknown) => stack.api(method, path, body);
const replicaHas = (showId: string) =>
  st.station.db.$client.prepare('SELECT 1 FROM shows WHERE id = ?').get(showId) !== undefined;

describe('a planned show at an open station', () => {
  it('appears when published, at its card’s price, with house seats blocked; the web stops at its quota', async () => {
    const date = addDays(localDateOf(new Date(), TZ), 2);
    const made = await api('POST', `/admin/cinemas/${fx.cinemaId}/shows`, {
      filmId,
      formatCode,
      language: 'en',
      slots: [{ screenId, startsAt: zonedInstant(date, '14:00', TZ).toISOString() }],
    });
    expect(made.status).toBe(201);
    const show = ((await made.json()) as ShowsCreated).shows[0];
    if (!show) throw new Error('no show');
    // A draft stays on the server: give the station time to hear of anything, then look.
    await api('PATCH', `/admin/cinemas/${fx.cinemaId}`, { address: '3 Plan Street' });
    await until(
      () =>
        (st.station.db.$client.prepare('SELECT address FROM cinemas').get() as { address: string })
          .address === '3 Plan Street',
      10_000,
      'a later change',
    );
    expect(replicaHas(show.id)).toBe(false);

    const pub = await api('POST', `/admin/cinemas/${fx.cinemaId}/shows/publish`, {
      showIds: [show.id],
    });
    expect(pub.status).toBe(200);
    await until(() => replicaHas(show.id), 10_000, 'published show in the replica');
    const list = await st.call<ShowListItem[]>('catalog:shows', { date });
    expect(list.map((s) => s.id)).toContain(show.id);

    const house = fx.seatIds.slice(0, 2);
    const blocked = await api('POST', `/admin/shows/${show.id}/seats/block`, {
      seatIds: house,
      reason: 'Director’s guests',
    });
    expect(blocked.status).toBe(200);
    const quota = await api('PATCH', `/admin/shows/${show.id}`, { webQuota: 6 });
    expect(quota.status).toBe(200);

    await until(
      async () => {
        const map = await st.call<StationSeatMap>('seats:map', { showId: show.id });
        return map.seats.filter((s) => s.state === 'blocked').length === 2;
      },
      10_000,
      'house seats at the station',
    );
    const seat = fx.seatIds[5] ?? '';
    const quote = await st.call<SaleQuote>('sales:quote', {
      showId: show.id,
      lines: [{ seatId: seat, ticketTypeId: fx.ticketTypes.adult }],
    });
    // The card's premium price (the fixture's two rows are premium; its own show has 1500), VAT included.
    expect(quote.totalMinor).toBe(1600);

    const hold = (count: number) =>
      fetch(`${stack.server.url}/api/v1/holds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ showId: show.id, count }),
      });
    expect((await hold(3)).status).toBe(201);
    expect((await hold(3)).status).toBe(201);
    const over = await hold(1);
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe(
      'BO_CHANNEL_QUOTA',
    );
  });
});
