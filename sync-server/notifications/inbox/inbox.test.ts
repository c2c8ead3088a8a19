// The notification list and channel preferences through the REST API, as two customers.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBookingHarness, type BookingHarness } from '../../../test/support/bookings.js';
import { withTx } from '../../services/tx.js';
import { DEFAULT_CHOICES } from '../prefs.js';
import { addNotification } from './store.js';

let h: BookingHarness;
const alice = randomUUID();
const bob = randomUUID();
let asAlice = '';
let asBob = '';

beforeAll(async () => {
  h = await startBookingHarness({
    setup: async (pool) => {
      for (const [id, name] of [
        [alice, 'alice'],
        [bob, 'bob'],
      ] as const)
        await pool.query(
          "INSERT INTO customers (id, email, password_hash, name) VALUES ($1, $2, 'unusable', $3)",
          [id, `${name}@example.com`, name],
        );
    },
  });
  asAlice = await h.bearer({ customer: alice });
  asBob = await h.bearer({ customer: bob });
});
afterAll(async () => {
  await h.app.close();
});

type Page = {
  items: { id: string; title: string; readAt: string | null; bookingId: string | null }[];
  unread: number;
  next: string | null;
};

const get = async (auth: string, query = '') => {
  const res = await h.app.inject({
    method: 'GET',
    url: `/api/v1/me/notifications${query}`,
    headers: { authorization: auth },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};
const post = (auth: string, url: string) =>
  h.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { authorization: auth } });
const add = (customerId: string, title: string) =>
  addNotification(h.app.ctx.db.$client, {
    customerId,
    kind: 'booking.confirmed',
    title,
    body: `${title} body`,
    bookingId: null,
  });

describe('the notification list', () => {
  it('pages newest first with a cursor, counts unread, and shows only your own', async () => {
    for (let i = 1; i <= 5; i++) await add(alice, `a${String(i)}`);
    // Three written in one transaction share created_at: the id breaks the tie, none repeats.
    await withTx(h.app.ctx.db.$client, async (tx) => {
      for (const t of ['t1', 't2', 't3'])
        await addNotification(tx, {
          customerId: alice,
          kind: 'show.reminder',
          title: t,
          body: t,
          bookingId: null,
        });
    });
    await add(bob, 'b1');

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await get(
        asAlice,
        `?limit=2${cursor === null ? '' : `&before=${cursor}`}`,
      );
      expect(page.unread).toBe(8);
      seen.push(...page.items.map((n) => n.title));
      cursor = page.next;
      pages++;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect(seen.slice(3)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
    expect(seen.slice(0, 3).sort()).toEqual(['t1', 't2', 't3']);

    const bobs = await get(asBob);
    expect(bobs.items.map((n) => n.title)).toEqual(['b1']);
    expect(bobs.unread).toBe(1);
    expect(bobs.next).toBeNull();
  });

  it('marks one read; someone else cannot read or mark it', async () => {
    const n = await add(alice, 'private');
    const before = (await get(asAlice)).unread;

    const theirs = await post(asBob, `/me/notifications/${n.id}/read`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json<{ error: { code: string } }>().error.code).toBe('BO_NOT_FOUND');
    expect((await get(asAlice)).unread).toBe(before);
    expect((await get(asBob)).items.map((x) => x.id)).not.toContain(n.id);
    // A cursor from someone else's list finds nothing rather than paging through theirs.
    expect((await get(asBob, `?before=${n.id}`)).items).toEqual([]);

    const mine = await post(asAlice, `/me/notifications/${n.id}/read`);
    expect(mine.statusCode, mine.body).toBe(200);
    const readAt = mine.json<{ readAt: string }>().readAt;
    expect(readAt).not.toBeNull();
    expect((await get(asAlice)).unread).toBe(before - 1);
    // Again: still read, at the first time.
    const again = await post(asAlice, `/me/notifications/${n.id}/read`);
    expect(again.json<{ readAt: string }>().readAt).toBe(readAt);

    expect((await post(asAlice, `/me/notifications/not-a-uuid/read`)).statusCode).toBe(400);
  });

  it('marks all read, and only yours', async () => {
    const bobUnread = (await get(asBob)).unread;
    const unread = (await get(asAlice)).unread;
    expect(unread).toBeGreaterThan(0);
    const res = await post(asAlice, '/me/notifications/read-all');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ marked: unread });
    expect((await get(asAlice)).unread).toBe(0);
    expect((await get(asBob)).unread).toBe(bobUnread);
    expect((await post(asAlice, '/me/notifications/read-all')).json()).toEqual({ marked: 0 });
  });

  it('adds a notification once when the worker retries it with the same id', async () => {
    const id = randomUUID();
    const first = await addNotification(h.app.ctx.db.$client, {
      id,
      customerId: bob,
      kind: 'booking.refunded',
      title: 'Refunded',
      body: '£9.50 back to your card',
      bookingId: null,
    });
    const again = await addNotification(h.app.ctx.db.$client, {
      id,
      customerId: bob,
      kind: 'booking.refunded',
      title: 'Refunded',
      body: '£9.50 back to your card',
      bookingId: null,
    });
    expect(again).toEqual(first);
    expect((await get(asBob)).items.filter((n) => n.id === id)).toHaveLength(1);
  });
});

