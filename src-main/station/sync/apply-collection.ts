// Applies a 'booking_collection' change to the replica (issue 18): a web booking collected at another
// station of the cinema (or this one's own, echoed back), so its tickets are not printed twice.
import { z } from 'zod';
import type { LocalDb } from '../local-db.js';

const collectionData = z.object({
  orderId: z.uuid(),
  collectionId: z.uuid(),
  stationId: z.uuid(),
  staffId: z.uuid().nullable().optional(),
  kiosk: z.boolean().optional(),
  collectedAt: z.iso.datetime(),
});

/** Prepares the statement; the returned function is false when the change is malformed. */
export function createCollectionApplier(db: LocalDb): (data: unknown) => boolean {
  // The server's first collection replaces a later local one (two stations offline): it counts.
  const upsert = db.$client.prepare(`
    INSERT INTO order_collections (order_id, collection_id, station_id, staff_id, collected_at, kiosk)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (order_id) DO UPDATE SET collection_id = excluded.collection_id,
      station_id = excluded.station_id, staff_id = excluded.staff_id,
      collected_at = excluded.collected_at, kiosk = excluded.kiosk`);
  return (data) => {
    const r = collectionData.safeParse(data);
    if (!r.success) return false;
    const d = r.data;
    upsert.run(
      d.orderId,
      d.collectionId,
      d.stationId,
      d.staffId ?? null,
      Date.parse(d.collectedAt),
      d.kiosk === true ? 1 : 0,
    );
    return true;
  };
}
