// Acceptance (issue 14): a booking for a show REMINDER_HOURS + 1 minute away gets exactly one
// reminder, when the show is REMINDER_HOURS away (the server's clock is the test's).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
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
import { outboxFiles } from '../../test/support/outbox.js';

const HOURS = 24;
let h: BookingHarness;
// Real time while booking; then frozen at the moments the test looks at.
let frozen: Date | null = null;
const now = () => frozen ?? new Date();

beforeAll(async () => {
  h = await startBookingHarness({
    fixture: { startsInMinutes: HOURS * 60 + 1 },
    // The worker is driven by the test (drain), not by its poll.
    config: { reminderHours: HOURS, notifyPollMs: 3_600_000 },
    now,
  });
});
afterAll(async () => {
  await h.app.close();
});

const reminders = () =>
  h.rows<{ channel: string; status: string }>(
    "SELECT channel, status FROM messages WHERE kind = 'show.reminder' ORDER BY channel",
  );

describe('the reminder before the show', () => {
  it('goes once, when the show is REMINDER_HOURS away', async () => {
    const { app, fx } = h;
    const hold = await holdSeats(app, fx.showId, [h.seat(1, 1)]);
    const booking = await bookHold(
      app,
      hold,
      fx.ticketTypes.adult,
      {},
      {
        guest: { email: 'rem@example.com', phone: '+44 7700 900123' },
      },
    );
    await payWithCard(app, await startPaying(app, booking), CARDS.ok);
    const worker = app.ctx.notifications;
    await worker.drain();
    expect(await reminders()).toEqual([]);
    const [show] = await h.rows<{ starts_at: Date }>('SELECT starts_at FROM shows WHERE id = $1', [
      fx.showId,
    ]);
    if (!show) throw new Error('no show');
    const due = show.starts_at.getTime() - HOURS * 3_600_000;

    frozen = new Date(due - 1000); // the show is 24 h and 1 s away
    await worker.drain();
    expect(await reminders()).toEqual([]);

    frozen = new Date(due + 1000); // now it is just under 24 h away
    const pass = await worker.drain();
    expect(pass.reminders).toBe(1);
    expect(await reminders()).toEqual([
      { channel: 'email', status: 'sent' },
      { channel: 'sms', status: 'sent' },
    ]);

    // Later passes, and the clock moving on, never remind again.
    frozen = new Date(due + 2 * 3_600_000);
    await worker.drain();
    await worker.drain();
    expect(await reminders()).toHaveLength(2);

    // The email offers one-click unsubscribe (RFC 8058).
    const files = await outboxFiles(h.outbox.mailDir);
    const texts = await Promise.all(
      files.map((f) => readFile(path.join(h.outbox.mailDir, f), 'utf8')),
    );
    const reminder = texts.filter((t) =>
      /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m.test(t),
    );
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).toMatch(
      /^List-Unsubscribe:\s+<http[^>]+\/api\/v1\/notifications\/unsubscribe\?token=/m,
    );
  });
});
