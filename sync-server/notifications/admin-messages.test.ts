// Staff's view of delivery (issue 14): admins list dead letters with their reason and send one again
// once its cause is fixed; a cinema's manager sees what a booking's customer was sent.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../db/secret-hash.js';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  startBookingHarness,
  startPaying,
  type Buyer,
  type BookingHarness,
  type TestBooking,
} from '../../test/support/bookings.js';
import { startSmtpTestServer, type SmtpTestServer } from '../../test/support/smtp-test-server.js';
import { openSession } from '../identity/sessions.js';

let h: BookingHarness;
let mailbox: SmtpTestServer;
let admin = '';
let manager = '';
const adminId = randomUUID();
const erin = randomUUID(); // a customer with a phone: email, SMS and the app by default

beforeAll(async () => {
  mailbox = await startSmtpTestServer();
  h = await startBookingHarness({
    config: {
      mailTransport: 'smtp',
      smtpHost: '127.0.0.1',
      smtpPort: mailbox.port,
      smtpSecurity: 'none',
      notifyPollMs: 3_600_000,
      reminderHours: 0,
    },
    setup: async (pool, fx) => {
      // The fixture has no admin: a chain-wide one, as rbac-matrix.test.ts makes.
      await pool.query(
        "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES ($1, $2, NULL, 'Chain Admin', 'admin', $3)",
        [adminId, fx.chainId, hashSecret('975310')],
      );
      await pool.query(
        "INSERT INTO customers (id, email, password_hash, name, phone) VALUES ($1, 'erin@example.com', 'unusable', 'Erin', '+44 7700 900666')",
        [erin],
      );
    },
  });
  const s = await openSession(
    h.app.ctx.db.$client,
    { kind: 'staff', station: null, sub: adminId, role: 'admin', cinemas: [h.fx.cinemaId] },
    await h.app.ctx.identity.settings('staff'),
    new Date(),
  );
  admin = `Bearer ${s.accessToken}`;
  manager = await h.bearer('manager');
});
afterAll(async () => {
  await h.app.close();
  await mailbox.stop();
});

const get = (url: string, authorization: string) =>
  h.app.inject({ method: 'GET', url, headers: { authorization } });
const retry = (id: string, authorization: string) =>
  h.app.inject({
    method: 'POST',
    url: `/api/v1/admin/messages/${id}/retry`,
    headers: { authorization },
  });

async function paid(seat: string, buyer: Buyer, guestEmail?: string): Promise<TestBooking> {
  const hold = await holdSeats(h.app, h.fx.showId, [seat], buyer);
  const b = await bookHold(
    h.app,
    hold,
    h.fx.ticketTypes.adult,
    buyer,
    guestEmail === undefined ? {} : { guest: { email: guestEmail } },
  );
  const res = await payWithCard(h.app, await startPaying(h.app, b, buyer), CARDS.ok);
  expect(res.status).toBe('succeeded');
  return b;
}

type View = {
  id: string;
  kind: string;
  channel: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
};

describe('dead letters, for admins', () => {
  let deadId = '';

  it('are listed with the reason; a manager may not see them', async () => {
    mailbox.behaviour.refuse.set('bounce@example.com', { code: 550, text: '5.1.1 Mailbox gone' });
    await paid(h.seat(0, 0), {}, 'bounce@example.com');
    await h.app.ctx.notifications.drain();

    const res = await get('/api/v1/admin/messages?status=dead', admin);
    expect(res.statusCode, res.body).toBe(200);
    const dead = res.json<{ messages: View[] }>().messages;
    expect(dead).toMatchObject([
      {
        kind: 'booking.confirmed',
        channel: 'email',
        recipient: 'bounce@example.com',
        status: 'dead',
        attempts: 1,
      },
    ]);
    expect(dead[0]?.lastError).toMatch(/550.*Mailbox gone/);
    deadId = dead[0]?.id ?? '';
    // Nothing waits.
    const pending = await get('/api/v1/admin/messages?status=pending', admin);
    expect(pending.json()).toEqual({ messages: [] });

    const denied = await get('/api/v1/admin/messages?status=dead', manager);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ error: { code: 'BO_FORBIDDEN' } });
    const bad = await get('/api/v1/admin/messages?status=sent', admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'BO_VALIDATION' } });
  });

  it('one sent again goes once the server accepts the address', async () => {
    expect((await retry(deadId, manager)).statusCode).toBe(403);
    const res = await retry(deadId, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: deadId, status: 'pending', attempts: 0 });

    mailbox.behaviour.refuse.delete('bounce@example.com');
    await h.app.ctx.notifications.drain();
    const [row] = await h.rows<{ status: string; attempts: number; last_error: string | null }>(
      'SELECT status, attempts, last_error FROM messages WHERE id = $1',
      [deadId],
    );
    expect(row).toEqual({ status: 'sent', attempts: 1, last_error: null });
    expect(mailbox.received.map((m) => m.envelopeTo)).toEqual([['bounce@example.com']]);
    expect(mailbox.received[0]?.parsed.messageId).toContain(deadId);
    const dead = await get('/api/v1/admin/messages?status=dead', admin);
    expect(dead.json()).toEqual({ messages: [] });
  });

  it('only a dead letter can be sent again; an unknown one is 404', async () => {
    const sent = await retry(deadId, admin);
    expect(sent.statusCode).toBe(409);
    expect(sent.json()).toMatchObject({ error: { code: 'BO_CONFLICT' } });
    const unknown = await retry(randomUUID(), admin);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'BO_NOT_FOUND' } });
    expect((await retry('not-a-uuid', admin)).statusCode).toBe(400);
    // Nothing was sent again by those.
    await h.app.ctx.notifications.drain();
    expect(mailbox.received).toHaveLength(1);
  });
});

describe("a booking's messages, for its cinema's manager", () => {
  it('lists every channel, a push as "customer app"', async () => {
    const buyer = { authorization: await h.bearer({ customer: erin }) };
    const b = await paid(h.seat(1, 0), buyer);
    await h.app.ctx.notifications.drain();

    const res = await get(`/api/v1/admin/bookings/${b.id}/messages`, manager);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<{ messages: View[] }>().messages;
    const byChannel = Object.fromEntries(list.map((m) => [m.channel, m]));
    expect(Object.keys(byChannel).sort()).toEqual(['email', 'push', 'sms']);
    expect(byChannel.email).toMatchObject({ recipient: 'erin@example.com', status: 'sent' });
    expect(byChannel.sms).toMatchObject({ recipient: '+44 7700 900666', status: 'sent' });
    // Staff see where it went, not the customer's id.
    expect(byChannel.push).toMatchObject({ recipient: 'customer app', status: 'sent' });
    expect(res.body).not.toContain(erin);
    for (const m of list) {
      expect(m.kind).toBe('booking.confirmed');
      expect(m.sentAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }

    const unknown = await get(`/api/v1/admin/bookings/${randomUUID()}/messages`, manager);
    expect(unknown.statusCode).toBe(404);
    const customer = await get(`/api/v1/admin/bookings/${b.id}/messages`, buyer.authorization);
    expect(customer.statusCode).toBe(403);
  });
});
