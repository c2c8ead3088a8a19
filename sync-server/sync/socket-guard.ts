// What keeps one WebSocket bounded whoever is on the other end: a send budget on the bytes the peer
// has not read, an inbound message rate limit, heartbeats that need a pong, and a drop that does not
// wait for a peer that no longer reads. Only the Socket shape is used, so /api/v1/live can share it.
import { dropSocket, type Socket as WebSocket } from '../feed/socket.js';

/** How often a paced sender looks whether the peer has read enough. */
const DRAIN_POLL_MS = 10;

/** Sends under a byte budget; see sendBudget. */
export type BudgetedSender = {
  /**
   * Sends `data` unless the peer already holds more unread bytes than the budget; then the socket
   * is dropped and false returned. `paced` marks catch-up traffic that waits on drained().
   */
  send(data: string, paced?: boolean): boolean;
  /** Resolves once the peer has read down to half the budget (or the socket is no longer open). */
  drained(): Promise<void>;
  /** True once the budget dropped the socket. */
  readonly dropped: boolean;
};

/**
 * Budgets the bytes a peer may leave unread. Replies to the peer's own messages (pongs, acks,
 * errors) are the abuse vector: a client that sends but never reads makes us buffer them forever.
 * Catch-up messages are paced by drained() and one of them may be larger than the budget by itself
 * (a batch of big changes), so the last paced message's size is allowed on top of the budget;
 * otherwise a station catching up could be dropped for a pong, and again on every reconnect.
 */
export function sendBudget(
  socket: WebSocket,
  opts: { maxBuffered: number; closeCode: number; reason: string },
): BudgetedSender {
  let pacedAllowance = 0;
  let dropped = false;
  return {
    send(data, paced = false) {
      if (dropped || socket.readyState !== socket.OPEN) return false;
      if (socket.bufferedAmount > opts.maxBuffered + pacedAllowance) {
        dropped = true;
        dropSocket(socket, opts.closeCode, opts.reason);
        return false;
      }
      if (paced) pacedAllowance = Buffer.byteLength(data);
      socket.send(data);
      return true;
    },
    async drained() {
      while (socket.bufferedAmount > opts.maxBuffered / 2 && socket.readyState === socket.OPEN) {
        await new Promise((r) => setTimeout(r, DRAIN_POLL_MS));
      }
      pacedAllowance = 0;
    },
    get dropped() {
      return dropped;
    },
  };
}

/** Takes one token per inbound message; see tokenBucket. */
export type TokenBucket = {
  /** Takes a token if one is left; false means the peer is over its rate. */
  take(): boolean;
};

/**
 * A token bucket: `burst` messages at once, refilled at `perSecond`. `clock` is milliseconds on a
 * monotonic scale (tests may pass their own).
 */
export function tokenBucket(opts: {
  perSecond: number;
  burst: number;
  clock?: () => number;
}): TokenBucket {
  const clock = opts.clock ?? (() => performance.now());
  let tokens = opts.burst;
  let at = clock();
  return {
    take() {
      const t = clock();
      tokens = Math.min(opts.burst, tokens + ((t - at) / 1000) * opts.perSecond);
      at = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/**
 * Pings every `intervalMs` and cuts a peer that has not answered the previous ping: it is gone
 * at the second tick after its last pong. Only a pong counts; a peer that sends but never reads
 * (its ws never sees our ping) must not look alive. Returns a function that stops the timer.
 */
export function heartbeat(socket: WebSocket, intervalMs: number): () => void {
  let alive = true;
  const beat = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    if (socket.readyState === socket.OPEN) socket.ping();
  }, intervalMs);
  socket.on('pong', () => {
    alive = true;
  });
  return () => {
    clearInterval(beat);
  };
}

/**
 * Rate-limits a socket's inbound messages: call the returned function per message; false means
 * over the rate, and then (once) `refuse` is told why and the socket is dropped with `closeCode`.
 * Judged before parsing, so a flood costs the sender, not our JSON parser or database.
 */
export function inboundLimit(
  socket: WebSocket,
  opts: { perSecond: number; burst: number; closeCode: number },
  refuse: (message: string) => void,
): () => boolean {
  const bucket = tokenBucket(opts);
  let over = false;
  return () => {
    if (over) return false;
    if (bucket.take()) return true;
    over = true;
    refuse(`More than ${String(opts.perSecond)} messages a second; reconnect and send slower.`);
    dropSocket(socket, opts.closeCode, 'rate limited');
    return false;
  };
}
