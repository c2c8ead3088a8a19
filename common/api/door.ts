// REST schemas for the managers' view of the doors (issue 18): per show of a cinema day, how many
// of the tickets sold were let in, and the admissions that came second (two doors letting the
// same ticket in, usually both offline) with the first one they lost to. Refused scans are kept by
// each door alone (they are not facts the server needs), so they are not here.
import { z } from 'zod';
import { calendarDate } from './admin-common.js';

/** ?date=YYYY-MM-DD: the cinema's local day; today there when absent. */
export const doorReportQuery = z.object({ date: calendarDate.optional() }).strict();

const admissionAt = z.object({
  door: z.string(),
  stationName: z.string(),
  admittedAt: z.iso.datetime(),
});

export const doorShowRow = z.object({
  showId: z.uuid(),
  startsAt: z.iso.datetime(),
  filmTitle: z.string(),
  screenName: z.string(),
  status: z.string(),
  /** Valid tickets (voided and refunded ones are not counted; training sales neither). */
  sold: z.number().int().nonnegative(),
  /** Tickets let in, each once however many doors scanned it. */
  admitted: z.number().int().nonnegative(),
});

export const doorConflictRow = z.object({
  admissionId: z.uuid(),
  ticketId: z.uuid(),
  /** Null while the ticket itself (sold offline elsewhere) has not reached the server. */
  seatLabel: z.string().nullable(),
  showId: z.uuid(),
  startsAt: z.iso.datetime(),
  filmTitle: z.string(),
  first: admissionAt,
  second: admissionAt.extend({ receivedAt: z.iso.datetime() }),
});

export const doorReport = z.object({
  cinemaId: z.uuid(),
  date: calendarDate,
  timeZone: z.string(),
  shows: z.array(doorShowRow),
  conflicts: z.array(doorConflictRow),
});
export type DoorReport = z.infer<typeof doorReport>;
