// Keeps this station's escrow (DESIGN §5): while online it asks for seats to sell offline on the
// coming shows, and gives them back at the cut-off. Offline it does nothing: the server never takes
// seats back from a station it cannot reach, and the give-back waits in the outbox.
import type { LocalDb } from './local-db.js';
import type { SyncPort } from './ports.js';

const HORIZON_MS = 36 * 3600_000;

/** Starts the escrow keeper; returns its tick (for tests) and stop. */
export function startEscrow(opts: {
  db: LocalDb;
  sync: SyncPort;
  stationId: string;
  perCategory: number;
  cutoffMinutes: number;
  everyMs?: number;
}) {
  const asked = new Map<string, number>();
  const returned = new Set<string>();
  const tick = (): void => {
    if (!opts.sync.isOnline()) return;
    const now = Date.now();
    const cutoff = now + opts.cutoffMinutes * 60_000;
    const shows = opts.db.$client
      .prepare(
        `SELECT sh.id, sh.starts_at,
           (SELECT count(*) FROM show_seats ss WHERE ss.show_id = sh.id AND ss.state = 'allocated' AND ss.station_id = ?) AS mine,
           (SELECT count(DISTINCT s.category_id) FROM seats s WHERE s.layout_id = sh.layout_id) AS categories
         FROM shows sh WHERE sh.status = 'on_sale' AND sh.starts_at < ? AND sh.ends_at > ?`,
      )
      .all(opts.stationId, now + HORIZON_MS, now) as {
      id: string;
      starts_at: number;
      mine: number;
      categories: number;
    }[];
    const pending = new Set(
      (
        opts.db.$client
          .prepare("SELECT payload FROM outbox WHERE kind IN ('allocate', 'deallocate')")
          .all() as { payload: string }[]
      ).map((r) => (JSON.parse(r.payload) as { showId: string }).showId),
    );
    for (const s of shows) {
      if (pending.has(s.id)) continue;
      if (s.starts_at <= cutoff) {
        if (s.mine > 0 && !returned.has(s.id)) {
          opts.sync.enqueue('deallocate', { showId: s.id });
          returned.add(s.id);
        }
        continue;
      }
      // Ask again at most every 10 minutes per show (seats may have been sold meanwhile).
      const last = asked.get(s.id) ?? 0;
      if (
        opts.perCategory > 0 &&
        s.mine < opts.perCategory * s.categories &&
        now - last > 600_000
      ) {
        opts.sync.enqueue('allocate', { showId: s.id, perCategory: opts.perCategory });
        asked.set(s.id, now);
      }
    }
  };
  const timer = setInterval(tick, opts.everyMs ?? 60_000);
  timer.unref();
  return {
    tick,
    stop: () => {
      clearInterval(timer);
    },
  };
}
