// The show as an iCalendar event for the confirmation email. Times are written in UTC so every
// calendar places them right without a VTIMEZONE block; the description repeats what the customer
// needs at the door.
import { createEvent, type EventAttributes } from 'ics';
import { BoError } from '../../../common/errors.js';
import type { BookingFacts } from '../types.js';
import { checkFacts } from './check.js';
import { formatLine, seatText } from './format.js';
import { listedTickets } from './vars.js';

/** The iCalendar text (METHOD:PUBLISH, one VEVENT) of a booking's show; throws BO_VALIDATION on bad facts. */
export function showIcs(facts: BookingFacts): string {
  checkFacts(facts);
  const seats = listedTickets(facts).map(seatText).join('; ');
  const description = [
    `Booking reference: ${facts.reference}`,
    `Screen: ${[facts.show.screenName, formatLine(facts.show)].filter((s) => s !== '').join(' · ')}`,
    `Seats: ${seats}`,
    ...(facts.manageUrl === null ? [] : [`Tickets and changes: ${facts.manageUrl}`]),
  ].join('\n');
  const attributes: EventAttributes & { timestamp: number } = {
    productId: '-//Marquee//Box office//EN',
    method: 'PUBLISH',
    uid: `${facts.bookingId}@marquee`,
    title: facts.show.movieTitle,
    description,
    location: [facts.cinema.name, facts.cinema.address].filter((s) => s !== '').join(', '),
    ...(facts.manageUrl === null ? {} : { url: facts.manageUrl }),
    start: facts.show.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: facts.show.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: facts.show.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    // DTSTAMP would otherwise be "now": the same booking should give the same file, so a resent
    // message is byte-identical. The show's start is fixed for the booking and changes with it.
    timestamp: facts.show.startsAt.getTime(),
  };
  const { error, value } = createEvent(attributes);
  if (error !== null || value === null) {
    throw new BoError(
      'BO_VALIDATION',
      `Cannot make the calendar event: ${error?.message ?? 'no output'}`,
    );
  }
  return value;
}
