// Issue 15: managers edit their cinema's details and screens; the replicated rows reach the
// cinema's stations through the change log; another cinema's manager is refused. Real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CinemaView, FormatView, ScreenView } from '../../common/api/admin-cinemas.js';
import { startAdminHarness, type AdminHarness } from '../../test/support/admin.js';

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h.close();
});

type Refusal = { error: { code: string; details?: { fields: Record<string, string> } } };

describe('cinemas', () => {
  it('lists the caller’s cinemas: a manager’s own, an admin’s whole chain', async () => {
    const mine = (await h.call('GET', '/admin/cinemas', 'manager')).json<CinemaView[]>();
    expect(mine.map((c) => c.id)).toEqual([h.fx.cinemaId]);
    const all = (await h.call('GET', '/admin/cinemas', 'admin')).json<CinemaView[]>();
    expect(new Set(all.map((c) => c.id))).toEqual(new Set([h.fx.cinemaId, h.otherCinemaId]));
  });

  it('changes the address and tax ids, audited, and sends the row to the cinema’s stations', async () => {
    const res = await h.call('PATCH', `/admin/cinemas/${h.fx.cinemaId}`, 'manager', {
      address: '9 New Street, London',
      taxIds: ['VAT GB 123 4567 89'],
      adsMinutes: 20,
      dayStartsAt: '05:30',
    });
    expect(res.status, res.body).toBe(200);
    expect(res.json<CinemaView>()).toMatchObject({
      address: '9 New Street, London',
      taxIds: ['VAT GB 123 4567 89'],
      adsMinutes: 20,
      dayStartsAt: '05:30',
    });
    const audit = await h.audit(h.fx.cinemaId);
    expect(audit.at(-1)).toMatchObject({ action: 'cinema.update' });
    expect(audit.at(-1)?.details.after).toMatchObject({ address: '9 New Street, London' });
    const change = (await h.changes(h.fx.cinemaId)).filter((c) => c.entity === 'cinemas').at(-1);
    expect(change).toMatchObject({ cinema_id: h.fx.cinemaId, op: 'upsert' });
    expect(change?.data).toMatchObject({
      address: '9 New Street, London',
      tax_ids: ['VAT GB 123 4567 89'],
    });
  });

  it('refuses bad values by field, a currency once prices exist, and another cinema’s manager', async () => {
    const bad = await h.call('PATCH', `/admin/cinemas/${h.fx.cinemaId}`, 'manager', {
      timeZone: 'Mars/Olympus',
      currency: 'gbp',
      dayStartsAt: '18:00',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json<Refusal>().error.details?.fields ?? {}).sort()).toEqual([
      '/currency',
      '/dayStartsAt',
      '/timeZone',
    ]);
    const currency = await h.call('PATCH', `/admin/cinemas/${h.fx.cinemaId}`, 'manager', {
      currency: 'EUR',
    });
    expect(currency.status).toBe(409);
    expect(currency.json<Refusal>().error.details?.fields).toHaveProperty('/currency');
    expect(
      (await h.call('PATCH', `/admin/cinemas/${h.fx.cinemaId}`, 'managerOther', { name: 'Mine' }))
        .status,
    ).toBe(403);
    expect(
      (await h.call('GET', `/admin/cinemas/${h.fx.cinemaId}`, 'manager')).json<CinemaView>().name,
    ).not.toBe('Mine');
  });
});

describe('screens', () => {
  it('are added and edited with the formats they support', async () => {
    const formats = (await h.call('GET', '/admin/formats', 'manager')).json<FormatView[]>();
    const code = formats[0]?.code ?? '';
    const made = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/screens`, 'manager', {
      name: 'Screen 9',
      cleaningMinutes: 20,
      formats: [code],
    });
    expect(made.status, made.body).toBe(201);
    const screen = made.json<ScreenView>();
    expect(screen).toMatchObject({ formats: [code], activeLayoutId: null, seatCount: 0 });
    const renamed = await h.call('PATCH', `/admin/screens/${screen.id}`, 'manager', {
      name: 'Screen 10',
    });
    expect(renamed.json<ScreenView>().name).toBe('Screen 10');
    expect((await h.audit(screen.id)).map((a) => a.action)).toEqual([
      'screen.create',
      'screen.update',
    ]);
    expect((await h.changes(screen.id)).map((c) => [c.cinema_id, c.entity])).toEqual([
      [h.fx.cinemaId, 'screens'],
      [h.fx.cinemaId, 'screens'],
    ]);
    const list = (await h.call('GET', `/admin/cinemas/${h.fx.cinemaId}/screens`, 'manager')).json<
      ScreenView[]
    >();
    expect(list.map((s) => s.name)).toContain('Screen 10');
  });

  it('refuse unknown formats, a name taken, and another cinema’s manager', async () => {
    const unknown = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/screens`, 'manager', {
      name: 'Screen 11',
      cleaningMinutes: 15,
      formats: ['HOLO'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json<Refusal>().error.details?.fields).toHaveProperty('/formats/0');
    const list = (await h.call('GET', `/admin/cinemas/${h.fx.cinemaId}/screens`, 'manager')).json<
      ScreenView[]
    >();
    const first = list[0];
    if (!first) throw new Error('no screen');
    const taken = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/screens`, 'manager', {
      name: first.name,
      cleaningMinutes: 15,
      formats: first.formats.length ? first.formats : ['2D'],
    });
    expect([400, 409]).toContain(taken.status);
    expect(
      (await h.call('PATCH', `/admin/screens/${first.id}`, 'managerOther', { name: 'X' })).status,
    ).toBe(403);
    expect(
      (await h.call('GET', `/admin/cinemas/${h.fx.cinemaId}/screens`, 'manager')).json<
        ScreenView[]
      >(),
    ).toHaveLength(list.length);
  });
});
