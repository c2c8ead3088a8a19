// The schedule's REST (issue 16): batch plans name every conflict, creation is all or none and
// safe under concurrency, drafts stay invisible until published, copies keep local times, moves of
// shows with sales need confirming, quotas hold in the hold statement, house seats carry a reason.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdminShowSeats,
  AvailableSlots,
  BatchPlan,
  PlannedShow,
  ScheduleView,
  ShowsCreated,
} from '../../common/api/admin-schedule.js';
import { addDays, localDateOf, zonedInstant } from '../../common/schedule.js';
import { startAdminHarness, type AdminHarness } from '../../test/support/admin.js';

let h: AdminHarness;
let screenId: string;
let filmId: string;
let formatCode: string;
let cardId: string;
const TZ = 'Europe/London';
// Days far enough ahead that the fixture's own show (tomorrow) never meets them.
const day = (n: number) => addDays(localDateOf(new Date(), TZ), n);
const at = (date: string, time: string) => zonedInstant(date, time, TZ).toISOString();

type Err = { error: { code: string; message: string; details?: Record<string, unknown> } };

beforeAll(async () => {
  h = await startAdminHarness();
  const [s] = await h.rows<{ screen_id: string; movie_id: string; code: string }>(
    'SELECT s.screen_id, s.movie_id, f.code FROM shows s JOIN formats f ON f.id = s.format_id WHERE s.id = $1',
    [h.fx.showId],
  );
  if (!s) throw new Error('fixture show missing');
  ({ screen_id: screenId, movie_id: filmId, code: formatCode } = s);
  await h.rows(
    'INSERT INTO screen_formats (screen_id, format_id) SELECT $1, id FROM formats WHERE code = $2',
    [screenId, formatCode],
  );
  cardId = randomUUID();
  await h.rows(
    `INSERT INTO price_cards (id, cinema_id, name, currency, weekdays, from_minute, to_minute, prices)
     VALUES ($1, $2, 'Standard', 'GBP', '[1,2,3,4,5,6,7]', 0, 1440, '{"STD": 1200, "PRM": 1800}')`,
    [cardId, h.fx.cinemaId],
  );
}, 120_000);

afterAll(async () => {
  await h.close();
});

const spec = (dates: string[], times: string[]) => ({
  filmId,
  formatCode,
  language: 'en',
  screenIds: [screenId],
  dates,
  times,
});

async function create(dates: string[], times: string[], as: 'manager' | 'admin' = 'manager') {
  return h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/shows`, as, {
    filmId,
    formatCode,
    language: 'en',
    slots: dates.flatMap((d) => times.map((t) => ({ screenId, startsAt: at(d, t) }))),
  });
}

describe('batch plan and create', () => {
  it('names every conflict with the show it clashes with, and writes nothing', async () => {
    const first = await create([day(3)], ['14:00']);
    expect(first.status, first.body).toBe(201);
    const existing = first.json<ShowsCreated>().shows[0];
    const plan = await h.call(
      'POST',
      `/admin/cinemas/${h.fx.cinemaId}/shows/plan`,
      'manager',
      spec([day(3)], ['10:00', '11:00', '16:05', '18:20']),
    );
    expect(plan.status, plan.body).toBe(200);
    const slots = plan.json<BatchPlan>().slots;
    expect(slots.map((s) => s.time)).toEqual(['10:00', '11:00', '16:05', '18:20']);
    expect(slots[0]?.conflicts).toEqual([]);
    expect(slots[0]?.priceCardName).toBe('Standard');
    // 11:00 overlaps the batch's own 10:00 (a 120-minute film plus 15 minutes of cleaning).
    expect(slots[1]?.conflicts.map((c) => [c.kind, c.clash?.id ?? null])).toEqual([
      ['overlap', null],
    ]);
    // 16:05 starts inside the 14:00 show's cleaning: a buffer conflict naming that show.
    expect(slots[2]?.conflicts.map((c) => [c.kind, c.clash?.id])).toEqual([
      ['buffer', existing?.id],
    ]);
    expect(slots[3]?.conflicts).toEqual([]);
    const before = await h.rows('SELECT id FROM shows');
    const refused = await create([day(3)], ['16:05', '20:00']);
    expect(refused.status).toBe(409);
    const err = refused.json<Err>().error;
    expect(err.code).toBe('BO_SHOW_CONFLICT');
    expect(err.details?.conflicts).toMatchObject([{ index: 0, kind: 'buffer' }]);
    expect(await h.rows('SELECT id FROM shows')).toHaveLength(before.length);
  });

  it('generates sessions from earliest to latest start, spaced by the block', async () => {
    const plan = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/shows/plan`, 'manager', {
      ...spec([day(4)], []),
      times: undefined,
      generate: { earliest: '10:00', latest: '20:00' },
    });
    expect(plan.status, plan.body).toBe(200);
    // 135 minutes rounded up to 135: 10:00, 12:15, 14:30, 16:45, 19:00.
    expect(plan.json<BatchPlan>().slots.map((s) => s.time)).toEqual([
      '10:00',
      '12:15',
      '14:30',
      '16:45',
      '19:00',
    ]);
  });

  it('refuses shows outside the film’s run, unknown screens and bad bodies, naming them', async () => {
    await h.rows('UPDATE movies SET close_date = $2 WHERE id = $1', [filmId, day(5)]);
    const plan = await h.call(
      'POST',
      `/admin/cinemas/${h.fx.cinemaId}/shows/plan`,
      'manager',
      spec([day(6)], ['10:00']),
    );
    expect(plan.json<BatchPlan>().slots[0]?.conflicts.map((c) => c.kind)).toEqual(['film_closed']);
    await h.rows('UPDATE movies SET close_date = NULL WHERE id = $1', [filmId]);
    const foreign = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/shows/plan`, 'manager', {
      ...spec([day(6)], ['10:00']),
      screenIds: [randomUUID()],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json<Err>().error.details?.fields).toHaveProperty('/screenIds/0');
    const both = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/shows/plan`, 'manager', {
      ...spec([day(6)], ['25:00']),
    });
    expect(both.status).toBe(400);
    const other = await h.call(
      'POST',
      `/admin/cinemas/${h.otherCinemaId}/shows/plan`,
      'manager',
      spec([day(6)], ['10:00']),
    );
    expect(other.status).toBe(403);
  });

  it('lets exactly one of two managers saving overlapping shows at once succeed', async () => {
    const [a, b] = await Promise.all([
      create([day(8)], ['15:00'], 'manager'),
      create([day(8)], ['15:30'], 'admin'),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const rows = await h.rows(
      "SELECT id FROM shows WHERE screen_id = $1 AND starts_at >= $2 AND starts_at < $3 AND status <> 'cancelled'",
      [screenId, at(day(8), '06:00'), at(day(9), '06:00')],
    );
    expect(rows).toHaveLength(1);
  });
});

