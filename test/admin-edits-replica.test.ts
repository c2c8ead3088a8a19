// Issue 15: a manager's edits reach an open station without a restart: the cinema's address and
// tax ids (printed from the replica at each print), a film's poster on the show list, and a layout's
// pillars and restricted-view seats on the seat map; the window is told to redraw.
// Real server, PostgreSQL and SQLite.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowListItem, StationSeatMap } from '../common/contract/station.js';
import { localDateOf } from '../common/schedule.js';
import { startAdminStack, type AdminStack } from './support/admin-stack.js';
import type { ShowFixture } from './support/show-fixture.js';
import { until, type TestStation } from './support/stack.js';

let stack: AdminStack;
let pool: pg.Pool;
let fx: ShowFixture;
let st: TestStation;
const events: { name: string; payload: unknown }[] = [];

beforeAll(async () => {
  stack = await startAdminStack({ rows: 2, perRow: 6, startsInMinutes: 180 });
  ({ pool, fx, st } = stack);
  st.station.onAny((name, payload) => events.push({ name, payload }));
});
afterAll(async () => {
  await stack.stop();
});

const api = (method: string, path: string, body: unknown) => stack.api(method, path, body);

describe('admin edits at an open station', () => {
  it('prints the cinema’s new address and tax id on the next receipt, and says the catalog changed', async () => {
    const res = await api('PATCH', `/admin/cinemas/${fx.cinemaId}`, {
      address: '12 Reel Road, Leeds',
      taxIds: ['VAT GB 999 8888 77'],
    });
    expect(res.status).toBe(200);
    await until(
      () =>
        (st.station.db.$client.prepare('SELECT address FROM cinemas').get() as { address: string })
          .address === '12 Reel Road, Leeds',
      10_000,
      'address in the replica',
    );
    const status = await st.call<{ cinema: { address: string; taxIds: string[] } }>(
      'station:status',
      {},
    );
    expect(status.cinema).toMatchObject({
      address: '12 Reel Road, Leeds',
      taxIds: ['VAT GB 999 8888 77'],
    });
    await until(() => events.some((e) => e.name === 'catalog:changed'), 10_000, 'catalog event');
  });

  it('shows a film’s new poster in the show list', async () => {
    const movie = await pool.query<{ movie_id: string; starts_at: Date }>(
      'SELECT movie_id, starts_at FROM shows WHERE id = $1',
      [fx.showId],
    );
    const row = movie.rows[0];
    if (!row) throw new Error('show');
    await pool.query(
      "UPDATE movies SET poster_url = '/api/v1/media/00000000-0000-4000-8000-000000000001' WHERE id = $1",
      [row.movie_id],
    );
    // The real edit goes through PUT /admin/films/{id}/poster; here the film's row is re-sent as it would be.
    const film = await stack.api('GET', `/admin/films/${row.movie_id}`);
    const body = (await film.json()) as Record<string, unknown>;
    const put = await api('PUT', `/admin/films/${row.movie_id}`, {
      title: body['title'],
      synopsis: body['synopsis'],
      genres: body['genres'],
      languages: body['languages'],
      certification: body['certification'],
      cast: body['cast'],
      durationMinutes: body['durationMinutes'],
      ratingTenths: body['ratingTenths'],
      releaseDate: body['releaseDate'],
      closeDate: body['closeDate'],
    });
    expect(put.status).toBe(200);
    const date = localDateOf(row.starts_at, 'Europe/London');
    await until(
      async () =>
        (await st.call<ShowListItem[]>('catalog:shows', { date })).some(
          (s) => s.posterUrl === '/api/v1/media/00000000-0000-4000-8000-000000000001',
        ),
      10_000,
      'poster in the show list',
    );
  });

  it('carries the layout’s pillars and restricted-view seats to the seat map', async () => {
    // As a layout saved by the editor arrives in the replica (seat_layouts.blocks, seats.restricted_view).
    const c = st.station.db.$client;
    c.prepare('UPDATE seat_layouts SET blocks = ? WHERE id = ?').run(
      JSON.stringify([{ kind: 'pillar', x: 5, y: 5 }]),
      fx.layoutId,
    );
    c.prepare('UPDATE seats SET restricted_view = 1 WHERE id = ?').run(fx.seatIds[0]);
    const map = await st.call<StationSeatMap>('seats:map', { showId: fx.showId });
    expect(map.blocks).toEqual([{ kind: 'pillar', x: 5, y: 5 }]);
    expect(map.seats.filter((s) => s.restrictedView).map((s) => s.id)).toEqual([fx.seatIds[0]]);
  });
});
