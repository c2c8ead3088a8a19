// Pick-up of a web booking at a counter or kiosk (issue 18, DESIGN §5): found by its reference or by
// a ticket's QR from the confirmation email, in the replica (today's bookings are synced, so it
// works offline); its tickets print once, with the codes the server signed, and the collection is
// queued as a `collect` mutation that tells the cinema's other stations. A second print is refused
// at a kiosk; at a counter it is a manager-approved REPRINT.
import { randomUUID } from 'node:crypto';
import type { CinemaInfo, PickupBooking, PickupCollected } from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import type { LocalDb } from './local-db.js';
import type { PrintPort, SyncPort } from './ports.js';
import { ticketPrints, type TicketSigner } from './sale-prints.js';

export type PickupDeps = {
  db: LocalDb;
  sync: SyncPort;
  print: PrintPort;
  cinema: () => CinemaInfo;
  stationId: string;
  kiosk: boolean;
  sign: TicketSigner;
  /** The station's clock (ms), injectable for tests. */
  now: () => number;
};

/** Order states whose tickets may be handed over. */
const COLLECTABLE = new Set(['paid', 'partially_refunded']);
// A ticket code (the email's QR) is long base64url; a reference is a few letters.
const TICKET_CODE = /^[A-Za-z0-9_-]{40,}$/;

