// Sends the outbox strictly in order, one mutation in flight: the head goes out, and the next only
// after the head's final answer. The head is sent again every retryMs while it has none (the id is
// the idempotency key, so the server applies it once), on its own timer and after every reconnect.
import type { Result } from '../../../common/errors.js';
import type { MutateMsg, MutationKind } from '../../../common/sync-protocol.js';
import type { LocalDb } from '../local-db.js';
import { getOutbox, headOutbox, markAttempt, moveToReview, removeOutbox } from './outbox-store.js';
import { needsReview } from './review-policy.js';
import type { MutationOutcome, SyncLog } from './types.js';

/** The one answer that is not final: the server was busy and the mutation is sent again later. */
export const RETRY_CODE = 'BO_UNAVAILABLE';

type Answer =
  | { type: 'ack'; id: string; result: unknown }
  | { type: 'reject'; id: string; code: string; message: string };
type Waiter = (r: Result<unknown>) => void;

export type OutboxSenderOptions = {
  db: LocalDb;
  retryMs: number;
  log: SyncLog;
  onOutcome(o: MutationOutcome): void;
  /** The outbox or review queue changed (for the status counts). */
  onChange(): void;
};

/** Drives the outbox over whatever link is up. */
export type OutboxSender = {
  start(): void;
  stop(): void;
  /** The server said welcome: send from the head. */
  online(send: (msg: MutateMsg) => boolean): void;
  /** The link is gone: nothing is in flight any more; waiting requests resolve BO_OFFLINE. */
  offline(): void;
  /** Something was queued: send it if nothing is in flight (after the caller's transaction ends). */
  kick(): void;
  answer(msg: Answer): void;
  /** Waits for the final answer to mutation `id`; BO_OFFLINE after timeoutMs or when the link drops. */
  wait(id: string, timeoutMs: number): Promise<Result<unknown>>;
  inFlight(): string | null;
};

const offlineError = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'BO_OFFLINE', message },
});

/** Creates the sender; its retry timer runs between start() and stop(). */
export function createOutboxSender(opts: OutboxSenderOptions): OutboxSender {
  const { db, log } = opts;
  let send: ((msg: MutateMsg) => boolean) | null = null;
  let flight: { id: string; sentAt: number } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let kickPending = false;
  const waiters = new Map<string, Set<Waiter>>();

  const settle = (id: string, r: Result<unknown>): void => {
    const set = waiters.get(id);
    waiters.delete(id);
    for (const w of set ?? []) w(r);
  };

  const pump = (): void => {
    if (send === null || flight !== null) return;
    const head = headOutbox(db);
    if (head === undefined) return;
    const msg: MutateMsg = {
      type: 'mutate',
      id: head.id,
      kind: head.kind as MutationKind,
      payload: head.payload,
      createdAt: head.createdAt.toISOString(),
      offline: head.offline,
    };
    if (!send(msg)) return;
    flight = { id: head.id, sentAt: Date.now() };
    markAttempt(db, head.id, head.attempts + 1, head.lastError);
    log('debug', 'mutation sent', { id: head.id, kind: head.kind, attempt: head.attempts + 1 });
  };

  const tick = (): void => {
    if (flight !== null && Date.now() - flight.sentAt >= opts.retryMs) {
      log('info', 'no answer to mutation yet; sending it again', { id: flight.id });
      flight = null;
    }
    pump();
  };

  const final = (row: NonNullable<ReturnType<typeof getOutbox>>, msg: Answer): void => {
    if (msg.type === 'ack') {
      db.$client.transaction(() => {
        removeOutbox(db, row.id);
      })();
      opts.onOutcome({ mutation: row, outcome: 'ack', result: msg.result });
      settle(row.id, { ok: true, value: msg.result });
    } else {
      const review = needsReview(row, msg.code);
      db.$client.transaction(() => {
        if (review) moveToReview(db, row, msg.code, msg.message);
        else removeOutbox(db, row.id);
      })();
      log(
        review ? 'warn' : 'info',
        review
          ? 'mutation rejected; moved to review'
          : 'mutation rejected; told at the counter, nothing to review',
        {
          id: row.id,
          kind: row.kind,
          code: msg.code,
        },
      );
      opts.onOutcome({ mutation: row, outcome: 'reject', code: msg.code, message: msg.message });
      settle(row.id, { ok: false, error: { code: msg.code, message: msg.message } });
    }
    opts.onChange();
  };

  // Timers must never throw: a SQLite error here is logged and the next tick tries again.
  const safely = (fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      log('error', 'outbox send failed', { error: e instanceof Error ? e.message : String(e) });
    }
  };

  const offline = (): void => {
    send = null;
    flight = null;
    for (const id of [...waiters.keys()])
      settle(
        id,
        offlineError(
          'The link to the server was lost; the request stays queued and is sent when it is back.',
        ),
      );
  };

  const kick = (): void => {
    if (kickPending) return;
    kickPending = true;
    // Never send from inside a transaction that could still roll back the outbox row.
    setImmediate(() => {
      kickPending = false;
      if (send === null) return;
      if (db.$client.inTransaction) kick();
      else safely(pump);
    });
  };

  return {
    start() {
      timer ??= setInterval(() => {
        safely(tick);
      }, opts.retryMs);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      offline();
    },
    online(s) {
      send = s;
      flight = null;
      pump();
    },
    offline,
    kick,
    answer(msg) {
      const wasHead = flight?.id === msg.id;
      if (wasHead) flight = null;
      const row = getOutbox(db, msg.id);
      if (row === undefined) {
        // A second answer to a resent mutation: the first one was recorded already.
        log('debug', 'answer for a mutation no longer queued', { id: msg.id, type: msg.type });
      } else if (msg.type === 'reject' && msg.code === RETRY_CODE) {
        markAttempt(db, row.id, row.attempts, `${msg.code}: ${msg.message}`);
        log('info', 'server busy; mutation stays queued', { id: row.id });
        // Sent again by the timer, not at once: a busy server needs a moment.
        return;
      } else {
        final(row, msg);
      }
      pump();
    },
    wait(id, timeoutMs) {
      return new Promise<Result<unknown>>((resolve) => {
        const timeout = setTimeout(() => {
          waiters.get(id)?.delete(waiter);
          resolve(
            offlineError(
              `The server did not answer within ${String(Math.round(timeoutMs / 100) / 10)} s; the request stays queued and is sent when the server answers again.`,
            ),
          );
        }, timeoutMs);
        const waiter: Waiter = (r) => {
          clearTimeout(timeout);
          resolve(r);
        };
        const set = waiters.get(id) ?? new Set<Waiter>();
        set.add(waiter);
        waiters.set(id, set);
      });
    },
    inFlight: () => flight?.id ?? null,
  };
}
