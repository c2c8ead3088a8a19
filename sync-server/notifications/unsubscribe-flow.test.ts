// One-click unsubscribe end to end (issue 14): the List-Unsubscribe URL of a real reminder email,
// POSTed as a mail program does (RFC 8058), stops the next reminder to that address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  startBookingHarness,
  startPaying,
  type BookingHarness,
} from '../../test/support/bookings.js';
import { outboxFiles, outboxMessage } from '../../test/support/outbox.js';

const HOURS = 24;
let h: BookingHarness;
// Real time while booking; then frozen at the moments the test looks at.
let frozen: Date | null = null;
const now = () => frozen ?? new Date();

beforeAll(async () => {
  h = await startBookingHarness({
    // Two shows, the second 3 hours after the first: each has its own reminder moment.
    fixture: { startsInMinutes: HOURS * 60 + 1, shows: 2 },
    config: { reminderHours: HOURS, notifyPollMs: 3_600_000 },
    now,
  });
});
afterAll(async () => {
  await h.app.close();
});

const book = async (showId: string, seat: string, email: string) => {
  const hold = await holdSeats(h.app, showId, [seat]);
  const b = await bookHold(
    h.app,
    hold,
    h.fx.ticketTypes.adult,
    {},
    {
      guest: { email, phone: '+44 7700 900777' },
    },
  );
  expect((await payWithCard(h.app, await startPaying(h.app, b), CARDS.ok)).status).toBe(
    'succeeded',
  );
  return b;
};
const reminderDue = async (showId: string) => {
  const [s] = await h.rows<{ starts_at: Date }>('SELECT starts_at FROM shows WHERE id = $1', [
    showId,
  ]);
  if (!s) throw new Error('no show');
  return new Date(s.starts_at.getTime() - HOURS * 3_600_000 + 1000);
};
const remindersOf = (bookingId: string) =>
  h.rows<{ id: string; channel: string; status: string }>(
    "SELECT id, channel, status FROM messages WHERE kind = 'show.reminder' AND booking_id = $1 ORDER BY channel",
    [bookingId],
  );

/** The List-Unsubscribe URL of the email file of message `id` (header lines unfolded). */
async function unsubscribeLink(id: string): Promise<URL> {
  const raw = await outboxMessage(h.outbox.mailDir, id);
  const headers = (raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
  expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  const m = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(headers);
  if (!m?.[1]) throw new Error('no List-Unsubscribe header');
  return new URL(m[1].replace(/\s+/g, ''));
}

describe('one-click unsubscribe from a reminder', () => {
  it('stops the next reminder to that address, on every channel', async () => {
    const [first, second] = h.fx.showIds;
    if (!first || !second) throw new Error('two shows expected');
    const early = await book(first, h.seat(0, 0), 'fan@example.com');
    // The same person again, typing their address differently.
    const late = await book(second, h.seat(0, 0), 'Fan@Example.com');
    await h.app.ctx.notifications.drain(); // the confirmations

    frozen = await reminderDue(first);
    // Counted even when a pass a NOTIFY started (after the confirmations) is the one that did it.
    expect((await h.app.ctx.notifications.drain()).reminders).toBe(1);
    const sent = await remindersOf(early.id);
    expect(sent.map((m) => [m.channel, m.status])).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ]);
    const link = await unsubscribeLink(sent[0]?.id ?? '');
    expect(link.pathname).toBe('/api/v1/notifications/unsubscribe');

    // What a mail program sends for List-Unsubscribe-Post (RFC 8058).
    const res = await h.app.inject({
      method: 'POST',
      url: `${link.pathname}${link.search}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await h.rows('SELECT address, kind FROM notification_optouts')).toEqual([
      { address: 'fan@example.com', kind: 'show.reminder' },
    ]);

    const files = (await outboxFiles(h.outbox.mailDir)).length;
    frozen = await reminderDue(second);
    await h.app.ctx.notifications.drain();
    // The booking is done with (stamped), but nothing was queued for it on any channel.
    const [row] = await h.rows<{ reminded_at: Date | null }>(
      'SELECT reminded_at FROM bookings WHERE id = $1',
      [late.id],
    );
    expect(row?.reminded_at).not.toBe(null);
    expect(await remindersOf(late.id)).toEqual([]);
    expect((await outboxFiles(h.outbox.mailDir)).length).toBe(files);

    // Booking events still reach the address: only reminders were switched off.
    await h.rows('UPDATE bookings SET reminded_at = NULL WHERE id = $1', [late.id]);
    await h.app.ctx.notifications.drain();
    expect(await remindersOf(late.id)).toEqual([]);
  });
});
