// Door mode (issue 18): a scanned ticket code is checked against the replica alone, so a door keeps
// letting people in while the server is away. The code's signature (the server's key, or a station
// key the server certified), this cinema, the show's entry window, voids and refunds, and earlier
// admissions here or at other doors (as the server relayed them) decide. An admission is written
// with its `admit` mutation in one SQLite transaction, so it survives a restart and reaches the
// server like a sale; every scan, let in or not, is kept in door_scans for the staff's list.
import { randomUUID } from 'node:crypto';
import type {
  CinemaInfo,
  DoorResult,
  DoorScan,
  DoorStatus,
} from '../../common/contract/station-types.js';
import { localDateOf, localDayRange, localTimeOf } from '../../common/schedule.js';
import { verifyTicketCode } from '../../common/ticket-code.js';
import type { LocalDb } from './local-db.js';
import type { MutationOutcome, SyncEngine } from './sync/engine.js';

/** What the door needs from the station. */
export type DoorDeps = {
  db: LocalDb;
  engine: Pick<SyncEngine, 'enqueue' | 'status'>;
  /** The server's public key (hex) as the station's certificate carries it; null before the first sync. */
  serverPublicKey: () => string | null;
  cinema: () => CinemaInfo | null;
  stationId: () => string;
  door: { name: string; opensMinutes: number; closesMinutes: number };
  now: () => number;
};

type ShowRow = {
  id: string;
  cinema_id: string;
  starts_at: number;
  status: string;
  title: string | null;
  screen: string | null;
};

const MINUTE = 60_000;
/** How many scans the door keeps for its list; older ones are dropped as new ones come. */
const KEEP_SCANS = 500;

