// Latency samples and percentiles. Samples are kept raw (bounded by a reservoir) so percentiles
// over several load processes are exact, not averages of per-process percentiles.

/** Percentiles of a set of latencies, in milliseconds. */
export type LatencySummary = {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
};

const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** The q-quantile (0..1) of sorted values, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/** Summarizes latencies (ms); NaN fields when there are none. */
export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, v) => a + v, 0);
  return {
    n: sorted.length,
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? Number.NaN),
    mean: round(sorted.length === 0 ? Number.NaN : sum / sorted.length),
  };
}

/** Keeps at most `cap` samples, uniformly chosen (reservoir sampling), so memory stays bounded. */
export class Samples {
  readonly values: number[] = [];
  private seen = 0;
  constructor(private readonly cap = 400_000) {}

  add(v: number): void {
    this.seen += 1;
    if (this.values.length < this.cap) {
      this.values.push(round(v, 3));
      return;
    }
    const j = Math.floor(Math.random() * this.seen);
    if (j < this.cap) this.values[j] = round(v, 3);
  }

  get count(): number {
    return this.seen;
  }
}

/** A wall-clock timestamp in ms with sub-ms precision that agrees across processes on one machine. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Rounds for display and JSON. */
export function r2(v: number): number {
  return round(v);
}
