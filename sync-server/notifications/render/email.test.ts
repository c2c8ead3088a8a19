import { describe, expect, it } from 'vitest';
import { BoError } from '../../../common/errors.js';
import type { MessageContent } from '../types.js';
import { renderEmail } from './email.js';
import { everyKind, makeFacts } from './test-facts.js';

const hrefs = (html: string): string[] =>
  Array.from(html.matchAll(/href="([^"]*)"/g), (m) => (m[1] ?? '').replace(/&amp;/g, '&'));

describe('renderEmail', () => {
  it('renders every kind as subject, text and HTML, linking only to the message’s own URLs', async () => {
    const facts = makeFacts();
    for (const content of everyKind(facts)) {
      const mail = await renderEmail(content);
      expect(mail.subject.length, content.kind).toBeGreaterThan(0);
      expect(mail.html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(mail.html).toContain('lang="en-GB"');
      const allowed = [
        facts.manageUrl,
        'https://tickets.example.test/unsubscribe?t=xyz',
        'https://tickets.example.test/reset?token=secret-token',
      ];
      for (const href of hrefs(mail.html)) expect(allowed).toContain(href);
      if (content.kind !== 'password.reset') {
        expect(mail.text).toContain('MQ7K2P');
        expect(mail.text).toMatch(/Friday,? 4 December 2026/);
        expect(mail.html).toContain('19:30');
      }
      if (content.kind !== 'booking.confirmed') expect(mail.attachments).toEqual([]);
    }
  });

  it('says what each kind means for the customer', async () => {
    const [confirmed, cancelled, refunded, expired, failed, showCancelled, moved, reminder, reset] =
      await Promise.all(everyKind().map(renderEmail));
    expect(confirmed?.text).toContain('Row F, seat 12');
    expect(confirmed?.text).toContain('Total £21.50 (incl. £3.58 tax)');
    expect(confirmed?.text).toContain('Popcorn (large)');
    expect(cancelled?.text).toContain('We refund £21.50 to the card you paid with');
    expect(cancelled?.text).toContain('A fee of £1.00 was kept');
    expect(refunded?.subject).toBe('Refund of £9.50 for booking MQ7K2P');
    expect(refunded?.text).toContain('to the card you paid with');
    expect(refunded?.text).toContain('you were charged twice');
    expect(expired?.text).toContain('Nothing was charged');
    expect(failed?.text).toContain('your card was declined');
    expect(failed?.text).toMatch(/held until Friday,? 4 December 2026 at 18:15/);
    expect(showCancelled?.text).toContain('We refund £21.50 to the card you paid with');
    expect(moved?.subject).toContain('has moved');
    expect(moved?.text).toMatch(/now starts .*19:30 \(it was .*17:30\)/);
    expect(reminder?.text).toContain(
      'Stop show reminders: https://tickets.example.test/unsubscribe?t=xyz',
    );
    expect(reminder?.html).toContain('href="https://tickets.example.test/unsubscribe?t=xyz"');
    expect(reset?.text).toContain('https://tickets.example.test/reset?token=secret-token');
    expect(reset?.text).toContain('30 minutes');
    const unpaid = await renderEmail({
      kind: 'show.cancelled',
      facts: makeFacts(),
      paid: false,
      refundMinor: 0,
    });
    expect(unpaid.text).toContain('Nothing was charged');
    expect(unpaid.text).not.toContain('refund £');
  });

  it('escapes every value from data in the HTML', async () => {
    const facts = makeFacts({
      customerName: '"><img src=x onerror=alert(2)>',
      show: { movieTitle: '<script>alert(1)</script>\r\nBcc: x@example.test' },
      cinema: { name: 'Rock & Roll <b>Cinema</b>' },
    });
    for (const content of everyKind(facts)) {
      const { html, text, subject } = await renderEmail(content);
      expect(subject).not.toMatch(/[\r\n]/);
      expect(html).not.toMatch(/<script|<img|<b>/i);
      if (content.kind !== 'password.reset') {
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
        expect(html).toContain('Rock &amp; Roll &lt;b&gt;Cinema&lt;/b&gt;');
        expect(text).toContain('<script>alert(1)</script>');
      }
    }
  });

  it('formats money and times the cinema’s way', async () => {
    const berlin = makeFacts({
      cinema: { locale: 'de-DE', timeZone: 'Europe/Berlin' },
      currency: 'EUR',
    });
    const de = await renderEmail({ kind: 'booking.confirmed', facts: berlin });
    expect(de.html).toMatch(/9,50\s€/u);
    expect(de.text).toContain('20:30');
    expect(de.text).not.toMatch(/PM|AM/);
    const newYork = makeFacts({
      cinema: { locale: 'en-US', timeZone: 'America/New_York' },
      currency: 'USD',
    });
    const us = await renderEmail({ kind: 'booking.confirmed', facts: newYork });
    expect(us.text).toContain('$9.50');
    expect(us.text).toMatch(/2:30\sPM/u);
    const tokyo = makeFacts({
      cinema: { locale: 'ja-JP', timeZone: 'Asia/Tokyo' },
      currency: 'JPY',
    });
    const jp = await renderEmail({
      kind: 'booking.refunded',
      facts: tokyo,
      amountMinor: 1200,
      feeMinor: 0,
      reason: 'customer',
      method: 'the card you paid with',
    });
    expect(jp.subject).toMatch(/[¥￥]1,200 /u);
  });

  it('attaches the e-tickets and a calendar event to a confirmation', async () => {
    const mail = await renderEmail({ kind: 'booking.confirmed', facts: makeFacts() });
    const [pdf, ics] = mail.attachments;
    expect(pdf).toMatchObject({ filename: 'tickets-MQ7K2P.pdf', contentType: 'application/pdf' });
    expect(pdf?.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(ics).toMatchObject({ filename: 'MQ7K2P.ics', contentType: 'text/calendar' });
    const cal = ics?.content.toString('utf8') ?? '';
    expect(cal.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(cal).toContain('METHOD:PUBLISH');
    expect(cal).toContain('UID:0b7f5a2e-8d4c-4f7e-9a51-3c2d1e0f9a11@marquee');
    expect(cal).toMatch(/^DTSTART:20261204T193000Z\r$/m);
    expect(cal).toMatch(/^DTEND:20261204T214500Z\r$/m);
    expect(cal).toContain('SUMMARY:The Long Goodbye');
    expect(cal.replace(/\r\n[ \t]/g, '')).toContain('Booking reference: MQ7K2P');
  });

  it('refuses content it cannot render safely, with BO_VALIDATION', async () => {
    const bad: MessageContent[] = [
      { kind: 'show.reminder', facts: makeFacts(), unsubscribeUrl: 'javascript:alert(1)' },
      { kind: 'booking.confirmed', facts: makeFacts({ manageUrl: 'data:text/html,hi' }) },
      { kind: 'booking.confirmed', facts: makeFacts({ currency: 'euro' }) },
      { kind: 'booking.confirmed', facts: makeFacts({ cinema: { timeZone: 'Nowhere/City' } }) },
      { kind: 'booking.cancelled', facts: makeFacts(), refundMinor: -5, feeMinor: 0 },
    ];
    for (const content of bad) {
      const error: unknown = await renderEmail(content).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BoError);
      expect(error).toMatchObject({ code: 'BO_VALIDATION' });
    }
  });
});
