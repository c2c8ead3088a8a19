// A station's till as it uploads it (issue 17): the session is upserted after its open, each drop
// and its close, so head office sees every counter's float, drops, count and Z-report. Replays are
// answered by the mutation layer; here a close is final (a late or repeated upload never reopens
// a till or changes its count), and a till belongs to the station that opened it.
import { BoError } from '../../common/errors.js';
import type { TillUpload } from '../../common/till-upload.js';
import { audit, type Actor } from '../services/audit.js';
import type { Tx } from '../services/tx.js';

/** The station a till upload comes from. */
type Station = { id: string; cinemaId: string };

/** Checks that the people a till names belong to the station's chain (they may have left since). */
async function checkPeople(tx: Tx, cinemaId: string, ids: string[]): Promise<void> {
  const r = await tx.query<{ id: string }>({
    name: 'till_people',
    text: `SELECT s.id FROM staff s JOIN cinemas c ON c.chain_id = s.chain_id
           WHERE c.id = $1 AND s.id = ANY($2::uuid[])`,
    values: [cinemaId, ids],
  });
  const known = new Set(r.rows.map((x) => x.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new BoError('BO_VALIDATION', 'The till names people who are not on the chain’s staff.', {
      staffIds: unknown,
    });
}

/** Upserts the till and its drops; returns what the server now holds of it. */
export async function applyTillUpload(
  tx: Tx,
  station: Station,
  t: TillUpload,
  actor: Actor,
): Promise<{ tillId: string; closed: boolean; drops: number }> {
  if (t.training)
    throw new BoError(
      'BO_VALIDATION',
      'Training tills stay at the counter: their sales are practice and never count.',
    );
  const people = [
    t.staffId,
    ...(t.closedBy === null ? [] : [t.closedBy]),
    ...(t.varianceApprovedBy === null ? [] : [t.varianceApprovedBy]),
    ...t.drops.flatMap((d) => (d.staffId === null ? [] : [d.staffId])),
  ];
  await checkPeople(tx, station.cinemaId, [...new Set(people)]);
  const owner = await tx.query<{ station_id: string; closed: boolean }>({
    name: 'till_owner',
    text: 'SELECT station_id, closed_at IS NOT NULL AS closed FROM tills WHERE id = $1 FOR UPDATE',
    values: [t.tillId],
  });
  const before = owner.rows[0];
  if (before !== undefined && before.station_id !== station.id)
    throw new BoError('BO_FORBIDDEN', 'This till belongs to another station.');
  if (before?.closed !== true) {
    await tx.query({
      name: 'till_upsert',
      text: `INSERT INTO tills (id, cinema_id, station_id, staff_id, opened_at, closed_at, business_date, training,
               currency, float, counted, closed_by, variance_approved_by, variance_note, z_report, updated_at)
             SELECT $1, c.id, $3, $4, $5, $6, marquee_business_date($5, c.time_zone, c.day_starts_at), false,
               $7, $8, $9, $10, $11, $12, $13, now()
             FROM cinemas c WHERE c.id = $2
             ON CONFLICT (id) DO UPDATE SET closed_at = excluded.closed_at, counted = excluded.counted,
               closed_by = excluded.closed_by, variance_approved_by = excluded.variance_approved_by,
               variance_note = excluded.variance_note, z_report = excluded.z_report, float = excluded.float,
               updated_at = now()`,
      values: [
        t.tillId,
        station.cinemaId,
        station.id,
        t.staffId,
        t.openedAt,
        t.closedAt,
        t.currency,
        JSON.stringify(t.float),
        t.counted === null ? null : JSON.stringify(t.counted),
        t.closedBy,
        t.varianceApprovedBy,
        t.varianceNote,
        t.zReport === null ? null : JSON.stringify(t.zReport),
      ],
    });
  }
  // Drops are facts: each lands once, whatever the till's state when it arrives.
  if (t.drops.length > 0)
    await tx.query({
      name: 'till_drops_insert',
      text: `INSERT INTO till_drops (id, till_id, tender, amount_minor, staff_id, at)
             SELECT d.id, $1, d.tender, d.amount_minor, d.staff_id, d.at
             FROM unnest($2::uuid[], $3::text[], $4::int[], $5::uuid[], $6::timestamptz[])
               AS d(id, tender, amount_minor, staff_id, at)
             ON CONFLICT (id) DO NOTHING`,
      values: [
        t.tillId,
        t.drops.map((d) => d.id),
        t.drops.map((d) => d.tender),
        t.drops.map((d) => d.amountMinor),
        t.drops.map((d) => d.staffId),
        t.drops.map((d) => d.at),
      ],
    });
  if (t.closedAt !== null && before?.closed !== true)
    await audit(tx, actor, 'till.close', 'tills', t.tillId, {
      staffId: t.staffId,
      netMinor: t.zReport?.totals.netMinor ?? null,
      varianceApprovedBy: t.varianceApprovedBy,
    });
  const drops = await tx.query<{ n: number }>({
    name: 'till_drop_count',
    text: 'SELECT count(*)::int AS n FROM till_drops WHERE till_id = $1',
    values: [t.tillId],
  });
  return { tillId: t.tillId, closed: t.closedAt !== null, drops: drops.rows[0]?.n ?? 0 };
}
