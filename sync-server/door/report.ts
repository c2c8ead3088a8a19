// The managers' view of a cinema's doors for one local day (issue 18): admitted of sold per show,
// and every admission that came second with the one that came first (see admit.ts).
import type pg from 'pg';
import type { DoorReport } from '../../common/api/door.js';
import { BoError } from '../../common/errors.js';
import { localDateOf, localDayRange } from '../../common/schedule.js';

/** The door report of `cinemaId` for `date` (its local day), or today there. */
export async function doorReportOf(
  pool: pg.Pool,
  cinemaId: string,
  date: string | undefined,
  now: Date,
): Promise<DoorReport> {
  const cinema = await pool.query<{ time_zone: string }>(
    'SELECT time_zone FROM cinemas WHERE id = $1',
    [cinemaId],
  );
  const timeZone = cinema.rows[0]?.time_zone;
  if (timeZone === undefined) throw new BoError('BO_NOT_FOUND', 'There is no such cinema.');
  const day = date ?? localDateOf(now, timeZone);
  const { from, to } = localDayRange(day, timeZone);
  const [shows, conflicts] = await Promise.all([
    pool.query<{
      id: string;
      starts_at: Date;
      title: string;
      screen: string;
      status: string;
      sold: number;
      admitted: number;
    }>(
      `SELECT s.id, s.starts_at, m.title, sc.name AS screen, s.status,
              (SELECT count(*)::int FROM tickets t JOIN orders o ON o.id = t.order_id
                WHERE t.show_id = s.id AND t.status = 'valid' AND NOT o.training) AS sold,
              (SELECT count(*)::int FROM admissions a
                WHERE a.show_id = s.id AND a.first_id IS NULL) AS admitted
         FROM shows s JOIN movies m ON m.id = s.movie_id JOIN screens sc ON sc.id = s.screen_id
        WHERE s.cinema_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3
        ORDER BY s.starts_at, sc.name`,
      [cinemaId, from, to],
    ),
    pool.query<{
      id: string;
      ticket_id: string;
      seat: string | null;
      show_id: string;
      starts_at: Date;
      title: string;
      first_door: string;
      first_station: string;
      first_at: Date;
      door: string;
      station: string;
      admitted_at: Date;
      received_at: Date;
    }>(
      `SELECT a.id, a.ticket_id, se.label AS seat, s.id AS show_id, s.starts_at, m.title,
              f.door AS first_door, fs.name AS first_station, f.admitted_at AS first_at,
              a.door, st.name AS station, a.admitted_at, a.received_at
         FROM admissions a
         JOIN admissions f ON f.id = a.first_id
         JOIN stations st ON st.id = a.station_id
         JOIN stations fs ON fs.id = f.station_id
         JOIN shows s ON s.id = a.show_id
         JOIN movies m ON m.id = s.movie_id
         LEFT JOIN tickets t ON t.id = a.ticket_id
         LEFT JOIN seats se ON se.id = t.seat_id
        WHERE a.cinema_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3
        ORDER BY a.received_at, a.id`,
      [cinemaId, from, to],
    ),
  ]);
  return {
    cinemaId,
    date: day,
    timeZone,
    shows: shows.rows.map((r) => ({
      showId: r.id,
      startsAt: r.starts_at.toISOString(),
      filmTitle: r.title,
      screenName: r.screen,
      status: r.status,
      sold: r.sold,
      admitted: r.admitted,
    })),
    conflicts: conflicts.rows.map((r) => ({
      admissionId: r.id,
      ticketId: r.ticket_id,
      seatLabel: r.seat,
      showId: r.show_id,
      startsAt: r.starts_at.toISOString(),
      filmTitle: r.title,
      first: {
        door: r.first_door,
        stationName: r.first_station,
        admittedAt: r.first_at.toISOString(),
      },
      second: {
        door: r.door,
        stationName: r.station,
        admittedAt: r.admitted_at.toISOString(),
        receivedAt: r.received_at.toISOString(),
      },
    })),
  };
}
