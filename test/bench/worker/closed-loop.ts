// Runs N clients that each repeat one operation until the deadline (closed loop: the next request
// leaves when the previous answer came). Only what completes inside the measured window counts.
import type { LoadResult } from '../ipc.js';
import { Samples } from '../stats.js';

/** Where an operation reports what happened. Calls outside the measured window are ignored. */
export type Recorder = {
  count(name: string, n?: number): void;
  latency(name: string, ms: number): void;
  error(text: string): void;
  /** True while counts are kept (after warm-up, before the deadline). */
  measuring(): boolean;
};

/** A recorder plus what it collected. */
export type Collector = Recorder & {
  result(measuredMs: number): LoadResult;
  start(): void;
  stop(): void;
};

const MAX_ERROR_SAMPLES = 8;
/** No client runs more than this many operations, whatever the clock says. */
const MAX_OPS_PER_CLIENT = 2_000_000;

/** Creates a collector that is off until start() and off again after stop(). */
export function createCollector(): Collector {
  const counts: Record<string, number> = {};
  const lat = new Map<string, Samples>();
  const errors: string[] = [];
  let on = false;
  return {
    count(name, n = 1) {
      if (on) counts[name] = (counts[name] ?? 0) + n;
    },
    latency(name, ms) {
      if (!on) return;
      let s = lat.get(name);
      if (s === undefined) {
        s = new Samples();
        lat.set(name, s);
      }
      s.add(ms);
    },
    error(text) {
      if (!on) return;
      counts.errors = (counts.errors ?? 0) + 1;
      if (errors.length < MAX_ERROR_SAMPLES) errors.push(text.slice(0, 300));
    },
    measuring: () => on,
    start() {
      on = true;
    },
    stop() {
      on = false;
    },
    result(measuredMs) {
      return {
        measuredMs,
        counts,
        latencies: Object.fromEntries([...lat].map(([k, s]) => [k, s.values])),
        errorSamples: errors,
      };
    },
  };
}

/**
 * Runs `clients` loops of `op` for warmupMs (not counted) then durationMs (counted), or until
 * `done()` says the work is complete. Returns the collected result and the measured time.
 */
export async function runClosedLoop(opts: {
  clients: number;
  warmupMs: number;
  durationMs: number;
  op: (client: number, rec: Recorder) => Promise<void>;
  done?: () => boolean;
}): Promise<LoadResult> {
  const rec = createCollector();
  const t0 = performance.now();
  const measureFrom = t0 + opts.warmupMs;
  const stopAt = measureFrom + opts.durationMs;
  let measuredFrom = Number.NaN;
  let stoppedAt = Number.NaN;
  const tick = (): boolean => {
    const now = performance.now();
    if (Number.isNaN(measuredFrom) && now >= measureFrom) {
      measuredFrom = now;
      rec.start();
    }
    if (Number.isNaN(stoppedAt) && (now >= stopAt || (rec.measuring() && opts.done?.() === true))) {
      stoppedAt = now;
      rec.stop();
    }
    return Number.isNaN(stoppedAt);
  };
  const client = async (i: number): Promise<void> => {
    for (let n = 0; n < MAX_OPS_PER_CLIENT && tick(); n++) {
      await opts.op(i, rec);
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, i) => client(i)));
  tick();
  const measured =
    (Number.isNaN(stoppedAt) ? performance.now() : stoppedAt) -
    (Number.isNaN(measuredFrom) ? t0 : measuredFrom);
  return rec.result(Math.max(1, measured));
}

/** k distinct random items of `items` (k ≤ items.length). */
export function pickDistinct<T>(items: readonly T[], k: number): T[] {
  const out = new Set<T>();
  for (let guard = 0; out.size < Math.min(k, items.length) && guard < 1000; guard++) {
    const v = items[Math.floor(Math.random() * items.length)];
    if (v !== undefined) out.add(v);
  }
  return [...out];
}

/** A random integer in [min, max]. */
export function randInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}
