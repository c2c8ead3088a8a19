// Turns a message's content into the formatted values its words are made from. Every number and
// time goes through format.ts, so all channels show the same amounts and times the same way.
import type { BookingFacts, MessageContent } from '../types.js';
import { dateTime, money, placeOf, seatShort, shortDateTime, type Place } from './format.js';
import { languageFor, reasonText, type Language, type Vars } from './strings.js';

/** The values of one message, with its language and (when it is about a booking) its place. */
export type Prepared = { vars: Vars; language: Language; place: Place | null };

/** The tickets a message lists: the valid ones, or all of them when none is valid any more. */
export function listedTickets(facts: BookingFacts): BookingFacts['tickets'] {
  const valid = facts.tickets.filter((t) => t.status === 'valid');
  return valid.length > 0 ? valid : facts.tickets;
}

const EMPTY: Omit<Vars, 'minutes' | 'paid'> = {
  name: '',
  film: '',
  when: '',
  whenShort: '',
  reference: '',
  cinema: '',
  screen: '',
  seats: '',
  amount: '',
  fee: '',
  method: '',
  reason: '',
  payBy: '',
  payByShort: '',
  was: '',
  wasShort: '',
  reply: '',
};

function bookingVars(facts: BookingFacts, place: Place): Vars {
  return {
    ...EMPTY,
    minutes: 0,
    paid: false,
    name: facts.customerName?.trim() ?? '',
    film: facts.show.movieTitle,
    when: dateTime(place, facts.show.startsAt),
    whenShort: shortDateTime(place, facts.show.startsAt),
    reference: facts.reference,
    cinema: facts.cinema.name,
    screen: facts.show.screenName,
    seats: listedTickets(facts).map(seatShort).join(', '),
  };
}

/** Positive amounts formatted; zero or less is "nothing" (empty). */
function amountOrEmpty(place: Place, minor: number): string {
  return minor > 0 ? money(place, minor) : '';
}

/** The formatted values of a message. */
export function prepare(content: MessageContent): Prepared {
  if (content.kind === 'password.reset') {
    return {
      language: languageFor(content.locale),
      place: null,
      vars: { ...EMPTY, name: content.name.trim(), minutes: content.expiresMinutes, paid: false },
    };
  }
  const place = placeOf(content.facts);
  const language = languageFor(place.locale);
  const v = bookingVars(content.facts, place);
  switch (content.kind) {
    case 'booking.confirmed':
      return { language, place, vars: { ...v, amount: money(place, content.facts.totalMinor) } };
    case 'booking.cancelled':
      return {
        language,
        place,
        vars: {
          ...v,
          amount: amountOrEmpty(place, content.refundMinor),
          fee: amountOrEmpty(place, content.feeMinor),
        },
      };
    case 'booking.refunded':
      return {
        language,
        place,
        vars: {
          ...v,
          amount: money(place, content.amountMinor),
          fee: amountOrEmpty(place, content.feeMinor),
          method: content.method,
          reason: reasonText(language.refundReasons, content.reason),
        },
      };
    case 'payment.failed':
      return {
        language,
        place,
        vars: {
          ...v,
          reason: reasonText(language.paymentReasons, content.reason),
          payBy: content.payBy === null ? '' : dateTime(place, content.payBy),
          payByShort: content.payBy === null ? '' : shortDateTime(place, content.payBy),
        },
      };
    case 'show.cancelled':
      return {
        language,
        place,
        vars: {
          ...v,
          // A paid booking with nothing to refund (fully discounted) was in effect not charged.
          paid: content.paid && content.refundMinor > 0,
          amount: money(place, content.refundMinor),
        },
      };
    case 'feedback.replied':
      return { language, place, vars: { ...v, reply: content.reply } };
    case 'show.moved':
      return {
        language,
        place,
        vars: {
          ...v,
          was: dateTime(place, content.from),
          wasShort: shortDateTime(place, content.from),
        },
      };
    case 'booking.expired':
    case 'show.reminder':
      return { language, place, vars: v };
  }
}
