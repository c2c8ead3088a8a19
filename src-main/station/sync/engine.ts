// The station's sync engine (DESIGN §4, §5): hello with the stored cursor, catch-up by delta or
// snapshot, live changes, the outbox sent in order, review of rejects, status for the UI.
import type { SyncStatus } from '../../../common/contract/station.js';
import { BoError } from '../../../common/errors.js';
import { PROTOCOL_VERSION, type ServerMsg } from '../../../common/sync-protocol.js';
import { createChangeApplier } from './apply-changes.js';
import { createLink, REFUSED_CODES, socketUrl, type LinkDown } from './link.js';
import { createListeners, guarded } from './listeners.js';
import {
  getOutbox,
  insertOutbox,
  listReview,
  parsePayload,
  queueCounts,
  reportedPending,
  removeOutbox,
  resolveReviewItem,
} from './outbox-store.js';
import { createOutboxSender } from './outbox-sender.js';
import { CATALOG_TABLES } from './catalog-tables.js';
import { parseServerMessage } from './server-message.js';
import { createSnapshotWriter } from './snapshot-writer.js';
import { createSyncState } from './sync-state.js';
import { errorText, linkDownText, OFFLINE_TEXT, refusedText } from './texts.js';
import type {
  MutationOutcome,
  SeatsEvent,
  SyncEngine,
  SyncEngineOptions,
  SyncLog,
} from './types.js';

export type {
  MutationOutcome,
  OutboxRow,
  ReviewItem,
  SeatsEvent,
  SyncEngine,
  SyncEngineOptions,
} from './types.js';

const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
/** The server's close code for an unknown, wrong or revoked credential (station-session CLOSE.auth). */
const AUTH_REFUSED = 4401;

