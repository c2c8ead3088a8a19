// A door's admission of a ticket (issue 18, the `admit` mutation). Doors check tickets offline
// against their replica and let people in; what they report is a fact, so it is always accepted.
// The first admission of a ticket counts; a later one (two doors offline, or a replica that had not
// heard of the first yet) is stored as a conflict pointing at the first, written in the audit log for
// the managers, and answered so the door can show it. Every station of the cinema hears of the
// admission through the change log, so a second scan anywhere says when and at which door.
import type { z } from 'zod';
import { BoError } from '../../common/errors.js';
import type { mutationPayloads } from '../../common/sync-protocol.js';
import { audit, type Actor } from '../services/audit.js';
import { appendChange } from '../services/change-log.js';
import type { Tx } from '../services/tx.js';

/** The change-log entity that carries an admission to the cinema's stations. */
export const ADMISSION_ENTITY = 'ticket_admission';

type Admit = z.infer<(typeof mutationPayloads)['admit']>;

/** The ack of an admission: the first one of the ticket, or the one it conflicts with. */
export type AdmitResult = {
  admissionId: string;
  conflict: null | { door: string; admittedAt: string; stationId: string };
};

/** Stores an admission (once per admission id) and tells the cinema's stations. */
export async function applyAdmission(
  tx: Tx,
  station: { id: string; cinemaId: string },
  p: Admit,
  actor: Actor,
): Promise<AdmitResult> {
  const show = await tx.query<{ cinema_id: string }>({
    name: 'admit_show',
    text: 'SELECT cinema_id FROM shows WHERE id = $1',
    values: [p.showId],
  });
  if (show.rows[0]?.cinema_id !== station.cinemaId)
    throw new BoError('BO_FORBIDDEN', 'This show is not at this station’s cinema.');
  // One admission at a time per ticket, so two doors' reports never both count as first.
  await tx.query({
    name: 'admit_lock',
    text: 'SELECT pg_advisory_xact_lock(hashtext($1))',
    values: [`admit:${p.ticketId}`],
  });
  const first = await tx.query<{
    id: string;
    door: string;
    admitted_at: Date;
    station_id: string;
  }>({
    name: 'admit_first',
    text: 'SELECT id, door, admitted_at, station_id FROM admissions WHERE ticket_id = $1 AND first_id IS NULL',
    values: [p.ticketId],
  });
  const prior = first.rows[0];
  if (prior?.id === p.admissionId) return { admissionId: p.admissionId, conflict: null };
  await tx.query({
    name: 'admit_insert',
    text: `INSERT INTO admissions (id, ticket_id, show_id, cinema_id, station_id, door, admitted_at, first_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    values: [
      p.admissionId,
      p.ticketId,
      p.showId,
      station.cinemaId,
      station.id,
      p.door,
      p.admittedAt,
      prior?.id ?? null,
    ],
  });
  if (prior === undefined) {
    await appendChange(tx, {
      cinemaId: station.cinemaId,
      showId: p.showId,
      entity: ADMISSION_ENTITY,
      entityId: p.ticketId,
      op: 'upsert',
      data: {
        admissionId: p.admissionId,
        ticketId: p.ticketId,
        showId: p.showId,
        door: p.door,
        admittedAt: p.admittedAt,
        stationId: station.id,
      },
    });
    return { admissionId: p.admissionId, conflict: null };
  }
  const conflict = {
    door: prior.door,
    admittedAt: prior.admitted_at.toISOString(),
    stationId: prior.station_id,
  };
  await audit(tx, actor, 'ticket.admission_conflict', 'ticket', p.ticketId, {
    cinemaId: station.cinemaId,
    showId: p.showId,
    admissionId: p.admissionId,
    door: p.door,
    admittedAt: p.admittedAt,
    first: { admissionId: prior.id, ...conflict },
  });
  return { admissionId: p.admissionId, conflict };
}
