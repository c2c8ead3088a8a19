// Customers' feedback on a show they booked (issue 17, seed 001): a rating of 1 to 5 and a
// comment, once the show has started; managers list, filter and reply; the customer reads the
// reply and is told of it.
import { z } from 'zod';
import { calendarDate, listQuery, pageOf } from './admin-common.js';

/** PUT /bookings/{id}/feedback: the customer's rating and comment (again: replaces them). */
export const feedbackInput = z
  .object({
    rating: z.int().min(1).max(5),
    comment: z.string().trim().max(2000).default(''),
  })
  .strict();
export type FeedbackInput = z.infer<typeof feedbackInput>;

/** A piece of feedback as its customer and the cinema's managers read it. */
export const feedbackView = z.object({
  id: z.uuid(),
  bookingId: z.uuid(),
  reference: z.string(),
  cinemaId: z.uuid(),
  cinemaName: z.string(),
  /** The cinema's IANA time zone: its times are shown in it. */
  timeZone: z.string(),
  showId: z.uuid(),
  filmTitle: z.string(),
  showStartsAt: z.iso.datetime({ offset: true }),
  rating: z.int().min(1).max(5),
  comment: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type FeedbackView = z.infer<typeof feedbackView>;

/** GET /admin/feedback: newest first by default; filters by cinema, rating, replied and day. */
export const feedbackListQuery = listQuery(['created', 'rating'])
  .extend({
    dir: z.enum(['asc', 'desc']).default('desc'),
    cinemaId: z.uuid().optional(),
    rating: z.coerce.number().int().min(1).max(5).optional(),
    replied: z.enum(['yes', 'no']).optional().describe('yes: answered only; no: waiting only'),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  })
  .strict();
export type FeedbackListQuery = z.infer<typeof feedbackListQuery>;

export const feedbackPage = pageOf(feedbackView).extend({
  /** Mean rating of every piece matching the filters (all pages); null when none. */
  averageRating: z.number().nullable(),
});
export type FeedbackPage = z.infer<typeof feedbackPage>;

/** PUT /admin/feedback/{id}/reply: the cinema's answer (again: replaces it, and tells again). */
export const feedbackReply = z.object({ reply: z.string().trim().min(1).max(2000) }).strict();
export type FeedbackReply = z.infer<typeof feedbackReply>;
