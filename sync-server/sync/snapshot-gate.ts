// Turns for station snapshots (issue 12, item 2; DESIGN §16). A snapshot is read whole into memory
// (so no pool connection waits on a socket), so how many are read and sent at once bounds both the
// database work and the memory: SNAPSHOT_CONCURRENCY at a time, SNAPSHOT_QUEUE_MAX waiting, one per
// station (a station that reconnects replaces its own stale attempt), and a deadline to take it in.
import { BoError } from '../../common/errors.js';
import { dropSocket, type Socket as WebSocket } from '../feed/socket.js';
import type { LogPosition } from '../services/change-log.js';
import type { SnapshotData } from './snapshot.js';

/** What one snapshot delivery needs from its session. */
export type SnapshotIo = {
  /** Sends one message (UTF-8 JSON) as a text frame. */
  sendBytes(bytes: Buffer): void;
  /** Resolves when the peer has read enough to send more (or the socket is gone). */
  drained(): Promise<void>;
  /** Whether the socket is still open. */
  isOpen(): boolean;
  /** Drops the socket: the station reconnects and asks again. */
  drop(reason: string): void;
};

type Turn = {
  station: string;
  supersede(): void;
  start(): void;
};

/** The gate: one per server process. */
export type SnapshotGate = {
  /**
   * Reads (with `read`) and sends a snapshot for `station` when its turn comes; resolves with the
   * position sent, or null if the socket was dropped (deadline, replaced, closed). Throws
   * BO_UNAVAILABLE when too many are waiting.
   */
  deliver(
    station: string,
    read: () => Promise<SnapshotData>,
    io: SnapshotIo,
  ): Promise<LogPosition | null>;
  /** Snapshots being read or sent now, and waiting, for tests and metrics. */
  load(): { running: number; waiting: number };
};

/** Creates the gate. */
export function createSnapshotGate(opts: {
  concurrency: number;
  queueMax: number;
  sendMs: number;
}): SnapshotGate {
  let running = 0;
  const waiting: Turn[] = [];
  const byStation = new Map<string, Turn>();

  const next = (): void => {
    while (running < opts.concurrency) {
      const turn = waiting.shift();
      if (!turn) return;
      running += 1;
      turn.start();
    }
  };

  const send = async (data: SnapshotData, io: SnapshotIo): Promise<LogPosition | null> => {
    // A reader that stops reading is dropped at the deadline, which also ends the loop below.
    const timer = setTimeout(() => {
      io.drop('snapshot not taken in time; reconnect to resync');
    }, opts.sendMs);
    try {
      for (const bytes of data.messages) {
        if (!io.isOpen()) return null;
        io.sendBytes(bytes);
        await io.drained();
      }
      return io.isOpen() ? data.pos : null;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    deliver(station, read, io) {
      if (waiting.length >= opts.queueMax)
        return Promise.reject(
          new BoError(
            'BO_UNAVAILABLE',
            'The server is sending many station snapshots; this station will try again shortly.',
          ),
        );
      // The same station asking again means its earlier connection is stale: that one gives way.
      byStation.get(station)?.supersede();
      return new Promise<LogPosition | null>((resolve, reject) => {
        let started = false;
        let done = false;
        const finish = (): void => {
          if (done) return;
          done = true;
          if (byStation.get(station) === turn) byStation.delete(station);
          if (started) {
            running -= 1;
            next();
          } else {
            const i = waiting.indexOf(turn);
            if (i >= 0) waiting.splice(i, 1);
          }
        };
        const turn: Turn = {
          station,
          supersede: () => {
            io.drop('replaced by a newer connection of this station');
            if (!started) {
              finish();
              resolve(null);
            }
          },
          start: () => {
            started = true;
            if (!io.isOpen()) {
              finish();
              resolve(null);
              return;
            }
            read()
              .then((data) => send(data, io))
              .then(resolve, reject)
              .finally(finish);
          },
        };
        byStation.set(station, turn);
        waiting.push(turn);
        next();
      });
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}

/** The snapshot side of a station socket; `onDrop` marks the session dropped before it closes. */
export function snapshotIo(
  socket: WebSocket,
  drained: () => Promise<void>,
  closeCode: number,
  onDrop: () => void,
): SnapshotIo {
  let dropped = false;
  return {
    sendBytes: (bytes) => {
      // Sent as a text frame: the bytes are JSON, as every other message.
      if (socket.readyState === socket.OPEN) socket.send(bytes, { binary: false });
    },
    drained,
    isOpen: () => socket.readyState === socket.OPEN && !dropped,
    drop: (reason) => {
      if (dropped) return;
      dropped = true;
      onDrop();
      dropSocket(socket, closeCode, reason);
    },
  };
}
