// The one-click unsubscribe link: a GET only shows a button, the one-click POST records the
// opt-out (and a customer's reminder preference), a forged or foreign token is refused.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBookingHarness, type BookingHarness } from '../../../test/support/bookings.js';
import { deliveriesFor } from '../prefs.js';
import { unsubscribeUrl } from './unsubscribe.js';

let h: BookingHarness;
const carol = randomUUID();

beforeAll(async () => {
  h = await startBookingHarness({
    setup: async (pool) => {
      await pool.query(
        "INSERT INTO customers (id, email, password_hash, name, phone) VALUES ($1, 'carol@example.com', 'unusable', 'Carol', '+447700900123')",
        [carol],
      );
    },
  });
});
afterAll(async () => {
  await h.app.close();
});

/** The path and query of a link made for `address` with the server's key (or another). */
async function link(address: string, key?: Uint8Array): Promise<string> {
  const url = await unsubscribeUrl(
    'https://shop.example/',
    key ?? (await h.app.ctx.identity.key()),
    address,
    'show.reminder',
  );
  expect(url.startsWith('https://shop.example/api/v1/notifications/unsubscribe?token=')).toBe(true);
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

const oneClick = (url: string) =>
  h.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'List-Unsubscribe=One-Click',
  });
const optouts = () => h.rows('SELECT address, kind FROM notification_optouts ORDER BY address');

describe('one-click unsubscribe', () => {
  it('GET shows a button and changes nothing', async () => {
    const url = await link('Guest@Example.com');
    for (let i = 0; i < 3; i++) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.body).toContain('guest@example.com');
      expect(res.body).toContain('<form method="post"');
      expect(res.body).toContain('name="List-Unsubscribe" value="One-Click"');
      expect(res.body).not.toContain('<script');
    }
    expect(await optouts()).toEqual([]);
  });

  it('the one-click POST records the opt-out for a guest, once however often it comes', async () => {
    const url = await link('Guest@Example.com');
    for (let i = 0; i < 2; i++) {
      const res = await oneClick(url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ unsubscribed: true, kind: 'show.reminder' });
    }
    expect(await optouts()).toEqual([{ address: 'guest@example.com', kind: 'show.reminder' }]);
    const who = { customerId: null, email: 'guest@example.com', phone: '+447700900999' };
    expect(await deliveriesFor(h.app.ctx.db.$client, 'show.reminder', who)).toEqual([]);
    // Only reminders stop: the record of what they paid for still goes.
    expect(await deliveriesFor(h.app.ctx.db.$client, 'booking.confirmed', who)).not.toEqual([]);
  });

  it('switches every reminder channel off for a customer with that email', async () => {
    const page = await h.app.inject({
      method: 'POST',
      url: await link('carol@example.com'),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('carol@example.com');
    const prefs = await h.rows(
      'SELECT email, sms, push FROM notification_preferences WHERE customer_id = $1 AND kind = $2',
      [carol, 'show.reminder'],
    );
    expect(prefs).toEqual([{ email: false, sms: false, push: false }]);
    const who = { customerId: carol, email: 'carol@example.com', phone: '+447700900123' };
    expect(await deliveriesFor(h.app.ctx.db.$client, 'show.reminder', who)).toEqual([]);
  });

  it('refuses forged, damaged and foreign tokens, and records nothing', async () => {
    const before = await optouts();
    const forged = await link('victim@example.com', randomBytes(32));
    const good = await link('victim@example.com');
    const damaged = good.replace(/.{4}$/, 'AAAA');
    const accessToken = (await h.bearer({ customer: carol })).slice('Bearer '.length);
    const foreign = `/api/v1/notifications/unsubscribe?token=${accessToken}`;
    for (const url of [forged, damaged, foreign]) {
      const post = await oneClick(url);
      expect(post.statusCode, url).toBe(400);
      expect(post.json<{ error: { code: string } }>().error.code).toBe('BO_UNSUBSCRIBE_TOKEN');
      const get = await h.app.inject({ method: 'GET', url });
      expect(get.statusCode).toBe(400);
      expect(get.body).toContain('not valid');
    }
    const none = await oneClick('/api/v1/notifications/unsubscribe');
    expect(none.statusCode).toBe(400);
    expect(none.json<{ error: { code: string } }>().error.code).toBe('BO_VALIDATION');
    const wrongBody = await h.app.inject({
      method: 'POST',
      url: good,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=Maybe',
    });
    expect(wrongBody.statusCode).toBe(400);
    expect(await optouts()).toEqual(before);
  });
});
