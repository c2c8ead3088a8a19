// Voids and refunds of tickets (DESIGN §3, §7): the seats come free in the same transaction, and
// every voided or refunded ticket id goes to the cinema's stations as a revocation in the change
// log, so a door can refuse a ticket that was given back even when it was printed elsewhere.
import { BoError } from '../../common/errors.js';
import type { SeatChange } from '../../common/sync-protocol.js';
import type { Actor } from './audit.js';
import { appendChangesWithAudit, seatsChange, type NewChange } from './change-log.js';
import { seatChangeOf, type SeatRow } from './sales.js';
import { showMeta, type ShowMeta } from './shows.js';
import type { Tx } from './tx.js';

/** What a void or refund names: its tickets, why, who did it and the manager who approved it. */
export type VoidInput = {
  ticketIds: string[];
  reason: string;
  refund: boolean;
  /** The staff member who voided (checked by the caller against the cinema's staff). */
  staffId?: string | undefined;
  /** The manager who approved it (checked by the caller); a station refund always names one. */
  approvedBy?: string | undefined;
};

/** The change entity that tells stations a ticket is no longer valid. */
export const REVOCATION_ENTITY = 'ticket_revocation';

/**
 * Voids tickets, settles their orders' status and frees their seats (locked here in show and seat
 * order, DESIGN §3), in one statement; returns the seats' new states by show. The tickets must be
 * locked and checked.
 */
async function writeVoid(
  tx: Tx,
  ticketIds: string[],
  status: string,
  orderIds: string[],
  seats: { showId: string; seatId: string }[],
): Promise<Map<string, SeatChange[]>> {
  const r = await tx.query<SeatRow>({
    name: 'void_write',
    // Sub-statements share one snapshot, so the order's other tickets are those not voided now.
    text: `WITH locked AS (
             SELECT ss.show_id, ss.seat_id FROM show_seats ss
             JOIN unnest($4::uuid[], $5::uuid[]) AS v(show_id, seat_id) ON ss.show_id = v.show_id AND ss.seat_id = v.seat_id
             ORDER BY ss.show_id, ss.seat_id FOR UPDATE OF ss
           ), voided AS (
             UPDATE tickets SET status = $2::text WHERE id = ANY($1::uuid[])
           ), settled AS (
             UPDATE orders o SET status = CASE WHEN EXISTS (
                 SELECT 1 FROM tickets x WHERE x.order_id = o.id AND x.status = 'valid' AND x.id <> ALL($1::uuid[])
               ) THEN 'partially_refunded' ELSE $2::text END
             WHERE o.id = ANY($3::uuid[])
           )
           UPDATE show_seats ss SET state = 'available', hold_id = NULL, station_id = NULL, ticket_id = NULL, block_reason = NULL, version = ss.version + 1
           FROM locked WHERE ss.show_id = locked.show_id AND ss.seat_id = locked.seat_id
           RETURNING ss.show_id, ss.seat_id, ss.state, ss.station_id, ss.version`,
    values: [ticketIds, status, orderIds, seats.map((s) => s.showId), seats.map((s) => s.seatId)],
  });
  const byShow = new Map<string, SeatChange[]>();
  for (const row of r.rows)
    byShow.set(row.show_id, [...(byShow.get(row.show_id) ?? []), seatChangeOf(row)]);
  // What lockSeats said of a seat row that is missing; a ticket's seat always has one, so this is a data error.
  for (const showId of new Set(seats.map((s) => s.showId))) {
    const found = new Set((byShow.get(showId) ?? []).map((c) => c.seatId));
    const missing = [
      ...new Set(
        seats.filter((s) => s.showId === showId && !found.has(s.seatId)).map((s) => s.seatId),
      ),
    ].sort();
    if (missing.length > 0)
      throw new BoError(
        'BO_SEAT_NOT_FOUND',
        `These seats are not part of show ${showId}: ${missing.join(', ')}.`,
        { seatIds: missing },
      );
  }
  return byShow;
}

/** Voids or refunds valid tickets; their seats become available again. */
export async function voidTickets(
  tx: Tx,
  input: VoidInput,
  actor: Actor,
): Promise<{ ticketIds: string[]; status: string }> {
  const r = await tx.query<{
    id: string;
    order_id: string;
    show_id: string;
    seat_id: string;
    status: string;
    station_id: string | null;
  }>({
    name: 'void_lock_tickets',
    text: 'SELECT t.id, t.order_id, t.show_id, t.seat_id, t.status, o.station_id FROM tickets t JOIN orders o ON o.id = t.order_id WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE OF t',
    values: [input.ticketIds],
  });
  if (r.rows.length !== new Set(input.ticketIds).size)
    throw new BoError('BO_TICKET_NOT_FOUND', 'One or more tickets do not exist.');
  const notValid = r.rows.filter((t) => t.status !== 'valid').map((t) => t.id);
  if (notValid.length > 0)
    throw new BoError('BO_TICKET_NOT_VALID', 'Some tickets were voided or refunded already.', {
      ticketIds: notValid,
    });
  if (actor.channel === 'station' && r.rows.some((t) => t.station_id !== actor.stationId)) {
    throw new BoError(
      'BO_FORBIDDEN',
      'Only tickets sold at this station can be voided here; refund others through a manager on the server.',
    );
  }
  const status = input.refund ? 'refunded' : 'void';
  const shows = new Map<string, ShowMeta>();
  for (const showId of new Set(r.rows.map((t) => t.show_id)))
    shows.set(showId, await showMeta(tx, showId));
  const seats = r.rows.map((t) => ({ showId: t.show_id, seatId: t.seat_id }));
  const bySeat = await writeVoid(
    tx,
    input.ticketIds,
    status,
    [...new Set(r.rows.map((t) => t.order_id))],
    seats,
  );
  // One seat change per show, shows in the order their first ticket came (as the per-show loop did).
  const changes = [...shows.values()].map((show) =>
    seatsChange(show.cinemaId, show.id, bySeat.get(show.id) ?? []),
  );
  const revokedAt = new Date().toISOString();
  const revocations: NewChange[] = r.rows.map((t) => ({
    cinemaId: shows.get(t.show_id)?.cinemaId ?? '',
    showId: t.show_id,
    entity: REVOCATION_ENTITY,
    entityId: t.id,
    op: 'upsert',
    data: { ticketId: t.id, showId: t.show_id, status, revokedAt },
  }));
  await appendChangesWithAudit(tx, [...changes, ...revocations], {
    actor,
    action: input.refund ? 'refund' : 'void',
    entity: 'tickets',
    entityId: input.ticketIds.join(','),
    details: {
      reason: input.reason,
      seats,
      staffId: input.staffId ?? null,
      approvedBy: input.approvedBy ?? null,
    },
  });
  return { ticketIds: input.ticketIds, status };
}