describe('notification preferences', () => {
  type Prefs = Record<
    string,
    { email: boolean; sms: boolean; push: boolean; emailLocked: boolean }
  >;
  const prefs = async (auth: string) => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me/notification-preferences',
      headers: { authorization: auth },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Prefs>();
  };
  const put = (auth: string, payload: unknown) =>
    h.app.inject({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      headers: { authorization: auth },
      payload: payload as Record<string, unknown>,
    });
  const stored = () =>
    h.rows('SELECT kind, email, sms, push FROM notification_preferences WHERE customer_id = $1', [
      alice,
    ]);

  it('starts from the defaults, with email locked on except for reminders', async () => {
    const p = await prefs(asAlice);
    expect(Object.keys(p).sort()).toEqual(Object.keys(DEFAULT_CHOICES).sort());
    for (const [kind, choice] of Object.entries(DEFAULT_CHOICES))
      expect(p[kind]).toEqual({ ...choice, emailLocked: kind !== 'show.reminder' });
  });

  it('changes only the channels named, and keeps them across changes', async () => {
    let res = await put(asAlice, { 'show.reminder': { email: false } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Prefs>()['show.reminder']).toEqual({
      email: false,
      sms: true,
      push: true,
      emailLocked: false,
    });
    res = await put(asAlice, {
      'show.reminder': { sms: false },
      'booking.confirmed': { sms: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = await prefs(asAlice);
    expect(p['show.reminder']).toMatchObject({ email: false, sms: false, push: true });
    expect(p['booking.confirmed']).toMatchObject({ email: true, sms: false, push: true });
    // Someone else's choices are untouched.
    expect((await prefs(asBob))['show.reminder']).toMatchObject({ email: true, sms: true });
  });

  it('refuses email off where it is the customer’s record, and changes nothing', async () => {
    const before = await stored();
    const res = await put(asAlice, {
      'show.reminder': { push: false },
      'booking.confirmed': { email: false },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('BO_NOTIFY_EMAIL_REQUIRED');
    expect(await stored()).toEqual(before);
  });

  it('refuses unknown kinds and channels', async () => {
    const before = await stored();
    for (const body of [
      { 'password.reset': { email: false } },
      { 'show.remindr': { push: false } },
      { 'show.reminder': { fax: true } },
      { 'show.reminder': { push: 'no' } },
    ]) {
      const res = await put(asAlice, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('BO_VALIDATION');
    }
    expect(await stored()).toEqual(before);
  });
});
