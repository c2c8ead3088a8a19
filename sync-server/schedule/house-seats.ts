// House seats of a show (issue 16): managers see the show's seats with their states and block
// free ones with a reason (or unblock them). A published show goes through the arbitration's
// block and unblock (seat locks, change log, audit); a draft's seats change in place, since no
// station or customer has seen them yet.
import type pg from 'pg';
import type { AdminShowSeats } from '../../common/api/admin-schedule.js';
import { BoError } from '../../common/errors.js';
import { blockSeats, unblockSeats } from '../services/allocation.js';
import { audit, type Actor } from '../services/audit.js';
import { withTx } from '../services/tx.js';
import { plannedShowOf } from './read.js';

/** The show's seats as managers see them. */
export async function showSeats(db: pg.Pool, showId: string): Promise<AdminShowSeats> {
  const show = await plannedShowOf(db, showId);
  const layout = await db.query<{ width: number; height: number }>(
    'SELECT l.width, l.height FROM shows s JOIN seat_layouts l ON l.id = s.layout_id WHERE s.id = $1',
    [showId],
  );
  const cats = await db.query<{ code: string; name: string; color: string }>(
    `SELECT DISTINCT c.code, c.name, c.color, c.rank FROM seat_categories c
       JOIN seats se ON se.category_id = c.id JOIN shows s ON s.layout_id = se.layout_id
      WHERE s.id = $1 ORDER BY c.rank DESC, c.code`,
    [showId],
  );
  const seats = await db.query<AdminShowSeats['seats'][number]>(
    `SELECT se.id, se.label, se.row_label AS "rowLabel", se.x, se.y, c.code AS "categoryCode", se.kind,
        CASE WHEN ss.state = 'held' AND (h.status IS DISTINCT FROM 'active' OR h.expires_at <= now())
             THEN CASE WHEN ss.station_id IS NULL THEN 'available' ELSE 'allocated' END ELSE ss.state END AS state,
        ss.block_reason AS "blockReason"
       FROM show_seats ss JOIN seats se ON se.id = ss.seat_id JOIN seat_categories c ON c.id = se.category_id
       LEFT JOIN holds h ON h.id = ss.hold_id
      WHERE ss.show_id = $1 ORDER BY se.y, se.x`,
    [showId],
  );
  return {
    show,
    width: layout.rows[0]?.width ?? 0,
    height: layout.rows[0]?.height ?? 0,
    categories: cats.rows.map((c) => ({ code: c.code, name: c.name, color: c.color })),
    seats: seats.rows,
  };
}

async function statusOf(db: pg.Pool, showId: string): Promise<{ status: string; startsAt: Date }> {
  const r = await db.query<{ status: string; starts_at: Date }>(
    'SELECT status, starts_at FROM shows WHERE id = $1',
    [showId],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_SHOW_NOT_FOUND', 'There is no such show.');
  if (row.status === 'cancelled')
    throw new BoError('BO_SHOW_CANCELLED', 'This show is cancelled; its seats cannot change.');
  return { status: row.status, startsAt: row.starts_at };
}

/** Blocks free seats of a show with a reason, all or none. */
export async function blockHouseSeats(
  pool: pg.Pool,
  actor: Actor,
  showId: string,
  body: { seatIds: string[]; reason: string },
): Promise<AdminShowSeats> {
  const { status } = await statusOf(pool, showId);
  await withTx(pool, async (tx) => {
    if (status !== 'draft') {
      await blockSeats(tx, { showId, seatIds: body.seatIds, reason: body.reason }, actor);
      return;
    }
    const r = await tx.query<{ seat_id: string; state: string }>(
      'SELECT seat_id, state FROM show_seats WHERE show_id = $1 AND seat_id = ANY($2::uuid[]) ORDER BY seat_id FOR UPDATE',
      [showId, body.seatIds],
    );
    const unknown = body.seatIds.filter((id) => !r.rows.some((x) => x.seat_id === id));
    if (unknown.length > 0)
      throw new BoError('BO_SEAT_NOT_FOUND', 'Some of these seats are not in this show.', {
        seatIds: unknown,
      });
    await tx.query(
      "UPDATE show_seats SET state = 'blocked', block_reason = $3, version = version + 1 WHERE show_id = $1 AND seat_id = ANY($2::uuid[])",
      [showId, body.seatIds, body.reason],
    );
    await audit(tx, actor, 'block', 'show', showId, { seatIds: body.seatIds, reason: body.reason });
  });
  return showSeats(pool, showId);
}

/** Unblocks blocked seats of a show; they become free. */
export async function unblockHouseSeats(
  pool: pg.Pool,
  actor: Actor,
  showId: string,
  body: { seatIds: string[] },
): Promise<AdminShowSeats> {
  const { status } = await statusOf(pool, showId);
  await withTx(pool, async (tx) => {
    if (status !== 'draft') {
      await unblockSeats(tx, { showId, seatIds: body.seatIds }, actor);
      return;
    }
    await tx.query(
      "UPDATE show_seats SET state = 'available', block_reason = NULL, version = version + 1 WHERE show_id = $1 AND seat_id = ANY($2::uuid[]) AND state = 'blocked'",
      [showId, body.seatIds],
    );
    await audit(tx, actor, 'unblock', 'show', showId, { seatIds: body.seatIds });
  });
  return showSeats(pool, showId);
}
