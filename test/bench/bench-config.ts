// Sizes and durations of the benchmark cases, per mode. Quick must fit in 2 minutes on 2 shared
// cores; full in 10. Every loop in the suite is bounded by these numbers, in count and in time.

/** The settings of one bench run. */
export type BenchConfig = {
  quick: boolean;
  /** Measured time of each load phase, after its warm-up. */
  phaseMs: number;
  warmupMs: number;
  /** Sync server processes behind the load generators (round-robin by client). */
  servers: number;
  /** Load-generator processes: clients are split over them. */
  loadProcs: number;
  /** rounds: P1's three paths run this many times, interleaved, so a noisy neighbour hits all of them. */
  p1: {
    clients: number;
    shows: number;
    cinemas: number;
    stationsPerCinema: number;
    rounds: number;
  };
  p2: { webClients: number; stationClients: number };
  /** Live subscribers; holds at the goal rate, then at a rate the server sustains (push latency without overload). */
  p4: {
    subscribers: number;
    ratePerSec: number;
    steadyRatePerSec: number;
    subscriberProcs: number;
  };
  p5: { screens: number; showsPerDay: number; days: number; deltaSeatChanges: number };
  p6: { sales: number; shows: number };
  p7: { clients: number };
  /**
   * Confirmations queued per channel (email, SMS), push messages timed one by one, and the wait per
   * batch (what is unclaimed then is cancelled): at ≈ 10 emails/s per server a batch takes minutes.
   */
  p11: { messages: number; pushes: number; timeoutMs: number };
  /** Hard stop for the whole run; cases that would start after it are skipped. */
  deadlineMs: number;
};

/** Builds the settings for quick or full mode. */
export function benchConfig(quick: boolean, servers: number): BenchConfig {
  return {
    quick,
    phaseMs: quick ? 4000 : 10_000,
    warmupMs: quick ? 1000 : 3000,
    servers,
    loadProcs: 2,
    p1: { clients: 32, shows: 200, cinemas: 8, stationsPerCinema: 4, rounds: quick ? 1 : 2 },
    p2: { webClients: 48, stationClients: 16 },
    p4: quick
      ? { subscribers: 300, ratePerSec: 1000, steadyRatePerSec: 300, subscriberProcs: 1 }
      : { subscribers: 1000, ratePerSec: 3000, steadyRatePerSec: 300, subscriberProcs: 2 },
    p5: { screens: 10, showsPerDay: 5, days: 7, deltaSeatChanges: quick ? 2000 : 5000 },
    p6: { sales: quick ? 150 : 290, shows: 10 },
    p7: { clients: 100 },
    p11: { messages: quick ? 300 : 1000, pushes: 200, timeoutMs: quick ? 60_000 : 120_000 },
    deadlineMs: quick ? 115_000 : 570_000,
  };
}

/** Seats per layout row and rows per layout: every bench screen has 20 × 20 = 400 seats. */
export const LAYOUT = { rows: 20, perRow: 20 } as const;

/** The device secret of every bench station (hashed once, shared by all their rows). */
export const STATION_SECRET = 'bench-station-secret-0123456789';

/**
 * Server config of every bench server: the per-client caps and rate limit on web holds are off
 * (0), because every load generator's client calls from 127.0.0.1 and would otherwise count as one
 * buyer. The cases measure the seat authority's throughput; the caps have tests of their own
 * (sync-server/routes/hold-limits.test.ts).
 */
export const BENCH_SERVER_ENV: Record<string, string> = {
  HOLDS_PER_CLIENT_PER_SHOW: '0',
  HOLDS_PER_CLIENT: '0',
  HELD_SEATS_PER_CLIENT_PER_SHOW: '0',
  HOLD_WRITES_PER_CLIENT_PER_MINUTE: '0',
};
