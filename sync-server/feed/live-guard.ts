// What keeps /api/v1/live bounded under abuse: caps on sockets per address and in total, heartbeats
// that need a pong, and a drop that does not wait for a peer that no longer reads. Node cannot make
// a socket's kernel send buffer smaller, so these caps, the byte budget and the heartbeat are what
// bound the memory one client (or many) can pin.
import type { Socket as WebSocket } from './socket.js';

/** Close code of a socket over the per-address cap; the browser sees it with the error message. */
export const LIVE_CLOSE_TOO_MANY = 4429;
/** Close code of a socket over the total cap of this process. */
export const LIVE_CLOSE_FULL = 4503;
/** Close code of a socket asking for a show that does not exist (or could not be read). */
export const LIVE_CLOSE_UNKNOWN_SHOW = 4004;
/** Close code a slow reader gets: it should reconnect and take a fresh snapshot. */
export const SLOW_READER_CLOSE = 4008;

/** Why a socket was not admitted: the error it is told and the close code it gets. */
export type LiveRefusal = {
  code: 'BO_RATE_LIMITED' | 'BO_UNAVAILABLE';
  message: string;
  closeCode: number;
};

export type LiveGuard = {
  /** Counts the socket in, or says why not; an admitted socket is pinged and counted out on close. */
  admit(socket: WebSocket, address: string): LiveRefusal | null;
  /** Sockets admitted and not yet closed. */
  size(): number;
  /** Stops the heartbeat timer. */
  stop(): void;
};

/** Creates the guard; `heartbeatMs` is the ping interval, the caps count open sockets. */
export function createLiveGuard(opts: {
  heartbeatMs: number;
  maxPerAddress: number;
  maxTotal: number;
}): LiveGuard {
  const perAddress = new Map<string, number>();
  // Socket → answered the last ping. Only a pong counts: a peer may send but never read.
  const alive = new Map<WebSocket, boolean>();

  // One timer for all sockets: a silent peer is cut at the second tick after its last pong.
  const beat = setInterval(() => {
    for (const [socket, ok] of alive) {
      if (!ok) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      if (socket.readyState === socket.OPEN) socket.ping();
    }
  }, opts.heartbeatMs);

  return {
    admit(socket, address) {
      if (alive.size >= opts.maxTotal)
        return {
          code: 'BO_UNAVAILABLE',
          message: 'The live seat map is full right now; try again in a minute.',
          closeCode: LIVE_CLOSE_FULL,
        };
      const mine = perAddress.get(address) ?? 0;
      if (mine >= opts.maxPerAddress)
        return {
          code: 'BO_RATE_LIMITED',
          message: `Too many live seat maps open from this address (at most ${String(opts.maxPerAddress)}); close some.`,
          closeCode: LIVE_CLOSE_TOO_MANY,
        };
      perAddress.set(address, mine + 1);
      alive.set(socket, true);
      socket.on('pong', () => {
        if (alive.has(socket)) alive.set(socket, true);
      });
      socket.on('close', () => {
        if (!alive.delete(socket)) return;
        const n = (perAddress.get(address) ?? 1) - 1;
        if (n <= 0) perAddress.delete(address);
        else perAddress.set(address, n);
      });
      return null;
    },
    size: () => alive.size,
    stop() {
      clearInterval(beat);
    },
  };
}
