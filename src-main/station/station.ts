// The station core: local replica, contract handlers and events. Plain Node; never imports electron.
import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { HandlersOf } from '../../common/contract/define.js';
import type { EventPayload } from '../../common/contract/define.js';
import {
  stationContract,
  type CinemaInfo,
  type StationContract,
  type StationEvents,
  type SyncStatus,
} from '../../common/contract/station.js';
import { cinemas } from '../../db/sqlite/schema.js';
import type { StationConfig } from './config.js';
import type { Session } from './dispatch.js';
import { openLocalDb, type LocalDb } from './local-db.js';

/** What every handler gets besides its input. */
export type CallContext = { session: Session };

/** A running station core. */
export type Station = {
  config: StationConfig;
  db: LocalDb;
  contract: StationContract;
  handlers: HandlersOf<StationContract, CallContext>;
  /** Subscribes to station events; returns the unsubscribe function. */
  on<K extends keyof StationEvents>(name: K, listener: (payload: EventPayload<StationEvents, K>) => void): () => void;
  /** Every event, for shells that forward all of them. */
  onAny(listener: (name: string, payload: unknown) => void): () => void;
  close(): Promise<void>;
};

/** Opens the replica and builds the station's handlers. */
export async function createStation(config: StationConfig): Promise<Station> {
  const db = await openLocalDb(config.dataDir);
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  const sync: SyncStatus = { state: 'offline', lastSyncAt: null, pendingCount: 0, reviewCount: 0, cursor: 0, catchUp: null, lastError: null };

  const cinema = (): CinemaInfo | null => {
    const row = db.select().from(cinemas).limit(1).get();
    return row ? { id: row.id, name: row.name, timeZone: row.timeZone, currency: row.currency, locale: row.locale } : null;
  };
  const count = (table: string): number =>
    (db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`))).n;

  const handlers: HandlersOf<StationContract, CallContext> = {
    'station:status': () => ({
      stationId: config.stationId,
      kiosk: config.kiosk,
      cinema: cinema(),
      sync: { ...sync },
      counts: { shows: count('shows'), seats: count('show_seats') },
    }),
  };

  return {
    config,
    db,
    contract: stationContract,
    handlers,
    on(name, listener) {
      const wrapped = (payload: unknown) => {
        listener(payload as EventPayload<StationEvents, typeof name>);
      };
      bus.on(name, wrapped);
      return () => bus.off(name, wrapped);
    },
    onAny(listener) {
      const wrapped = (name: string, payload: unknown) => {
        listener(name, payload);
      };
      bus.on('*', wrapped);
      return () => bus.off('*', wrapped);
    },
    close() {
      db.$client.close();
      return Promise.resolve();
    },
  };
}
