// Issue 15: managers create and edit the chain's films and posters; every edit is audited and
// reaches every cinema's stations through the change log; bad input names its field and changes
// nothing. Real PostgreSQL.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilmList, FilmView } from '../../common/api/admin-films.js';
import { startAdminHarness, type AdminHarness } from '../../test/support/admin.js';
import { filmStatusOn } from './films.js';

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h.close();
});

const film = {
  title: 'The Long Reel',
  synopsis: 'A projectionist keeps the last film alive.',
  genres: ['Drama'],
  languages: ['en'],
  certification: '12A',
  cast: ['A. Actor', 'B. Actor'],
  durationMinutes: 118,
  ratingTenths: 81,
  releaseDate: '2020-01-10',
  closeDate: null,
};
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(name: string, file: Buffer, type: string) {
  const boundary = '----marquee-test';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="poster"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(id: string, name: string, file: Buffer, type = 'image/png') {
  const m = multipart(name, file, type);
  return h.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/films/${id}/poster`,
    headers: { authorization: await h.token('manager'), 'content-type': m.type },
    payload: m.body,
  });
}

describe('films', () => {
  it('are created, listed, searched and edited, with audit and a change to every cinema of the chain', async () => {
    const res = await h.call('POST', '/admin/films', 'manager', film);
    expect(res.status, res.body).toBe(201);
    const made = res.json<FilmView>();
    expect(made).toMatchObject({ title: 'The Long Reel', status: 'now_showing', posterUrl: null });
    const list = (
      await h.call('GET', '/admin/films?q=projectionist&sort=title', 'manager')
    ).json<FilmList>();
    expect(list.items).toEqual([]);
    const byTitle = (
      await h.call('GET', '/admin/films?q=long%20reel', 'managerOther')
    ).json<FilmList>();
    expect(byTitle.items.map((f) => f.id)).toEqual([made.id]);
    const edited = await h.call('PUT', `/admin/films/${made.id}`, 'admin', {
      ...film,
      title: 'The Longer Reel',
      closeDate: '2020-02-01',
    });
    expect(edited.status, edited.body).toBe(200);
    expect(edited.json<FilmView>()).toMatchObject({ title: 'The Longer Reel', status: 'closed' });
    const audit = await h.audit(made.id);
    expect(audit.map((a) => a.action)).toEqual(['film.create', 'film.update']);
    expect(audit[1]?.details.before).toMatchObject({ title: 'The Long Reel' });
    expect(audit[1]?.details.after).toMatchObject({ title: 'The Longer Reel' });
    const changes = await h.changes(made.id);
    expect(new Set(changes.map((c) => c.cinema_id))).toEqual(
      new Set([h.fx.cinemaId, h.otherCinemaId]),
    );
    expect(changes.at(-1)).toMatchObject({ entity: 'movies', op: 'upsert' });
    expect(changes.at(-1)?.data).toMatchObject({ title: 'The Longer Reel' });
  });

  it('refuse bad input with the field named, and change nothing', async () => {
    const before = await h.rows('SELECT count(*)::int AS n FROM movies');
    const wrongOrder = await h.call('POST', '/admin/films', 'manager', {
      ...film,
      releaseDate: '2026-05-01',
      closeDate: '2026-04-01',
    });
    expect(wrongOrder.status).toBe(400);
    expect(
      wrongOrder.json<{ error: { details: { fields: Record<string, string> } } }>().error.details
        .fields,
    ).toHaveProperty('/closeDate');
    const noTitle = await h.call('POST', '/admin/films', 'manager', { ...film, title: '' });
    expect(
      noTitle.json<{ error: { details: { fields: Record<string, string> } } }>().error.details
        .fields,
    ).toHaveProperty('/title');
    expect(await h.rows('SELECT count(*)::int AS n FROM movies')).toEqual(before);
    expect((await h.call('POST', '/admin/films', 'cashier', film)).status).toBe(403);
  });

  it('take a poster checked by its bytes and serve it with cache headers', async () => {
    const made = (await h.call('POST', '/admin/films', 'manager', film)).json<FilmView>();
    const ok = await upload(made.id, 'poster.png', PNG);
    expect(ok.statusCode, ok.body).toBe(200);
    const url = ok.json<FilmView>().posterUrl ?? '';
    expect(url).toMatch(/^\/api\/v1\/media\/[0-9a-f-]{36}$/);
    const got = await h.app.inject({ method: 'GET', url });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toContain('immutable');
    expect(got.rawPayload.equals(PNG)).toBe(true);
    const again = await h.app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': String(got.headers['etag']) },
    });
    expect(again.statusCode).toBe(304);

    const text = await upload(
      made.id,
      'poster.png',
      Buffer.from('not an image at all'),
      'image/png',
    );
    expect(text.statusCode).toBe(400);
    expect(
      text.json<{ error: { details: { fields: Record<string, string> } } }>().error.details.fields,
    ).toHaveProperty('/poster');
    const big = await upload(
      made.id,
      'big.png',
      Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 10)]),
    );
    expect(big.statusCode).toBe(413);
    // Neither changed the poster.
    expect(
      (await h.call('GET', `/admin/films/${made.id}`, 'manager')).json<FilmView>().posterUrl,
    ).toBe(url);
    const photo = readFileSync(
      new URL('../../docs/screenshots/e-ticket-page.png', import.meta.url),
    );
    expect((await upload(made.id, 'ticket.png', photo)).statusCode).toBe(200);
    expect(
      (await h.call('DELETE', `/admin/films/${made.id}/poster`, 'manager')).json<FilmView>()
        .posterUrl,
    ).toBeNull();
    expect((await h.audit(made.id)).map((a) => a.action)).toEqual([
      'film.create',
      'film.poster.set',
      'film.poster.set',
      'film.poster.remove',
    ]);
    expect(
      (
        await h.app.inject({
          method: 'GET',
          url: '/api/v1/media/00000000-0000-4000-8000-000000000000',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuse a multipart body without a boundary or cut short with a 400, not a 500 (found by the fuzz)', async () => {
    const made = (await h.call('POST', '/admin/films', 'manager', film)).json<FilmView>();
    const m = multipart('poster.png', PNG, 'image/png');
    const put = async (type: string, body: Buffer) =>
      h.app.inject({
        method: 'PUT',
        url: `/api/v1/admin/films/${made.id}/poster`,
        headers: { authorization: await h.token('manager'), 'content-type': type },
        payload: body,
      });
    for (const res of [
      await put('multipart/form-data', m.body),
      await put('multipart/form-data; boundary=', m.body),
      await put(m.type, m.body.subarray(0, 60)),
    ]) {
      expect(res.statusCode, res.body).toBe(400);
      const error = res.json<{
        error: { code: string; details: { fields: Record<string, string> } };
      }>().error;
      expect(error.code).toBe('BO_VALIDATION');
      expect(error.details.fields).toHaveProperty('/poster');
    }
    expect(
      (await h.call('GET', `/admin/films/${made.id}`, 'manager')).json<FilmView>().posterUrl,
    ).toBeNull();
  });

  it('open and close by their dates', () => {
    expect(filmStatusOn('2026-01-01', '2026-02-01', null)).toBe('coming_soon');
    expect(filmStatusOn('2026-02-01', '2026-02-01', '2026-02-01')).toBe('now_showing');
    expect(filmStatusOn('2026-02-02', '2026-02-01', '2026-02-01')).toBe('closed');
  });
});
