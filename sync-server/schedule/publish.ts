// Publishing drafts (issue 16): a draft becomes on sale, and its cinema's stations learn it, its
// film, prices and seats through the change log, as the demo's roll-forward tells them of new
// shows. A draft without prices cannot be published: it could not be sold.
import type pg from 'pg';
import type { SchedulePublish } from '../../common/api/admin-schedule.js';
import { BoError } from '../../common/errors.js';
import { logAddedShows } from '../../db/demo/extend-changes.js';
import { audit, type Actor } from '../services/audit.js';
import { appendChange, appendSeatChanges } from '../services/change-log.js';
import { clearShowCaches } from '../services/shows.js';
import { withTx } from '../services/tx.js';
import { cinemaDays, cinemaFacts } from './read.js';

/** Publishes the listed drafts, or every draft of some cinema days; returns those published. */
export async function publishShows(
  pool: pg.Pool,
  actor: Actor,
  cinemaId: string,
  body: SchedulePublish,
  now: Date,
): Promise<{ published: number; showIds: string[] }> {
  const ids = await withTx(pool, async (tx) => {
    let drafts;
    if (body.showIds) {
      drafts = await tx.query<{ id: string; starts_at: Date; priced: boolean }>(
        `SELECT s.id, s.starts_at, EXISTS (SELECT 1 FROM show_prices p WHERE p.show_id = s.id) AS priced
           FROM shows s WHERE s.id = ANY($1::uuid[]) AND s.cinema_id = $2 AND s.status = 'draft'
          ORDER BY s.id FOR UPDATE`,
        [body.showIds, cinemaId],
      );
    } else {
      const cinema = await cinemaFacts(tx, cinemaId);
      const range = cinemaDays(body.from ?? '', body.days ?? 1, cinema.timeZone);
      drafts = await tx.query<{ id: string; starts_at: Date; priced: boolean }>(
        `SELECT s.id, s.starts_at, EXISTS (SELECT 1 FROM show_prices p WHERE p.show_id = s.id) AS priced
           FROM shows s WHERE s.cinema_id = $1 AND s.status = 'draft' AND s.starts_at >= $2 AND s.starts_at < $3
          ORDER BY s.id FOR UPDATE`,
        [cinemaId, range.from, range.to],
      );
    }
    const unpriced = drafts.rows.filter((d) => !d.priced);
    if (unpriced.length > 0)
      throw new BoError(
        'BO_CONFLICT',
        `${String(unpriced.length)} of these shows have no prices yet: give them a price card first. Nothing was published.`,
        { showIds: unpriced.map((d) => d.id) },
      );
    const past = drafts.rows.filter((d) => d.starts_at <= now);
    if (past.length > 0)
      throw new BoError(
        'BO_SHOW_STARTED',
        'A show whose time has passed cannot be published; delete it.',
        {
          showIds: past.map((d) => d.id),
        },
      );
    const ids = drafts.rows.map((d) => d.id);
    if (ids.length === 0) return ids;
    await tx.query("UPDATE shows SET status = 'on_sale' WHERE id = ANY($1::uuid[])", [ids]);
    const seats = await tx.query<{
      showId: string;
      seatId: string;
      state: 'available' | 'blocked';
      blockReason: string | null;
    }>(
      `SELECT show_id AS "showId", seat_id AS "seatId", state, block_reason AS "blockReason"
         FROM show_seats WHERE show_id = ANY($1::uuid[]) ORDER BY show_id, seat_id`,
      [ids],
    );
    await logAddedShows(
      tx,
      { appendChange, appendSeatChanges },
      { shows: ids.map((id) => ({ id })), showSeats: seats.rows },
    );
    await audit(tx, actor, 'shows.publish', 'cinema', cinemaId, {
      before: null,
      after: { showIds: ids },
    });
    return ids;
  });
  clearShowCaches();
  return { published: ids.length, showIds: ids };
}
