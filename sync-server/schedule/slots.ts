// Free slots of a screen on a cinema day (seed 001's available-slots): the stretches between its
// shows (cleaning included) from the day's start to its end, each long enough for the film's
// block when a film is given. Times that have passed are not free.
import type { AvailableSlots } from '../../common/api/admin-schedule.js';
import { BoError } from '../../common/errors.js';
import type { Queryable } from '../services/tx.js';
import { cinemaDays, cinemaFacts } from './read.js';

const MINUTE = 60_000;

/** The free stretches of one screen's cinema day; see the file comment. */
export async function availableSlots(
  db: Queryable,
  screenId: string,
  q: { date: string; filmId?: string | undefined },
  now: Date,
): Promise<AvailableSlots> {
  const s = await db.query<{ cinema_id: string; cleaning_minutes: number }>(
    'SELECT cinema_id, cleaning_minutes FROM screens WHERE id = $1',
    [screenId],
  );
  const screen = s.rows[0];
  if (!screen) throw new BoError('BO_NOT_FOUND', 'There is no such screen.');
  const cinema = await cinemaFacts(db, screen.cinema_id);
  let blockMinutes: number | null = null;
  if (q.filmId !== undefined) {
    const f = await db.query<{ duration_minutes: number }>(
      'SELECT duration_minutes FROM movies WHERE id = $1 AND chain_id = $2',
      [q.filmId, cinema.chainId],
    );
    const film = f.rows[0];
    if (!film) throw new BoError('BO_NOT_FOUND', 'There is no such film.');
    blockMinutes = cinema.adsMinutes + film.duration_minutes + screen.cleaning_minutes;
  }
  const day = cinemaDays(q.date, 1, cinema.timeZone);
  const busy = await db.query<{ starts_at: Date; ends_at: Date }>(
    `SELECT starts_at, ends_at FROM shows
      WHERE screen_id = $1 AND status <> 'cancelled' AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at`,
    [screenId, day.from, day.to],
  );
  const slots: AvailableSlots['slots'] = [];
  let cursor = Math.max(day.from.getTime(), Math.ceil(now.getTime() / (5 * MINUTE)) * 5 * MINUTE);
  const push = (end: number) => {
    const minutes = Math.floor((end - cursor) / MINUTE);
    if (minutes > 0 && minutes >= (blockMinutes ?? 1))
      slots.push({
        from: new Date(cursor).toISOString(),
        to: new Date(end).toISOString(),
        minutes,
      });
  };
  for (const b of busy.rows) {
    push(Math.min(b.starts_at.getTime(), day.to.getTime()));
    cursor = Math.max(cursor, b.ends_at.getTime());
  }
  push(day.to.getTime());
  return { screenId, date: q.date, slots, blockMinutes };
}