describe('drafts, publishing and copies', () => {
  it('keeps a draft from stations and the public until it is published', async () => {
    const made = await create([day(10)], ['12:00']);
    expect(made.status, made.body).toBe(201);
    const show = made.json<ShowsCreated>().shows[0];
    if (!show) throw new Error('no show');
    expect(show).toMatchObject({ status: 'draft', priceCardName: 'Standard', capacity: 40 });
    expect(await h.changes(show.id)).toEqual([]);
    expect((await h.app.inject({ url: `/api/v1/shows/${show.id}` })).statusCode).toBe(404);
    expect(await h.audit(h.fx.cinemaId)).toContainEqual(
      expect.objectContaining({ action: 'shows.create' }),
    );
    const pub = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/shows/publish`, 'manager', {
      showIds: [show.id],
    });
    expect(pub.status, pub.body).toBe(200);
    expect(pub.json()).toEqual({ published: 1, showIds: [show.id] });
    const logged = await h.rows<{ entity: string }>(
      'SELECT entity FROM change_log WHERE show_id = $1 ORDER BY seq',
      [show.id],
    );
    expect(logged.map((r) => r.entity)).toEqual([
      'shows',
      'show_prices',
      'show_prices',
      'show_seats',
    ]);
    const pub2 = await h.app.inject({ url: `/api/v1/shows/${show.id}` });
    expect(pub2.statusCode, pub2.body).toBe(200);
  });

  it('copies a day to another at the same local times, and names what it cannot copy', async () => {
    expect((await create([day(12)], ['11:00', '15:00'])).status).toBe(201);
    const copy = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/shows/copy`, 'manager', {
      from: day(12),
      to: day(19),
      days: 1,
    });
    expect(copy.status, copy.body).toBe(200);
    const shows = copy.json<ShowsCreated>().shows;
    expect(shows.map((s) => s.startsAt)).toEqual([at(day(19), '11:00'), at(day(19), '15:00')]);
    expect(shows.every((s) => s.status === 'draft')).toBe(true);
    const again = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/shows/copy`, 'manager', {
      from: day(12),
      to: day(19),
      days: 1,
    });
    expect(again.status).toBe(409);
    expect(again.json<Err>().error.details?.conflicts).toHaveLength(2);
    const rest = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/shows/copy`, 'manager', {
      from: day(12),
      to: day(19),
      days: 1,
      skipConflicts: true,
    });
    const out = rest.json<ShowsCreated>();
    expect(out.shows).toEqual([]);
    expect(out.skipped.map((s) => s.conflicts[0]?.kind)).toEqual(['overlap', 'overlap']);
  });

  it('reads the week with screens and shows, and free slots between them', async () => {
    const week = await h.call(
      'GET',
      `/admin/cinemas/${h.fx.cinemaId}/schedule?from=${day(12)}&days=1`,
      'manager',
    );
    expect(week.status, week.body).toBe(200);
    const v = week.json<ScheduleView>();
    expect(v.screens.map((s) => s.id)).toEqual([screenId]);
    expect(v.shows.map((s) => s.startsAt)).toEqual([at(day(12), '11:00'), at(day(12), '15:00')]);
    const slots = await h.call(
      'GET',
      `/admin/screens/${screenId}/available-slots?date=${day(12)}&filmId=${filmId}`,
      'manager',
    );
    expect(slots.status, slots.body).toBe(200);
    const free = slots.json<AvailableSlots>();
    expect(free.blockMinutes).toBe(135);
    // 06:00–11:00, 13:15–15:00 is too short for 135 minutes, 17:15–06:00.
    expect(free.slots.map((s) => [s.from, s.to])).toEqual([
      [at(day(12), '06:00'), at(day(12), '11:00')],
      [at(day(12), '17:15'), at(day(13), '06:00')],
    ]);
  });
});

