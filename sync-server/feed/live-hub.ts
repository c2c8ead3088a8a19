// Live seat maps for web clients: a snapshot, then seat changes batched every ~50 ms.
// A socket that cannot keep up is dropped (it reconnects and resyncs); memory never grows with it.
import type { Socket as WebSocket } from './socket.js';
import type { LiveMsg, SeatChange } from '../../common/sync-protocol.js';
import type { LoggedChange } from '../services/change-log.js';

export type LiveHub = {
  /** Adds a socket to a show; returns the function that removes it. */
  add(showId: string, socket: WebSocket): () => void;
  /** Feeds changes from the change feed. */
  onChanges(changes: LoggedChange[]): void;
  /** Number of sockets, for tests and metrics. */
  size(): number;
  stop(): void;
};

/** Close code a slow reader gets: it should reconnect and take a fresh snapshot. */
export const SLOW_READER_CLOSE = 4008;

/** Creates the hub; `batchMs` is the push interval, `maxBuffered` the per-socket byte budget. */
export function createLiveHub(opts: { batchMs: number; maxBuffered: number }): LiveHub {
  const subs = new Map<string, Set<WebSocket>>();
  // Only the newest state per seat is kept between flushes, so a burst costs O(seats), not O(changes).
  const pending = new Map<string, Map<string, SeatChange>>();

  const send = (socket: WebSocket, msg: LiveMsg): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > opts.maxBuffered) {
      socket.close(SLOW_READER_CLOSE, 'too slow; reconnect to resync');
      // A peer that does not read will not finish the closing handshake either.
      setTimeout(() => {
        socket.terminate();
      }, 1000).unref();
      return;
    }
    socket.send(JSON.stringify(msg));
  };

  const flush = (): void => {
    for (const [showId, seats] of pending) {
      const set = subs.get(showId);
      if (set && set.size > 0) {
        const msg: LiveMsg = { type: 'seats', showId, seats: [...seats.values()] };
        const text = JSON.stringify(msg);
        for (const s of set) {
          if (s.readyState !== s.OPEN) continue;
          if (s.bufferedAmount > opts.maxBuffered) send(s, msg);
          else s.send(text);
        }
      }
    }
    pending.clear();
  };
  const timer = setInterval(flush, opts.batchMs);

  return {
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
    stop() {
      clearInterval(timer);
    },
  };
}

/** Sends one message to a live socket, dropping it if it is too far behind. */
export function sendLive(socket: WebSocket, msg: LiveMsg, maxBuffered: number): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > maxBuffered) {
    socket.close(SLOW_READER_CLOSE, 'too slow; reconnect to resync');
    return;
  }
  socket.send(JSON.stringify(msg));
}
