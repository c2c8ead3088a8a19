// Live seat maps for web clients: a snapshot, then seat changes batched every ~50 ms.
// A socket that cannot keep up is dropped (it reconnects and resyncs); memory never grows with it.
import type { Socket as WebSocket } from './socket.js';
import type { LiveMsg, SeatChange } from '../../common/sync-protocol.js';
import type { LoggedChange } from '../services/change-log.js';
import { createLiveGuard, SLOW_READER_CLOSE, type LiveRefusal } from './live-guard.js';
import { dropSocket } from './socket.js';

export { SLOW_READER_CLOSE } from './live-guard.js';

export type LiveHub = {
  /** Counts a new socket in (caps, heartbeat), or says why it is refused; call before any work. */
  admit(socket: WebSocket, address: string): LiveRefusal | null;
  /** Adds a socket to a show; returns the function that removes it. */
  add(showId: string, socket: WebSocket): () => void;
  /** Feeds changes from the change feed. */
  onChanges(changes: LoggedChange[]): void;
  /** Number of subscribed sockets, for tests and metrics. */
  size(): number;
  /** Number of admitted sockets (subscribed or still loading their snapshot). */
  connections(): number;
  /** Stops the batch and heartbeat timers. */
  stop(): void;
};

/** Options of the hub: batch interval, per-socket byte budget, heartbeat and connection caps. */
export type LiveHubOptions = {
  batchMs: number;
  maxBuffered: number;
  heartbeatMs: number;
  maxPerAddress: number;
  maxTotal: number;
};

/** Creates the hub; `batchMs` is the push interval, `maxBuffered` the per-socket byte budget. */
export function createLiveHub(opts: LiveHubOptions): LiveHub {
  const guard = createLiveGuard(opts);
  const subs = new Map<string, Set<WebSocket>>();
  // Only the newest state per seat is kept between flushes, so a burst costs O(seats), not O(changes).
  const pending = new Map<string, Map<string, SeatChange>>();

  const flush = (): void => {
    for (const [showId, seats] of pending) {
      const set = subs.get(showId);
      if (set && set.size > 0) {
        const msg: LiveMsg = { type: 'seats', showId, seats: [...seats.values()] };
        const text = JSON.stringify(msg);
        for (const s of set) {
          if (s.readyState !== s.OPEN) continue;
          if (s.bufferedAmount > opts.maxBuffered) dropSlow(s);
          else s.send(text);
        }
      }
    }
    pending.clear();
  };
  const timer = setInterval(flush, opts.batchMs);

  return {
    admit: (socket, address) => guard.admit(socket, address),
    add(showId, socket) {
      const set = subs.get(showId) ?? new Set();
      set.add(socket);
      subs.set(showId, set);
      return () => {
        set.delete(socket);
        if (set.size === 0) subs.delete(showId);
      };
    },
    onChanges(changes) {
      for (const c of changes) {
        if (c.entity !== 'show_seats' || c.showId === null || !subs.has(c.showId)) continue;
        const seats = (c.data?.seats ?? []) as SeatChange[];
        const map = pending.get(c.showId) ?? new Map<string, SeatChange>();
        for (const s of seats) {
          const prev = map.get(s.seatId);
          // Only what a public seat map needs; a hold id (a release capability) never goes out.
          if (prev === undefined || prev.version < s.version)
            map.set(s.seatId, {
              seatId: s.seatId,
              state: s.state,
              stationId: s.stationId,
              version: s.version,
            });
        }
        pending.set(c.showId, map);
      }
    },
    size: () => [...subs.values()].reduce((n, s) => n + s.size, 0),
    connections: () => guard.size(),
    stop() {
      clearInterval(timer);
      guard.stop();
    },
  };
}

/** Drops a reader that is too far behind; it reconnects and takes a fresh snapshot. */
function dropSlow(socket: WebSocket): void {
  dropSocket(socket, SLOW_READER_CLOSE, 'too slow; reconnect to resync');
}

/** Sends one message to a live socket (the snapshot too), dropping it if it is too far behind. */
export function sendLive(socket: WebSocket, msg: LiveMsg, maxBuffered: number): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > maxBuffered) {
    dropSlow(socket);
    return;
  }
  socket.send(JSON.stringify(msg));
}
