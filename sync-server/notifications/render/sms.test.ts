import { describe, expect, it } from 'vitest';
import { smsSegments, toGsm } from './gsm.js';
import { PUSH_BODY_MAX, PUSH_TITLE_MAX, renderPush } from './push.js';
import { renderSms, SMS_MAX_SEGMENTS } from './sms.js';
import { everyKind, makeFacts } from './test-facts.js';

const LONG_TITLE =
  'Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb — The Extended Director’s Cut With Commentary';

describe('renderSms', () => {
  it('fits one message for every kind, with the reference and local time, and no links', () => {
    for (const content of everyKind()) {
      const text = renderSms(content);
      const seg = smsSegments(text);
      expect(seg, `${content.kind}: ${text}`).toMatchObject({ encoding: 'gsm', segments: 1 });
      expect(text).not.toMatch(/https?:|token|secret/);
      if (content.kind !== 'password.reset') {
        expect(text).toContain('MQ7K2P');
        if (content.kind !== 'booking.refunded' && content.kind !== 'payment.failed') {
          expect(text).toContain('19:30');
        }
      }
    }
  });

  it('tells a moved show’s new and old times', () => {
    const moved = everyKind().find((c) => c.kind === 'show.moved');
    if (!moved) throw new Error('no show.moved sample');
    const text = renderSms(moved);
    expect(text).toContain('19:30');
    expect(text).toContain('17:30');
    expect(renderPush(moved).body).toContain('was');
  });

  it('shortens a long title to stay in one GSM message', () => {
    for (const content of everyKind(makeFacts({ show: { movieTitle: LONG_TITLE } }))) {
      const text = renderSms(content);
      expect(smsSegments(text), text).toMatchObject({ encoding: 'gsm', segments: 1 });
      if (content.kind !== 'password.reset') expect(text).toContain('Dr. Strangelove');
    }
  });

  it('never takes more than three parts, even in UCS-2 with absurd names', () => {
    const facts = makeFacts({
      show: { movieTitle: '千と千尋の神隠し'.repeat(20) },
      cinema: { name: 'キネマ'.repeat(60), locale: 'ja-JP', timeZone: 'Asia/Tokyo' },
      currency: 'JPY',
    });
    for (const content of everyKind(facts)) {
      const text = renderSms(content);
      expect(smsSegments(text).segments, text).toBeLessThanOrEqual(SMS_MAX_SEGMENTS);
      if (content.kind !== 'password.reset') expect(text).toContain('MQ7K2P');
    }
  });

  it('shows times in the cinema zone and money with the currency digits', () => {
    const facts = makeFacts({
      cinema: { locale: 'en-US', timeZone: 'America/New_York' },
      currency: 'JPY',
    });
    const text = renderSms({ kind: 'show.cancelled', facts, paid: true, refundMinor: 1200 });
    expect(text).toContain('2:30 PM');
    expect(text).toContain('¥1,200');
  });

  it('counts GSM, extension and UCS-2 characters as carriers do', () => {
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm', segments: 1 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ segments: 2 });
    expect(smsSegments('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(smsSegments('ж'.repeat(70))).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(smsSegments('ж'.repeat(71))).toMatchObject({ segments: 2 });
    expect(toGsm('Amélie — “Le fabuleux destin”…')).toBe('Amélie - "Le fabuleux destin"...');
    expect(toGsm('Amélia Çã')).toBe('Amélia Ça');
  });
});

describe('renderPush', () => {
  it('keeps every kind within the list bounds, even with long titles', () => {
    const long = makeFacts({ show: { movieTitle: LONG_TITLE.repeat(4) } });
    const emoji = makeFacts({ show: { movieTitle: '🎬👨‍👩‍👧'.repeat(40) } });
    for (const content of [...everyKind(), ...everyKind(long), ...everyKind(emoji)]) {
      const push = renderPush(content);
      expect(push.title.length).toBeGreaterThan(0);
      expect(push.title.length).toBeLessThanOrEqual(PUSH_TITLE_MAX);
      expect(push.body.length).toBeLessThanOrEqual(PUSH_BODY_MAX);
      expect(push.body).not.toContain('secret-token');
    }
  });

  it('says what happened with the reference and local time', () => {
    const push = renderPush({
      kind: 'show.cancelled',
      facts: makeFacts(),
      paid: false,
      refundMinor: 0,
    });
    expect(push.title).toBe('Show cancelled: The Long Goodbye');
    expect(push.body).toContain('MQ7K2P');
    expect(push.body).toContain('19:30');
    expect(push.body).toContain('nothing was charged');
  });
});
