// What a station session needs from its server process.
import type pg from 'pg';
import type { ChangeFeed } from '../feed/change-feed.js';
import type { HoldTimes } from '../services/holds.js';
import type { HelloLimits } from './hello-limits.js';
import type { SnapshotGate } from './snapshot-gate.js';
import type { SnapshotData } from './snapshot.js';

/** The dependencies of runStationSession. */
export type SessionDeps = {
  pool: pg.Pool;
  feed: ChangeFeed;
  times: HoldTimes;
  /** TICKET_SIGNING_KEY from config ('' = the stored one). */
  signingKey: string;
  heartbeatMs: number;
  maxBuffered: number;
  /** The peer's IP address, for the hello limits. */
  address: string;
  /** Failed-hello counters and the verification cap of this process. */
  helloLimits: HelloLimits;
  /** Inbound messages per second (sustained) and at once (burst) before the socket is closed. */
  messages: { perSecond: number; burst: number };
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
  /** Turns for snapshots, shared by every session of this process. */
  snapshots: SnapshotGate;
  /** A cinema's snapshot (shared by its stations while fresh). */
  snapshot: (cinemaId: string) => Promise<SnapshotData>;
  /** Stations connected to this process, for "never take back seats of an unreachable station". */
  connected: Map<string, number>;
};