/** A typed reference in the form the server stores it: capitals, without spaces or dashes. */
export function normalReference(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

type OrderRow = {
  id: string;
  cinema_id: string;
  show_id: string | null;
  status: string;
  reference: string | null;
  total_minor: number;
  currency: string;
};

/** Pick-up at this station. */
export function createPickup(deps: PickupDeps) {
  const c = deps.db.$client;
  const orderBy = (where: string) =>
    c.prepare<[string], OrderRow>(
      `SELECT o.id, o.cinema_id, o.show_id, o.status, o.reference, o.total_minor, o.currency FROM orders o WHERE ${where} AND o.channel = 'web' LIMIT 1`,
    );
  const byReference = orderBy('upper(o.reference) = ?');
  const byTicketCode = orderBy('o.id = (SELECT order_id FROM tickets WHERE code = ?)');
  const byId = orderBy('o.id = ?');
  const collectedOf = c.prepare<
    [string],
    { station_id: string; collected_at: number; kiosk: number }
  >('SELECT station_id, collected_at, kiosk FROM order_collections WHERE order_id = ?');

  const find = (query: string): OrderRow => {
    const typed = query.trim();
    const row = TICKET_CODE.test(typed)
      ? byTicketCode.get(typed)
      : byReference.get(normalReference(typed));
    if (row === undefined)
      throw new BoError(
        'BO_BOOKING_NOT_FOUND',
        'No booking with that reference here. Check the letters with the customer’s confirmation email; bookings for later days may not have reached this station yet.',
      );
    return row;
  };

  /** Refuses a booking that is not this cinema's or whose tickets may not be handed over. */
  const check = (o: OrderRow): void => {
    if (o.cinema_id !== deps.cinema().id)
      throw new BoError('BO_FORBIDDEN', 'This booking is for another cinema. Nothing was printed.');
    if (!COLLECTABLE.has(o.status))
      throw new BoError(
        'BO_BOOKING_STATE',
        o.status === 'refunded'
          ? 'This booking was refunded: its tickets are no longer valid. Nothing was printed.'
          : o.status === 'cancelled'
            ? 'This booking was cancelled: its tickets are no longer valid. Nothing was printed.'
            : `This booking is not paid (${o.status}): its tickets cannot be handed over.`,
        { status: o.status },
      );
  };

  const view = (o: OrderRow): PickupBooking => {
    const show = c
      .prepare(
        'SELECT m.title, sc.name AS screen, sh.starts_at FROM shows sh JOIN movies m ON m.id = sh.movie_id JOIN screens sc ON sc.id = sh.screen_id WHERE sh.id = ?',
      )
      .get(o.show_id) as { title: string; screen: string; starts_at: number } | undefined;
    const seats = c
      .prepare(
        `SELECT t.id, coalesce(s.label, '') AS label, coalesce(tt.name, 'Ticket') AS type, t.price_minor
         FROM tickets t LEFT JOIN seats s ON s.id = t.seat_id LEFT JOIN ticket_types tt ON tt.id = t.ticket_type_id
         WHERE t.order_id = ? AND t.status = 'valid' ORDER BY s.row_label, s.number`,
      )
      .all(o.id) as { id: string; label: string; type: string; price_minor: number }[];
    const food = c
      .prepare(
        `SELECT coalesce(ci.name, 'Item') AS name, oi.quantity FROM order_items oi
         LEFT JOIN concession_items ci ON ci.id = oi.concession_item_id WHERE oi.order_id = ?`,
      )
      .all(o.id) as { name: string; quantity: number }[];
    const col = collectedOf.get(o.id);
    return {
      orderId: o.id,
      reference: o.reference ?? '',
      status: o.status,
      paid: COLLECTABLE.has(o.status),
      movieTitle: show?.title ?? 'Film',
      screenName: show?.screen ?? '',
      startsAt: new Date(show?.starts_at ?? 0).toISOString(),
      totalMinor: o.total_minor,
      currency: o.currency,
      seats: seats.map((s) => ({
        ticketId: s.id,
        label: s.label,
        ticketType: s.type,
        priceMinor: s.price_minor,
      })),
      food,
      collected:
        col === undefined
          ? null
          : {
              at: new Date(col.collected_at).toISOString(),
              stationId: col.station_id,
              here: col.station_id === deps.stationId,
              kiosk: col.kiosk === 1,
            },
    };
  };

  /** The ticket print data of a booking's valid tickets, with the codes the server signed. */
  const prints = (o: OrderRow, b: PickupBooking) => {
    const rows = c
      .prepare(
        "SELECT id, seat_id, ticket_type_id, price_minor, code FROM tickets WHERE order_id = ? AND status = 'valid' ORDER BY rowid",
      )
      .all(o.id) as {
      id: string;
      seat_id: string;
      ticket_type_id: string;
      price_minor: number;
      code: string | null;
    }[];
    const codes = new Map(rows.map((r) => [r.id, r.code]));
    const sign: TicketSigner = (t) => codes.get(t.ticketId) ?? deps.sign(t);
    return ticketPrints(
      deps.db,
      deps.cinema(),
      {
        showId: o.show_id ?? '',
        saleNumber: 0,
        lines: rows.map((r) => ({
          seatId: r.seat_id,
          ticketTypeId: r.ticket_type_id,
          ticketId: r.id,
        })),
        priced: { tickets: rows.map((r) => ({ totalMinor: r.price_minor, taxes: [] })) },
      },
      sign,
    ).map((t) => ({ ...t, saleNumber: b.reference }));
  };

  const printKey = (orderId: string) => `print:${orderId}`;

  return {
    /** Finds a booking of this cinema by reference or ticket QR; refuses one that cannot be collected. */
    find(query: string): PickupBooking {
      const o = find(query);
      check(o);
      return view(o);
    },

    /** Prints a booking's tickets once and records the collection (queued for the server). */
    collect(orderId: string, staffId: string | null): PickupCollected {
      const o = byId.get(orderId);
      if (o === undefined) throw new BoError('BO_BOOKING_NOT_FOUND', 'No such booking here.');
      check(o);
      const before = view(o);
      if (before.collected !== null)
        throw new BoError(
          'BO_ALREADY_COLLECTED',
          deps.kiosk
            ? 'These tickets were already printed. Please ask at the counter.'
            : `These tickets were already printed ${before.collected.here ? 'at this station' : 'at another station'}. A manager can approve a reprint.`,
          { collectedAt: before.collected.at, stationId: before.collected.stationId },
        );
      if (before.seats.length === 0)
        throw new BoError('BO_TICKET_NOT_VALID', 'This booking has no valid tickets left.');
      const collectionId = randomUUID();
      const at = deps.now();
      const offline = !deps.sync.isOnline();
      // The collection, its outbox row and its print job commit together: never printed unrecorded.
      const jobIds = c.transaction(() => {
        c.prepare(
          'INSERT INTO order_collections (order_id, collection_id, station_id, staff_id, collected_at, kiosk) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(orderId, collectionId, deps.stationId, staffId, at, deps.kiosk ? 1 : 0);
        deps.sync.enqueue(
          'collect',
          {
            collectionId,
            orderId,
            ...(staffId === null ? {} : { staffId }),
            kiosk: deps.kiosk,
            collectedAt: new Date(at).toISOString(),
          },
          { offline, id: collectionId },
        );
        const ids = [deps.print.enqueue('ticket', prints(o, before) as never)];
        // Under the sale's key, so the counter's reprint path finds the tickets it printed.
        c.prepare(
          'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        ).run(printKey(orderId), JSON.stringify(ids));
        return ids;
      })();
      return { booking: view(o), jobIds, offline };
    },

    /**
     * A counter's manager-approved second print (the caller checked the PIN): REPRINT n of the job
     * printed here; collected at another station, a copy is printed here and the first marked.
     */
    reprint(orderId: string, reprintSale: (orderId: string) => string[]): string[] {
      if (deps.kiosk)
        throw new BoError(
          'BO_ALREADY_COLLECTED',
          'A kiosk prints a booking’s tickets once. Please ask at the counter.',
        );
      const o = byId.get(orderId);
      if (o === undefined) throw new BoError('BO_BOOKING_NOT_FOUND', 'No such booking here.');
      check(o);
      const b = view(o);
      if (b.collected === null)
        throw new BoError(
          'BO_VALIDATION',
          'These tickets were never printed: collect them instead of reprinting.',
        );
      const printedHere = c
        .prepare('SELECT 1 FROM sync_state WHERE key = ?')
        .get(printKey(orderId));
      // The reprint path copies the job printed here (marked REPRINT n); a station that never
      // printed these tickets has no original to copy, and an unmarked copy must never print.
      if (printedHere === undefined)
        throw new BoError(
          'BO_ALREADY_COLLECTED',
          'These tickets were printed at another station: reprint them there.',
          { stationId: b.collected.stationId },
        );
      return reprintSale(orderId);
    },
  };
}

export type Pickup = ReturnType<typeof createPickup>;
