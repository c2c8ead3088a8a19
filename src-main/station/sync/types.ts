// Public types of the station's sync engine (DESIGN §4): options, events and the engine itself.
import type { SyncStatus } from '../../../common/contract/station.js';
import type { Result } from '../../../common/errors.js';
import type { MutationKind, SeatChange } from '../../../common/sync-protocol.js';
import type { outbox, reviewItems } from '../../../db/sqlite/schema.js';
import type { LocalDb } from '../local-db.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The engine's logger: structured, one call per event; secrets are never passed to it. */
export type SyncLog = (level: LogLevel, msg: string, obj?: Record<string, unknown>) => void;

/** A mutation waiting in the outbox (written before it is sent, removed on ack). */
export type OutboxRow = typeof outbox.$inferSelect;

/** A mutation the server rejected for good; a manager resolves it in the admin view. */
export type ReviewItem = typeof reviewItems.$inferSelect;

/**
 * Seats that changed in the replica. After a snapshot the engine sends ONE event with showId '*'
 * and no seats: every show may have changed, so listeners re-read what they show from SQLite.
 */
export type SeatsEvent = { showId: string; seats: SeatChange[] };

/** The server's final answer to a mutation (BO_UNAVAILABLE is not an answer; it is retried). */
export type MutationOutcome =
  | { mutation: OutboxRow; outcome: 'ack'; result: unknown }
  | { mutation: OutboxRow; outcome: 'reject'; code: string; message: string };

export type SyncEngineOptions = {
  db: LocalDb;
  /** http(s)://host:port of the sync server; the socket is ws(s)://host:port/sync. */
  serverUrl: string;
  stationId: string;
  secret: string;
  /** Longest wait between reconnect attempts; also the pace of retries after an auth/protocol refusal. */
  reconnectMaxMs: number;
  /** How often the head of the outbox is sent again when it has no answer yet. */
  outboxRetryMs: number;
  log?: SyncLog;
  /** Ping interval (default 5 s). */
  heartbeatMs?: number;
  /** A link with no message for this long is dead (default 15 s). */
  deadAfterMs?: number;
};

/** Options of enqueue. */
export type EnqueueOptions = {
  /** Made while the server was unreachable (e.g. a sale of escrowed seats). */
  offline?: boolean;
  /** Client-made mutation id (UUID), the idempotency key; a new one by default. */
  id?: string;
  /** Runs in the same SQLite transaction as the outbox insert, so a local sale and its mutation commit together. */
  inTx?: () => void;
};

/** The station's sync engine. */
export type SyncEngine = {
  /** Connects and keeps connecting until stop(). */
  start(): void;
  /** Closes the link and timers; pending request() calls resolve with BO_OFFLINE. The outbox stays. */
  stop(): Promise<void>;
  /**
   * The current sync status (counts read from SQLite). catchUp during a snapshot is {show_seats rows
   * received, show_seats rows in the snapshot}; during a delta catch-up with more batches coming it is
   * {changes applied, total: 0} — 0 means "size unknown" (the protocol has no head position).
   */
  status(): SyncStatus;
  /** Subscribes to status changes (coalesced, delivered on a later event-loop turn); returns the unsubscribe function. */
  onStatus(listener: (s: SyncStatus) => void): () => void;
  /** Subscribes to seat changes applied to the replica (see SeatsEvent for snapshots). */
  onSeats(listener: (e: SeatsEvent) => void): () => void;
  /** Catalog rows (films, the cinema, layouts, staff…) changed by a live change: their tables. */
  onCatalog(listener: (tables: string[]) => void): () => void;
  /** Subscribes to final outcomes of mutations, after they were recorded in SQLite. */
  onOutcome(listener: (o: MutationOutcome) => void): () => void;
  /** Validates and persists a mutation in the outbox (synchronously, before anything is sent); returns its id. */
  enqueue(kind: MutationKind, payload: unknown, opts?: EnqueueOptions): string;
  /**
   * Enqueues and waits for the server's answer. Offline, or with no answer within timeoutMs
   * (default 5 s), it resolves BO_OFFLINE and the mutation STAYS queued: the caller decides
   * (withdraw() it if it was never sent, or let it go through later).
   */
  request(kind: MutationKind, payload: unknown, timeoutMs?: number): Promise<Result<unknown>>;
  /** Removes a queued mutation that was never sent; false if it was sent (its answer may be on the way) or is gone. */
  withdraw(id: string): boolean;
  /** True once the server said welcome on the current link. */
  isOnline(): boolean;
  /** True after the server refused the credential (close 4401): the engine stopped connecting. */
  isRefused(): boolean;
  /** Subscribes to credential refusals, with the server's words; returns the unsubscribe function. */
  onRefused(listener: (message: string) => void): () => void;
  /** Uses a new credential (and server); reconnects if the engine runs. The outbox stays as it is. */
  setCredential(c: { serverUrl: string; stationId: string; secret: string }): Promise<void>;
  /** Unresolved review items, oldest first (all of them with includeResolved). */
  reviewItems(opts?: { includeResolved?: boolean }): ReviewItem[];
  /**
   * Resolves a review item. 'dismiss' only marks it resolved. 'retry' queues the same kind and
   * payload under a NEW mutation id at the end of the outbox (the old id would replay the same
   * rejection); the new id is returned and recorded in the item's resolution.
   */
  resolveReview(
    id: string,
    by: string,
    resolution: 'retry' | 'dismiss',
    note?: string,
  ): string | null;
};
