// Booking facts for the render tests: a three-ticket booking (two valid, one refunded) that each
// test adjusts (locale, zone, currency, title) instead of repeating the whole object.
import type { BookingFacts, MessageContent } from '../types.js';

/** Changes to the default facts; cinema and show merge field by field. */
export type FactsPatch = Partial<Omit<BookingFacts, 'cinema' | 'show'>> & {
  cinema?: Partial<BookingFacts['cinema']>;
  show?: Partial<BookingFacts['show']>;
};

/** Facts of a confirmed booking at a London cinema, 19:30 local on 4 December 2026. */
export function makeFacts(patch: FactsPatch = {}): BookingFacts {
  const base: BookingFacts = {
    bookingId: '0b7f5a2e-8d4c-4f7e-9a51-3c2d1e0f9a11',
    reference: 'MQ7K2P',
    status: 'confirmed',
    customerName: 'Ada Lovelace',
    cinema: {
      name: 'Marquee Riverside',
      address: '12 Bankside, London SE1 9TG',
      timeZone: 'Europe/London',
      locale: 'en-GB',
    },
    show: {
      id: 'show-1',
      startsAt: new Date('2026-12-04T19:30:00Z'),
      endsAt: new Date('2026-12-04T21:45:00Z'),
      movieTitle: 'The Long Goodbye',
      certification: '12A',
      format: '2D',
      language: 'English',
      screenName: 'Screen 3',
      status: 'scheduled',
    },
    tickets: [
      {
        ticketId: 't1',
        rowLabel: 'F',
        seatLabel: '12',
        ticketTypeName: 'Adult',
        priceMinor: 950,
        taxMinor: 158,
        status: 'valid',
        code: 'MQT1.eyJ0IjoidDEiLCJzIjoic2hvdy0xIn0.c2lnbmF0dXJlLW9uZQ',
      },
      {
        ticketId: 't2',
        rowLabel: 'F',
        seatLabel: '13',
        ticketTypeName: 'Child',
        priceMinor: 650,
        taxMinor: 108,
        status: 'valid',
        code: 'MQT1.eyJ0IjoidDIiLCJzIjoic2hvdy0xIn0.c2lnbmF0dXJlLXR3bw',
      },
      {
        ticketId: 't3',
        rowLabel: 'F',
        seatLabel: '14',
        ticketTypeName: 'Adult',
        priceMinor: 950,
        taxMinor: 158,
        status: 'refunded',
        code: null,
      },
    ],
    items: [{ name: 'Popcorn (large)', quantity: 1, totalMinor: 550 }],
    currency: 'GBP',
    totalMinor: 2150,
    taxMinor: 358,
    discountMinor: 0,
    manageUrl: 'https://tickets.example.test/bookings/MQ7K2P?k=abc',
  };
  return {
    ...base,
    ...patch,
    cinema: { ...base.cinema, ...patch.cinema },
    show: { ...base.show, ...patch.show },
  };
}

/** One message of every kind about the same booking. */
export function everyKind(facts: BookingFacts = makeFacts()): MessageContent[] {
  return [
    { kind: 'booking.confirmed', facts },
    { kind: 'booking.cancelled', facts, refundMinor: 2150, feeMinor: 100 },
    {
      kind: 'booking.refunded',
      facts,
      amountMinor: 950,
      feeMinor: 0,
      reason: 'duplicate_payment',
      method: 'the card you paid with',
    },
    { kind: 'booking.expired', facts },
    {
      kind: 'payment.failed',
      facts,
      reason: 'card_declined',
      payBy: new Date('2026-12-04T18:15:00Z'),
    },
    { kind: 'show.cancelled', facts, paid: true, refundMinor: 2150 },
    // Moved from two hours earlier (17:30 local) to the facts' start (19:30).
    { kind: 'show.moved', facts, from: new Date(facts.show.startsAt.getTime() - 2 * 3_600_000) },
    {
      kind: 'show.reminder',
      facts,
      unsubscribeUrl: 'https://tickets.example.test/unsubscribe?t=xyz',
    },
    {
      kind: 'password.reset',
      name: 'Ada',
      resetUrl: 'https://tickets.example.test/reset?token=secret-token',
      expiresMinutes: 30,
      locale: 'en-GB',
    },
  ];
}
