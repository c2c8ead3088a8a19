// A web booking collected at a counter or kiosk (issue 18, the `collect` mutation). The station
// printed the tickets, so what it reports is a fact and is always stored; the first collection of a
// booking counts and every station of the cinema hears of it through the change log, so a second
// station refuses to print the tickets again (or asks for a manager's reprint at the counter).
import type { z } from 'zod';
import { BoError } from '../../common/errors.js';
import type { mutationPayloads } from '../../common/sync-protocol.js';
import { appendChange } from '../services/change-log.js';
import type { Tx } from '../services/tx.js';

/** The change-log entity that carries a collection to the cinema's stations. */
export const COLLECTION_ENTITY = 'booking_collection';

type Collect = z.infer<(typeof mutationPayloads)['collect']>;

/** The ack: the collection that counts (this one, or an earlier one at another station). */
export type CollectResult = {
  collectionId: string;
  first: boolean;
  stationId: string;
  collectedAt: string;
};

/** Stores the first collection of a booking and tells the cinema's stations; later ones answer it. */
export async function applyCollection(
  tx: Tx,
  station: { id: string; cinemaId: string },
  p: Collect,
): Promise<CollectResult> {
  const order = await tx.query<{ cinema_id: string; show_id: string | null; channel: string }>({
    name: 'collect_order',
    text: 'SELECT cinema_id, show_id, channel FROM orders WHERE id = $1',
    values: [p.orderId],
  });
  const o = order.rows[0];
  if (o === undefined) throw new BoError('BO_BOOKING_NOT_FOUND', 'No such booking.');
  if (o.cinema_id !== station.cinemaId)
    throw new BoError('BO_FORBIDDEN', 'This booking is for another cinema.');
  const inserted = await tx.query<{ collection_id: string }>({
    name: 'collect_insert',
    text: `INSERT INTO booking_collections (order_id, collection_id, cinema_id, station_id, staff_id, kiosk, collected_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (order_id) DO NOTHING RETURNING collection_id`,
    values: [
      p.orderId,
      p.collectionId,
      station.cinemaId,
      station.id,
      p.staffId ?? null,
      p.kiosk,
      p.collectedAt,
    ],
  });
  if (inserted.rowCount === 1) {
    await appendChange(tx, {
      cinemaId: station.cinemaId,
      showId: o.show_id,
      entity: COLLECTION_ENTITY,
      entityId: p.orderId,
      op: 'upsert',
      data: {
        orderId: p.orderId,
        collectionId: p.collectionId,
        stationId: station.id,
        staffId: p.staffId ?? null,
        kiosk: p.kiosk,
        collectedAt: p.collectedAt,
      },
    });
    return {
      collectionId: p.collectionId,
      first: true,
      stationId: station.id,
      collectedAt: p.collectedAt,
    };
  }
  const prior = await tx.query<{ collection_id: string; station_id: string; collected_at: Date }>({
    name: 'collect_prior',
    text: 'SELECT collection_id, station_id, collected_at FROM booking_collections WHERE order_id = $1',
    values: [p.orderId],
  });
  const f = prior.rows[0];
  if (f === undefined) throw new BoError('BO_UNAVAILABLE', 'Try again.');
  return {
    collectionId: f.collection_id,
    first: f.collection_id === p.collectionId,
    stationId: f.station_id,
    collectedAt: f.collected_at.toISOString(),
  };
}
