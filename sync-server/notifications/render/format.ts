// Shared Intl helpers for every rendering: money and times are always shown the cinema's way (its
// locale and time zone, STYLE 7), whatever language the words around them are in.
import { formatMoney } from '../../../common/money.js';
import type { BookingFacts } from '../types.js';

/** Where and how a message shows dates and money. */
export type Place = { locale: string; timeZone: string; currency: string };

/** The formatting place of a booking: its cinema's locale and zone, its currency. */
export function placeOf(facts: BookingFacts): Place {
  return {
    locale: facts.cinema.locale,
    timeZone: facts.cinema.timeZone,
    currency: facts.currency,
  };
}

/** Minor units as people read them in the place's locale ("9,50 €", "£9.50", "¥1,200"). */
export function money(place: Place, amountMinor: number): string {
  return formatMoney(amountMinor, place.currency, place.locale);
}

/** Weekday, date and time in the cinema's zone ("Friday 4 December 2026 at 19:30"). */
export function dateTime(place: Place, at: Date): string {
  return new Intl.DateTimeFormat(place.locale, {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: place.timeZone,
  }).format(at);
}

/** A short date and time in the cinema's zone, for SMS and push ("Fri 4 Dec, 19:30"). */
export function shortDateTime(place: Place, at: Date): string {
  return new Intl.DateTimeFormat(place.locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: place.timeZone,
  }).format(at);
}

/** The date alone in the cinema's zone ("Friday 4 December 2026"). */
export function dateOnly(place: Place, at: Date): string {
  return new Intl.DateTimeFormat(place.locale, {
    dateStyle: 'full',
    timeZone: place.timeZone,
  }).format(at);
}

/** The time alone in the cinema's zone ("19:30", "7:30 PM"). */
export function timeOnly(place: Place, at: Date): string {
  return new Intl.DateTimeFormat(place.locale, {
    timeStyle: 'short',
    timeZone: place.timeZone,
  }).format(at);
}

/** "Seat F12", or "Row F, seat 12" where the seat's label does not name its row. */
export function seatText(ticket: { rowLabel: string; seatLabel: string }): string {
  return ticket.seatLabel.startsWith(ticket.rowLabel)
    ? `Seat ${ticket.seatLabel}`
    : `Row ${ticket.rowLabel}, seat ${ticket.seatLabel}`;
}

/** "F12": a seat as short as it can be said (SMS). */
export function seatShort(ticket: { rowLabel: string; seatLabel: string }): string {
  return ticket.seatLabel.startsWith(ticket.rowLabel)
    ? ticket.seatLabel
    : `${ticket.rowLabel}${ticket.seatLabel}`;
}

/** "2D · English", leaving out what is empty. */
export function formatLine(show: { format: string; language: string }): string {
  return [show.format, show.language].filter((part) => part.trim() !== '').join(' · ');
}

/** Intl output may hold narrow or no-break spaces; plain channels (SMS) want ordinary ones. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** The user-perceived characters of a text, so a cut never splits an accent or an emoji. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}
