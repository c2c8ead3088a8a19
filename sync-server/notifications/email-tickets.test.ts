// Acceptance (issue 14): a confirmed booking produces an email at a real SMTP server; its PDF's
// pages, rendered to images, carry QR codes that decode to valid ticket codes; an .ics comes too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTicketCode } from '../../common/ticket-code.js';
import {
  bookHold,
  CARDS,
  holdSeats,
  payWithCard,
  startBookingHarness,
  startPaying,
  type BookingHarness,
} from '../../test/support/bookings.js';
import { startSmtpTestServer, type SmtpTestServer } from '../../test/support/smtp-test-server.js';
import { until } from '../../test/support/until.js';
import { readPdfPages } from '../../test/support/pdf-qr.js';
import { signingPublicKeyHex } from '../services/signing.js';

let h: BookingHarness;
let mailbox: SmtpTestServer;

beforeAll(async () => {
  mailbox = await startSmtpTestServer();
  h = await startBookingHarness({
    setup: async (pool) => {
      await pool.query("UPDATE movies SET title = '<script>alert(1)</script> Returns'");
    },
    config: {
      mailTransport: 'smtp',
      smtpHost: '127.0.0.1',
      smtpPort: mailbox.port,
      smtpSecurity: 'none',
      notifyPollMs: 100,
    },
  });
});
afterAll(async () => {
  await h.app.close();
  await mailbox.stop();
});

describe('the confirmation email', () => {
  it('carries one PDF page per ticket whose QR is the valid ticket code, and a calendar file', async () => {
    const { app, fx } = h;
    const hold = await holdSeats(app, fx.showId, [h.seat(0, 0), h.seat(0, 1)]);
    const booking = await bookHold(
      app,
      hold,
      fx.ticketTypes.adult,
      {},
      {
        guest: { email: 'Guest.Buyer@example.com', name: 'Guest Buyer' },
      },
    );
    const paid = await payWithCard(app, await startPaying(app, booking), CARDS.ok);
    expect(paid.status).toBe('succeeded');

    const mail = await until(() => mailbox.received[0], 15_000, 'the confirmation email');
    expect(mail.envelopeTo).toEqual(['guest.buyer@example.com']);
    expect(mail.parsed.subject).toContain(booking.reference);
    // The film's title is shown as text, never as markup.
    expect(mail.parsed.html).not.toContain('<script>');
    expect(mail.parsed.html).toContain('&lt;script&gt;');
    expect(mail.parsed.text).toContain(booking.reference);

    const pdf = mail.parsed.attachments.find((a) => a.contentType === 'application/pdf');
    const ics = mail.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    if (!pdf || !ics) throw new Error('attachments missing');
    expect(ics.content.toString('utf8')).toMatch(/BEGIN:VCALENDAR[\s\S]*DTSTART:\d{8}T\d{6}Z/);

    const serverKey = Buffer.from(
      await signingPublicKeyHex(app.ctx.db.$client, app.ctx.config.ticketSigningKey),
      'hex',
    );
    const pages = readPdfPages(pdf.content);
    expect(pages).toHaveLength(2);
    const seen = pages.map((p) => {
      const v = verifyTicketCode(p.qr ?? '', serverKey);
      if (!v.ok) throw new Error(v.error.message);
      expect(p.text).toContain(booking.reference);
      expect(p.text).toContain(v.payload.seatLabel);
      return v.payload.ticketId;
    });
    expect(seen.sort()).toEqual(booking.tickets.map((t) => t.ticketId).sort());

    // Sent once, recorded as sent, with the message id as the email's Message-ID.
    const rows = await h.rows<{ id: string; status: string; channel: string }>(
      "SELECT id, status, channel FROM messages WHERE booking_id = $1 AND kind = 'booking.confirmed'",
      [booking.id],
    );
    expect(rows).toEqual([expect.objectContaining({ status: 'sent', channel: 'email' })]);
    expect(mail.parsed.messageId).toContain(rows[0]?.id);
  });
});
