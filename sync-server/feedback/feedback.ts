// Customers' feedback on a booking's show (issue 17, seed 001). A customer rates a show they booked
// once it has started (a rating before the film is a guess); writing again replaces the rating and
// keeps any reply. Managers of the cinema list and filter it, and reply; the reply is audited and
// the customer is told through the events outbox (notification 'feedback.replied').
import { randomUUID } from 'node:crypto';
import type {
  FeedbackInput,
  FeedbackListQuery,
  FeedbackPage,
  FeedbackView,
} from '../../common/api/feedback.js';
import { BoError } from '../../common/errors.js';
import { recordEdit } from '../admin/edit.js';
import { appendEvent } from '../bookings/events.js';
import {
  bookingClaimValues,
  bookingNotFound,
  bookingOwnedSql,
  type BookingClaim,
} from '../bookings/owner.js';
import type { Actor } from '../services/audit.js';
import type { Queryable, Tx } from '../services/tx.js';

type Row = {
  id: string;
  booking_id: string;
  reference: string;
  cinema_id: string;
  cinema_name: string;
  time_zone: string;
  show_id: string;
  film_title: string;
  starts_at: Date;
  rating: number;
  comment: string;
  reply: string | null;
  replied_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

const SELECT = `SELECT f.id, f.booking_id, b.reference, f.cinema_id, c.name AS cinema_name, c.time_zone, f.show_id,
    m.title AS film_title, s.starts_at, f.rating, f.comment, f.reply, f.replied_at, f.created_at, f.updated_at
  FROM feedback f JOIN bookings b ON b.id = f.booking_id JOIN cinemas c ON c.id = f.cinema_id
  JOIN shows s ON s.id = f.show_id JOIN movies m ON m.id = s.movie_id`;

const viewOf = (r: Row): FeedbackView => ({
  id: r.id,
  bookingId: r.booking_id,
  reference: r.reference,
  cinemaId: r.cinema_id,
  cinemaName: r.cinema_name,
  timeZone: r.time_zone,
  showId: r.show_id,
  filmTitle: r.film_title,
  showStartsAt: r.starts_at.toISOString(),
  rating: r.rating,
  comment: r.comment,
  reply: r.reply,
  repliedAt: r.replied_at === null ? null : r.replied_at.toISOString(),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** The booking a claim may reach, with its show's start; BO_BOOKING_NOT_FOUND otherwise. */
async function ownedBooking(db: Queryable, bookingId: string, claim: BookingClaim) {
  const r = await db.query<{
    id: string;
    status: string;
    cinema_id: string;
    show_id: string;
    customer_id: string | null;
    starts_at: Date;
    show_status: string;
  }>({
    name: 'feedback_booking',
    text: `SELECT b.id, b.status, b.cinema_id, b.show_id, b.customer_id, s.starts_at, s.status AS show_status
             FROM bookings b JOIN shows s ON s.id = b.show_id
            WHERE b.id = $1 AND ${bookingOwnedSql('b', 2)}`,
    values: [bookingId, ...bookingClaimValues(claim)],
  });
  const b = r.rows[0];
  if (b === undefined) throw bookingNotFound();
  return b;
}

/** The feedback of a booking its owner may read; null when none was written yet. */
export async function readFeedback(
  db: Queryable,
  bookingId: string,
  claim: BookingClaim,
): Promise<FeedbackView | null> {
  await ownedBooking(db, bookingId, claim);
  const r = await db.query<Row>({ text: `${SELECT} WHERE f.booking_id = $1`, values: [bookingId] });
  const row = r.rows[0];
  return row === undefined ? null : viewOf(row);
}

/** Writes (or rewrites) the customer's rating and comment of a booking whose show has started. */
export async function writeFeedback(
  tx: Tx,
  bookingId: string,
  claim: BookingClaim,
  input: FeedbackInput,
  now: Date,
): Promise<{ view: FeedbackView; created: boolean }> {
  const b = await ownedBooking(tx, bookingId, claim);
  if (b.status !== 'confirmed')
    throw new BoError('BO_FEEDBACK_NOT_ALLOWED', 'Only a confirmed booking can be rated.');
  if (b.show_status === 'cancelled')
    throw new BoError(
      'BO_FEEDBACK_NOT_ALLOWED',
      'This show was cancelled, so there is nothing to rate.',
    );
  if (b.starts_at.getTime() > now.getTime())
    throw new BoError(
      'BO_FEEDBACK_TOO_EARLY',
      'You can rate the show once it has started. Come back after the film.',
      { startsAt: b.starts_at.toISOString() },
    );
  const r = await tx.query<{ created: boolean }>({
    name: 'feedback_upsert',
    text: `INSERT INTO feedback (id, booking_id, cinema_id, show_id, customer_id, rating, comment, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
           ON CONFLICT (booking_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, updated_at = excluded.updated_at
           RETURNING (xmax = 0) AS created`,
    values: [
      randomUUID(),
      b.id,
      b.cinema_id,
      b.show_id,
      b.customer_id,
      input.rating,
      input.comment,
      now,
    ],
  });
  const view = await tx.query<Row>({ text: `${SELECT} WHERE f.booking_id = $1`, values: [b.id] });
  return { view: viewOf(view.rows[0] as Row), created: r.rows[0]?.created === true };
}

/** Feedback of the given cinemas, filtered and paged, with the mean rating of all that match. */
export async function listFeedback(
  db: Queryable,
  cinemaIds: string[],
  q: FeedbackListQuery,
): Promise<FeedbackPage> {
  const where = `f.cinema_id = ANY($1::uuid[])
    AND ($2::int IS NULL OR f.rating = $2)
    AND ($3::text IS NULL OR (f.reply IS NOT NULL) = ($3 = 'yes'))
    AND ($4::date IS NULL OR f.created_at >= ($4::date::timestamp AT TIME ZONE c.time_zone))
    AND ($5::date IS NULL OR f.created_at < (($5::date + 1)::timestamp AT TIME ZONE c.time_zone))
    AND ($6::text IS NULL OR m.title ILIKE '%' || $6 || '%' OR f.comment ILIKE '%' || $6 || '%' OR b.reference = upper($6))`;
  const values = [
    cinemaIds,
    q.rating ?? null,
    q.replied ?? null,
    q.from ?? null,
    q.to ?? null,
    q.q ?? null,
  ];
  const order = `${q.sort === 'rating' ? 'f.rating' : 'f.created_at'} ${q.dir === 'asc' ? 'ASC' : 'DESC'}, f.id`;
  const [rows, stats] = await Promise.all([
    db.query<Row>({
      text: `${SELECT} WHERE ${where} ORDER BY ${order} LIMIT $7 OFFSET $8`,
      values: [...values, q.pageSize, (q.page - 1) * q.pageSize],
    }),
    db.query<{ total: number; average: number | null }>({
      text: `SELECT count(*)::int AS total, avg(f.rating)::float8 AS average FROM feedback f
               JOIN bookings b ON b.id = f.booking_id JOIN cinemas c ON c.id = f.cinema_id
               JOIN shows s ON s.id = f.show_id JOIN movies m ON m.id = s.movie_id WHERE ${where}`,
      values,
    }),
  ]);
  const average = stats.rows[0]?.average ?? null;
  return {
    items: rows.rows.map(viewOf),
    total: stats.rows[0]?.total ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    averageRating: average === null ? null : Math.round(average * 100) / 100,
  };
}

/** The cinema's reply (replacing an earlier one), audited; the customer is told. */
export async function replyToFeedback(
  tx: Tx,
  feedbackId: string,
  reply: string,
  staffId: string,
  actor: Actor,
  now: Date,
): Promise<FeedbackView> {
  const before = await tx.query<Row>({
    text: `${SELECT} WHERE f.id = $1 FOR UPDATE OF f`,
    values: [feedbackId],
  });
  const row = before.rows[0];
  if (row === undefined) throw new BoError('BO_NOT_FOUND', 'There is no such feedback.');
  await tx.query({
    name: 'feedback_reply',
    text: 'UPDATE feedback SET reply = $2, replied_by = $3, replied_at = $4 WHERE id = $1',
    values: [feedbackId, reply, staffId, now],
  });
  const after = viewOf({ ...row, reply, replied_at: now });
  await recordEdit(tx, {
    actor,
    action: 'feedback.reply',
    entity: 'feedback',
    entityId: feedbackId,
    // The cinema rides along so the audit trail can file the reply under it.
    before: { reply: row.reply, cinemaId: row.cinema_id },
    after: { reply, cinemaId: row.cinema_id },
    changes: [],
  });
  await appendEvent(tx, {
    type: 'feedback.replied',
    bookingId: row.booking_id,
    showId: row.show_id,
    cinemaId: row.cinema_id,
    data: { reply },
  });
  return after;
}