/** Creates the engine; it does nothing on the network until start(). */
export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { db } = opts;
  const log: SyncLog = opts.log ?? (() => undefined);
  const state = createSyncState(db);
  const applyChanges = createChangeApplier(db, state, log);
  const snapshot = createSnapshotWriter(db, state, log);
  const memory = state.read();
  const base: Omit<SyncStatus, 'pendingCount' | 'reviewCount'> = {
    state: 'offline',
    lastSyncAt: memory.lastSyncAt,
    cursor: memory.cursor,
    catchUp: null,
    lastError: null,
  };
  let cinemaId = memory.cinemaId;
  // Replaced by setCredential (enrollment at run time); the secret is never logged.
  const who = { serverUrl: opts.serverUrl, stationId: opts.stationId, secret: opts.secret };
  let running = false;
  let refused = false;
  let serverError: string | null = null;
  let snapshotStarted = 0;
  let deltaApplied = 0;
  let lastEmitted = '';
  let emitPending = false;
  // After a resync the reason stays on screen until the next welcome, whatever the link does meanwhile.
  let resyncing = false;

  const statusListeners = createListeners<SyncStatus>('status', log);
  const seatListeners = createListeners<SeatsEvent>('seats', log);
  const catalogListeners = createListeners<string[]>('catalog', log);
  const outcomeListeners = createListeners<MutationOutcome>('outcome', log);
  const refusedListeners = createListeners<string>('refused', log);

  const status = (): SyncStatus => {
    const counts = queueCounts(db);
    return {
      ...base,
      catchUp: base.catchUp && { ...base.catchUp },
      pendingCount: counts.pending,
      reviewCount: counts.review,
    };
  };
  // Emitted on a later turn, coalesced: enqueue() is called inside callers' transactions and from
  // listeners, and a listener that enqueues must not re-enter itself through a status event.
  const emitStatus = (): void => {
    if (emitPending) return;
    emitPending = true;
    setImmediate(() => {
      emitPending = false;
      if (!db.$client.open) return;
      try {
        const s = status();
        const key = JSON.stringify(s);
        if (key === lastEmitted) return;
        lastEmitted = key;
        statusListeners.emit(s);
      } catch (e) {
        log('error', 'status update failed', { error: errorText(e) });
      }
    });
  };

  const sender = createOutboxSender({
    db,
    retryMs: opts.outboxRetryMs,
    log,
    onOutcome: (o) => {
      outcomeListeners.emit(o);
    },
    onChange: emitStatus,
  });

  // Socket callbacks must never throw: an exception in a ws listener would take the station down.
  const guard = <A extends unknown[]>(name: string, fn: (...args: A) => void) =>
    guarded(log, `sync ${name}`, fn);

  const link = createLink({
    url: () => socketUrl(who.serverUrl),
    reconnectMaxMs: opts.reconnectMaxMs,
    heartbeatMs: opts.heartbeatMs ?? 5000,
    deadAfterMs: opts.deadAfterMs ?? 15_000,
    pending: () => reportedPending(db),
    onConnecting: guard('connect', () => {
      base.state = 'connecting';
      serverError = null;
      emitStatus();
    }),
    onOpen: guard('hello', () => {
      link.send({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        device: who.stationId,
        secret: who.secret,
        cursor: base.cursor,
        pending: reportedPending(db),
      });
    }),
    onMessage: guard('message', (text: string) => {
      onMessage(text);
    }),
    onDown: guard('link-down', (down: LinkDown) => {
      onDown(down);
    }),
  });

  /** Something in the replica is off: start over from a snapshot on the next connection. */
  const resync = (why: string, e: unknown): void => {
    log('error', `${why}; asking the server for a snapshot`, { error: errorText(e) });
    base.lastError = `${why} (${errorText(e)}). The station is reloading its copy from the server.`;
    try {
      if (snapshot.active()) snapshot.abort();
      state.resetCursor();
    } catch (e2) {
      log('error', 'could not reset the cursor', { error: errorText(e2) });
    }
    base.cursor = 0;
    base.catchUp = null;
    resyncing = true;
    link.drop('resync');
    emitStatus();
  };

  const handle = (msg: ServerMsg): void => {
    switch (msg.type) {
      case 'welcome': {
        if (msg.stationId !== who.stationId)
          log('error', 'welcome for another station id', { got: msg.stationId });
        if (cinemaId !== null && cinemaId !== msg.cinemaId) {
          // The replica belongs to another cinema: its cursor means nothing here.
          state.setCinemaId(msg.cinemaId);
          cinemaId = msg.cinemaId;
          resync('This station now belongs to another cinema', msg.cinemaId);
          return;
        }
        if (cinemaId === null) state.setCinemaId(msg.cinemaId);
        cinemaId = msg.cinemaId;
        base.state = 'online';
        base.lastError = null;
        resyncing = false;
        deltaApplied = 0;
        link.succeeded();
        log('info', 'connected to the sync server', { cursor: base.cursor });
        sender.online((m) => link.send(m));
        break;
      }
      case 'changes': {
        if (snapshot.active()) {
          log('warn', 'changes during a snapshot ignored');
          return;
        }
        const r = applyChanges(msg.changes, msg.cursor, cinemaId);
        base.cursor = msg.cursor;
        base.lastSyncAt = new Date().toISOString();
        deltaApplied += msg.changes.length;
        // A delta catch-up has no known total: total 0 means "still catching up, size unknown".
        base.catchUp = msg.more ? { done: deltaApplied, total: 0 } : null;
        if (!msg.more) deltaApplied = 0;
        for (const e of r.seats) seatListeners.emit(e);
        // A manager's edit (a poster, the address, a layout) shows without a restart.
        const tables = [...new Set(msg.changes.map((c) => c.entity))].filter((t) =>
          CATALOG_TABLES.has(t),
        );
        if (tables.length > 0) catalogListeners.emit(tables);
        break;
      }
      case 'snapshot-begin':
        snapshotStarted = performance.now();
        snapshot.begin(msg.total);
        base.catchUp = { done: 0, total: msg.total };
        log('info', 'snapshot started', { showSeats: msg.total });
        break;
      case 'snapshot-chunk': {
        if (!snapshot.active()) {
          log('warn', 'snapshot-chunk without snapshot-begin ignored', { table: msg.table });
          return;
        }
        const done = snapshot.chunk(msg.table, msg.rows);
        const total = base.catchUp?.total ?? done;
        base.catchUp = { done: Math.min(done, total), total };
        break;
      }
      case 'snapshot-end': {
        if (!snapshot.active()) {
          log('warn', 'snapshot-end without snapshot-begin ignored');
          return;
        }
        const stats = snapshot.end(msg.cursor);
        base.cursor = msg.cursor;
        base.catchUp = null;
        base.lastSyncAt = new Date().toISOString();
        log('info', 'snapshot applied', {
          ...stats,
          ms: Math.round(performance.now() - snapshotStarted),
        });
        seatListeners.emit({ showId: '*', seats: [] });
        break;
      }
      case 'ack':
      case 'reject':
        try {
          sender.answer(msg);
        } catch (e) {
          // The mutation stays queued; the resend gets the same answer from the server.
          log('error', 'could not record the answer to a mutation', {
            id: msg.id,
            error: errorText(e),
          });
        }
        break;
      case 'pong':
        if (base.catchUp === null) base.lastSyncAt = new Date().toISOString();
        break;
      case 'error':
        serverError = msg.message;
        log('warn', 'server error message', { code: msg.code, message: msg.message });
        break;
    }
    emitStatus();
  };

  const onMessage = (text: string): void => {
    const msg = parseServerMessage(text, log);
    if (msg === null) return;
    try {
      handle(msg);
    } catch (e) {
      resync(`Could not apply the server's ${msg.type} message`, e);
    }
  };

  const onDown = (down: LinkDown): void => {
    const wasOnline = base.state === 'online';
    sender.offline();
    if (snapshot.active()) snapshot.abort();
    base.catchUp = null;
    base.state = 'offline';
    if (down.code === AUTH_REFUSED) {
      // Retrying a refused credential cannot help: stop until a new one is set (enrollment).
      refused = true;
      void link.stop();
      base.lastError = serverError ?? refusedText(down, null);
      refusedListeners.emit(base.lastError);
    } else if (REFUSED_CODES.has(down.code)) base.lastError = refusedText(down, serverError);
    else if (!resyncing) base.lastError = linkDownText(who.serverUrl, down);
    if (base.lastSyncAt !== null) state.setLastSyncAt(base.lastSyncAt);
    log(wasOnline ? 'warn' : 'debug', 'sync link down', {
      code: down.code,
      reason: down.reason,
      error: down.error,
      retryInMs: down.retryInMs,
    });
    emitStatus();
  };

  const enqueue: SyncEngine['enqueue'] = (kind, payload, o = {}) => {
    const parsed = parsePayload(kind, payload);
    const id = db.$client.transaction(() => {
      o.inTx?.();
      return insertOutbox(db, { id: o.id, kind, payload: parsed, offline: o.offline === true });
    })();
    log('debug', 'mutation queued', { id, kind });
    sender.kick();
    emitStatus();
    return id;
  };

  return {
    start() {
      running = true;
      refused = false;
      // Re-read: the replica may have been restored or reset since the engine was made.
      const m = state.read();
      base.cursor = m.cursor;
      base.lastSyncAt = m.lastSyncAt;
      cinemaId = m.cinemaId;
      sender.start();
      link.start();
    },
    async stop() {
      running = false;
      sender.stop();
      await link.stop();
      if (snapshot.active()) snapshot.abort();
      base.state = 'offline';
      base.catchUp = null;
      if (base.lastSyncAt !== null && db.$client.open) state.setLastSyncAt(base.lastSyncAt);
    },
    status,
    onStatus: (l) => statusListeners.add(l),
    onSeats: (l) => seatListeners.add(l),
    onCatalog: (l) => catalogListeners.add(l),
    onOutcome: (l) => outcomeListeners.add(l),
    enqueue,
    async request(kind, payload, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS) {
      let id: string;
      try {
        id = enqueue(kind, payload);
      } catch (e) {
        if (e instanceof BoError) return { ok: false, error: e.toWire() };
        throw e;
      }
      if (base.state !== 'online') {
        return { ok: false, error: { code: 'BO_OFFLINE', message: OFFLINE_TEXT } };
      }
      return sender.wait(id, timeoutMs);
    },
    withdraw(id) {
      const row = getOutbox(db, id);
      if (row === undefined || row.attempts > 0 || sender.inFlight() === id) return false;
      removeOutbox(db, id);
      emitStatus();
      return true;
    },
    isOnline: () => base.state === 'online',
    isRefused: () => refused,
    onRefused: (l) => refusedListeners.add(l),
    async setCredential(c) {
      const wasRunning = running;
      if (wasRunning) {
        sender.stop();
        await link.stop();
      }
      who.serverUrl = c.serverUrl;
      who.stationId = c.stationId;
      who.secret = c.secret;
      refused = false;
      base.lastError = null;
      emitStatus();
      if (wasRunning) {
        sender.start();
        link.start();
      }
    },
    reviewItems: (o = {}) => listReview(db, o.includeResolved === true),
    resolveReview(id, by, resolution, note) {
      const newId = resolveReviewItem(db, id, by, resolution, note);
      if (newId !== null) sender.kick();
      emitStatus();
      return newId;
    },
  };
}