describe('one show: moves, quotas, house seats', () => {
  async function published(date: string, time: string): Promise<PlannedShow> {
    const made = await create([date], [time]);
    const show = made.json<ShowsCreated>().shows[0];
    if (!show) throw new Error(made.body);
    await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/shows/publish`, 'manager', {
      showIds: [show.id],
    });
    return show;
  }
  const hold = (showId: string, count: number) =>
    h.app.inject({ method: 'POST', url: '/api/v1/holds', payload: { showId, count } });

  it('limits web holds to the quota, and refuses a quota beyond the show', async () => {
    const show = await published(day(22), '12:00');
    const big = await h.call('PATCH', `/admin/shows/${show.id}`, 'manager', { webQuota: 41 });
    expect(big.status).toBe(400);
    expect(big.json<Err>().error.details?.fields).toHaveProperty('/webQuota');
    const ok = await h.call('PATCH', `/admin/shows/${show.id}`, 'manager', { webQuota: 3 });
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json<PlannedShow>().webQuota).toBe(3);
    expect((await hold(show.id, 2)).statusCode).toBe(201);
    const over = await hold(show.id, 2);
    expect(over.statusCode, over.body).toBe(409);
    expect(over.json<Err>().error.code).toBe('BO_CHANNEL_QUOTA');
    expect((await hold(show.id, 1)).statusCode).toBe(201);
  });

  it('moves a show with sales only when confirmed, and never one that started', async () => {
    const show = await published(day(23), '12:00');
    expect((await hold(show.id, 2)).statusCode).toBe(201);
    const to = at(day(23), '13:00');
    const refused = await h.call('PATCH', `/admin/shows/${show.id}`, 'manager', { startsAt: to });
    expect(refused.status).toBe(409);
    expect(refused.json<Err>().error.code).toBe('BO_SHOW_HAS_SALES');
    const moved = await h.call('PATCH', `/admin/shows/${show.id}`, 'manager', {
      startsAt: to,
      confirmSales: true,
    });
    expect(moved.status, moved.body).toBe(200);
    expect(moved.json<PlannedShow>().startsAt).toBe(to);
    const logged = await h.changes(show.id);
    expect(logged.at(-1)).toMatchObject({ entity: 'shows', op: 'upsert' });
    await h.rows(
      "UPDATE shows SET starts_at = now() - interval '5 minutes', ends_at = now() + interval '130 minutes' WHERE id = $1",
      [show.id],
    );
    const started = await h.call('PATCH', `/admin/shows/${show.id}`, 'manager', {
      language: 'fr',
    });
    expect(started.json<Err>().error.code).toBe('BO_SHOW_STARTED');
  });

  it('blocks free seats with a reason and gives them back', async () => {
    const show = await published(day(24), '12:00');
    const seats = h.fx.seatIds.slice(0, 2);
    const blocked = await h.call('POST', `/admin/shows/${show.id}/seats/block`, 'manager', {
      seatIds: seats,
      reason: 'Press night',
    });
    expect(blocked.status, blocked.body).toBe(200);
    const view = blocked.json<AdminShowSeats>();
    expect(view.seats.filter((s) => s.state === 'blocked').map((s) => s.blockReason)).toEqual([
      'Press night',
      'Press night',
    ]);
    expect(view.show.blocked).toBe(2);
    const empty = await h.call('POST', `/admin/shows/${show.id}/seats/block`, 'manager', {
      seatIds: seats,
      reason: '  ',
    });
    expect(empty.status).toBe(400);
    const back = await h.call('POST', `/admin/shows/${show.id}/seats/unblock`, 'manager', {
      seatIds: seats,
    });
    expect(back.json<AdminShowSeats>().show.blocked).toBe(0);
  });

  it('deletes drafts only', async () => {
    const made = await create([day(25)], ['12:00']);
    const draft = made.json<ShowsCreated>().shows[0];
    if (!draft) throw new Error(made.body);
    expect((await h.call('DELETE', `/admin/shows/${draft.id}`, 'manager')).status).toBe(204);
    const live = await published(day(25), '15:00');
    expect((await h.call('DELETE', `/admin/shows/${live.id}`, 'manager')).status).toBe(409);
  });
});
