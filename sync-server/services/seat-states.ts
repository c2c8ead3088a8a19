// The current state of every seat of a show, with lapsed holds already shown as free.
import type pg from 'pg';
import type { SeatChange } from '../../common/sync-protocol.js';
import { effectiveState } from './seat-locks.js';

/** Reads every seat's effective state and version for a show. */
export async function seatStates(pool: pg.Pool, showId: string): Promise<SeatChange[]> {
  const r = await pool.query<{
    seat_id: string;
    state: SeatChange['state'];
    station_id: string | null;
    version: number;
    hold_expires_at: Date | null;
    hold_status: string | null;
  }>({
    name: 'seat_states',
    text: `SELECT ss.seat_id, ss.state, ss.station_id, ss.version, h.expires_at AS hold_expires_at, h.status AS hold_status
           FROM show_seats ss LEFT JOIN holds h ON h.id = ss.hold_id WHERE ss.show_id = $1`,
    values: [showId],
  });
  const now = new Date();
  return r.rows.map((s) => ({
    seatId: s.seat_id,
    state: effectiveState(s, now),
    stationId: s.station_id,
    version: s.version,
  }));
}
