// What a web hold's owner may do with it besides releasing it: read it and extend it once. Each
// lookup carries the owner test in its own statement, so a hold that is not the caller's is not
// found at all, and costs no extra round trip (DESIGN §10).
import type pg from 'pg';
import { BoError } from '../../common/errors.js';
import { audit, type Actor } from './audit.js';
import { claimValues, ownedBySql, type HoldClaim } from './hold-owner.js';
import type { HoldTimes, HoldView } from './holds.js';
import type { Tx } from './tx.js';

type HoldRow = {
  id: string;
  show_id: string;
  status: string;
  expires_at: Date;
  extended: boolean;
};

const notFound = () =>
  new BoError('BO_HOLD_NOT_FOUND', 'No such hold. It may have been released already.');

const HOLD_COLUMNS = 'h.id, h.show_id, h.status, h.expires_at, h.extended';
const SEATS_OF_HOLD =
  'SELECT seat_id FROM show_seats WHERE show_id = $1 AND hold_id = $2 ORDER BY seat_id';

/** Reads a hold its claim owns, expiring it lazily if its time is up; BO_HOLD_NOT_FOUND otherwise. */
export async function getHold(pool: pg.Pool, holdId: string, claim: HoldClaim): Promise<HoldView> {
  const r = await pool.query<HoldRow>({
    name: 'hold_get',
    text: `SELECT ${HOLD_COLUMNS} FROM holds h WHERE h.id = $1 AND ${ownedBySql('h', 2)}`,
    values: [holdId, ...claimValues(claim)],
  });
  const row = r.rows[0];
  if (!row) throw notFound();
  const status = row.status === 'active' && row.expires_at <= new Date() ? 'expired' : row.status;
  const seats =
    status === 'active'
      ? await pool.query<{ seat_id: string }>({
          name: 'hold_seats_read',
          text: SEATS_OF_HOLD,
          values: [row.show_id, holdId],
        })
      : { rows: [] };
  return {
    holdId,
    showId: row.show_id,
    seatIds: seats.rows.map((s) => s.seat_id),
    expiresAt: row.expires_at.toISOString(),
    status,
    extended: row.extended,
  };
}

/** Extends an active hold its claim owns once (when payment starts), never past the hard cap. */
export async function extendHold(
  tx: Tx,
  holdId: string,
  actor: Actor,
  times: HoldTimes,
  claim: HoldClaim,
): Promise<HoldView> {
  const locked = await tx.query<HoldRow>({
    name: 'hold_lock',
    text: `SELECT ${HOLD_COLUMNS} FROM holds h WHERE h.id = $1 AND ${ownedBySql('h', 2)} FOR UPDATE`,
    values: [holdId, ...claimValues(claim)],
  });
  const hold = locked.rows[0];
  if (!hold) throw notFound();
  if (hold.status !== 'active' || hold.expires_at <= new Date())
    throw new BoError(
      'BO_HOLD_EXPIRED',
      'This hold has expired; its seats may be gone. Choose seats again.',
    );
  if (hold.extended)
    throw new BoError('BO_HOLD_EXTEND_LIMIT', 'This hold was extended once already.');
  const r = await tx.query<{ expires_at: Date }>({
    name: 'hold_extend',
    text: `UPDATE holds SET extended = true,
             expires_at = LEAST(expires_at + make_interval(secs => $2), created_at + make_interval(secs => $3))
           WHERE id = $1 RETURNING expires_at`,
    values: [holdId, times.extendSeconds, times.maxSeconds],
  });
  await audit(tx, actor, 'extend', 'hold', holdId, {});
  const seats = await tx.query<{ seat_id: string }>({
    name: 'hold_seats',
    text: SEATS_OF_HOLD,
    values: [hold.show_id, holdId],
  });
  return {
    holdId,
    showId: hold.show_id,
    seatIds: seats.rows.map((s) => s.seat_id),
    expiresAt: (r.rows[0]?.expires_at ?? hold.expires_at).toISOString(),
    status: 'active',
    extended: true,
  };
}