/** The door of a station. */
export function createDoor(d: DoorDeps) {
  const c = d.db.$client;
  const showOf = c.prepare(
    `SELECT s.id, s.cinema_id, s.starts_at, s.status, m.title, sc.name AS screen
       FROM shows s LEFT JOIN movies m ON m.id = s.movie_id LEFT JOIN screens sc ON sc.id = s.screen_id
      WHERE s.id = ?`,
  );
  const revokedOf = c.prepare(
    `SELECT status FROM revoked_tickets WHERE ticket_id = ?
     UNION ALL SELECT status FROM tickets WHERE id = ? AND status IN ('void', 'refunded')
     LIMIT 1`,
  );
  const admissionOf = c.prepare('SELECT door, admitted_at FROM admissions WHERE ticket_id = ?');
  const insertAdmission = c.prepare(
    `INSERT INTO admissions (id, ticket_id, show_id, door, admitted_at, station_id)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertScan = c.prepare(
    'INSERT INTO door_scans (at, result, ticket_id, show_id, message) VALUES (?, ?, ?, ?, ?)',
  );
  const trimScans = c.prepare(
    'DELETE FROM door_scans WHERE seq <= (SELECT max(seq) FROM door_scans) - ?',
  );

  const zone = () => d.cinema()?.timeZone ?? 'UTC';
  const locale = () => d.cinema()?.locale ?? 'en';
  const time = (ms: number) => localTimeOf(new Date(ms), zone(), locale());
  /** "19:02", or "4 Dec 19:02" when it was another day. */
  const when = (ms: number, now: number) =>
    localDateOf(new Date(ms), zone()) === localDateOf(new Date(now), zone())
      ? time(ms)
      : `${new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', timeZone: zone() }).format(ms)} ${time(ms)}`;

  const answer = (
    now: number,
    result: DoorResult,
    message: string,
    ticket: DoorScan['ticket'],
  ): DoorScan => {
    insertScan.run(now, result, ticket?.ticketId ?? null, ticket?.showId ?? null, message);
    trimScans.run(KEEP_SCANS);
    return { result, ok: result === 'admitted', message, ticket, at: new Date(now).toISOString() };
  };

  /** Checks a code and lets its ticket in once; every outcome is an answer, never a throw. */
  function scan(raw: string): DoorScan {
    const now = d.now();
    const code = raw.trim();
    const key = d.serverPublicKey();
    const cinema = d.cinema();
    if (key === null || cinema === null)
      return answer(
        now,
        'not-ready',
        'This door cannot check tickets yet: connect it to the server once.',
        null,
      );
    const v = verifyTicketCode(code, new Uint8Array(Buffer.from(key, 'hex')));
    if (!v.ok) return answer(now, 'invalid', 'Not a Marquee ticket, or a damaged code.', null);
    const { ticketId, showId, seatLabel } = v.payload;
    const show = showOf.get(showId) as ShowRow | undefined;
    const ticket = {
      ticketId,
      showId,
      seatLabel,
      filmTitle: show?.title ?? null,
      screenName: show?.screen ?? null,
      startsAt: show === undefined ? null : new Date(show.starts_at).toISOString(),
    };
    // Every show of this cinema is in the replica: a show it does not know is another cinema's.
    if (show === undefined || show.cinema_id !== cinema.id)
      return answer(now, 'another-cinema', 'A ticket for another cinema.', ticket);
    return c.transaction((): DoorScan => {
      const revoked = revokedOf.get(ticketId, ticketId) as { status: string } | undefined;
      if (revoked !== undefined)
        return revoked.status === 'refunded'
          ? answer(now, 'refunded', 'Refunded: this ticket is no longer valid.', ticket)
          : answer(now, 'voided', 'Voided: this ticket is no longer valid.', ticket);
      if (show.status === 'cancelled')
        return answer(now, 'show-cancelled', 'This show was cancelled.', ticket);
      const before = admissionOf.get(ticketId) as { door: string; admitted_at: number } | undefined;
      if (before !== undefined)
        return answer(
          now,
          'already-admitted',
          `Already admitted ${when(before.admitted_at, now)} at ${before.door}.`,
          ticket,
        );
      const opens = show.starts_at - d.door.opensMinutes * MINUTE;
      const closes = show.starts_at + d.door.closesMinutes * MINUTE;
      if (now < opens) {
        const day =
          localDateOf(new Date(show.starts_at), zone()) === localDateOf(new Date(now), zone())
            ? ''
            : `${when(show.starts_at, now).replace(/ \S+$/, '')} `;
        return answer(
          now,
          'too-early',
          `Show starts ${day}${time(show.starts_at)} — doors open ${time(opens)}.`,
          ticket,
        );
      }
      if (now > closes)
        return answer(
          now,
          'too-late',
          `This show started at ${when(show.starts_at, now)}: entry closed at ${time(closes)}.`,
          ticket,
        );
      const admissionId = randomUUID();
      d.engine.enqueue(
        'admit',
        {
          admissionId,
          ticketId,
          showId,
          door: d.door.name,
          admittedAt: new Date(now).toISOString(),
        },
        {
          id: admissionId,
          offline: d.engine.status().state !== 'online',
          inTx: () => {
            insertAdmission.run(admissionId, ticketId, showId, d.door.name, now, d.stationId());
          },
        },
      );
      return answer(now, 'admitted', `Welcome — seat ${seatLabel}.`, ticket);
    })();
  }

  /**
   * Today's shows, and any other whose doors are open now (the 00:10 show at 23:50, the 23:30 show
   * still letting people in after midnight), with admitted of sold; what waits to sync; the latest scans.
   */
  function status(): DoorStatus {
    const now = d.now();
    const today = localDateOf(new Date(now), zone());
    const { from, to } = localDayRange(today, zone());
    const shows = c
      .prepare(
        `SELECT s.id, s.starts_at, m.title, sc.name AS screen,
                (SELECT count(*) FROM admissions a WHERE a.show_id = s.id) AS admitted,
                (SELECT count(*) FROM show_seats ss WHERE ss.show_id = s.id AND ss.state = 'sold') AS sold
           FROM shows s JOIN movies m ON m.id = s.movie_id JOIN screens sc ON sc.id = s.screen_id
          WHERE ((s.starts_at >= ? AND s.starts_at < ?) OR (s.starts_at >= ? AND s.starts_at <= ?))
            AND s.status <> 'cancelled'
          ORDER BY s.starts_at, sc.name`,
      )
      .all(
        from.getTime(),
        to.getTime(),
        now - d.door.closesMinutes * MINUTE,
        now + d.door.opensMinutes * MINUTE,
      ) as {
      id: string;
      starts_at: number;
      title: string;
      screen: string;
      admitted: number;
      sold: number;
    }[];
    const recent = c
      .prepare('SELECT at, result, message FROM door_scans ORDER BY seq DESC LIMIT 20')
      .all() as { at: number; result: DoorResult; message: string }[];
    const conflicts = (
      c
        .prepare(
          'SELECT count(*) AS n FROM admissions WHERE station_id = ? AND conflict_door IS NOT NULL',
        )
        .get(d.stationId()) as { n: number }
    ).n;
    return {
      door: d.door.name,
      ready: d.serverPublicKey() !== null && d.cinema() !== null,
      pending: d.engine.status().pendingCount,
      shows: shows.map((s) => ({
        showId: s.id,
        filmTitle: s.title,
        screenName: s.screen,
        startsAt: new Date(s.starts_at).toISOString(),
        admitted: s.admitted,
        sold: Math.max(s.sold, s.admitted),
      })),
      recent: recent.map((r) => ({
        at: new Date(r.at).toISOString(),
        result: r.result,
        message: r.message,
      })),
      conflicts,
    };
  }

  /** The server's answer to an admission: a conflict is marked on this door's row. */
  function onOutcome(o: MutationOutcome): void {
    if (o.outcome !== 'ack' || o.mutation.kind !== 'admit') return;
    const r = o.result as {
      admissionId?: string;
      conflict?: { door: string; admittedAt: string } | null;
    };
    if (r.conflict == null || r.admissionId === undefined) return;
    c.prepare('UPDATE admissions SET conflict_door = ?, conflict_at = ? WHERE id = ?').run(
      r.conflict.door,
      Date.parse(r.conflict.admittedAt),
      r.admissionId,
    );
  }

  return { scan, status, onOutcome };
}

export type Door = ReturnType<typeof createDoor>;
