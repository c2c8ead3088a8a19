// What a /sync hello may cost the server (issue 12, item 1): failed hellos are counted per address
// and per device, and over the limit the next ones are refused before any secret is hashed; the
// secret verifications that do run are capped process-wide, so a flood of wrong secrets queues
// (or is refused fast) instead of taking every thread and the event loop from everyone else.

/** Counters and the verification gate of one server process. */
export type HelloLimits = {
  /** Seconds until a hello of `device` from `address` may be checked again; 0 = check it now. */
  retryAfter(device: string, address: string): number;
  /** Counts a failed hello (unknown device or wrong secret). */
  failed(device: string, address: string): void;
  /** Remembers that `device` proved its secret from `address`. */
  succeeded(device: string, address: string): void;
  /** Runs one secret verification under the cap; 'busy' (without running it) when the queue is full. */
  verify<T>(check: () => Promise<T>): Promise<T | 'busy'>;
};

export type HelloLimitOptions = {
  /** Failed hellos one address may make per window. */
  failuresPerAddress: number;
  /** Failed hellos against one device id per window. */
  failuresPerDevice: number;
  windowSeconds: number;
  /** Secret verifications running at once in this process. */
  verifyConcurrency: number;
  /** Hellos waiting for a verification slot; more are refused at once. */
  verifyQueue: number;
  /** Milliseconds since the epoch (tests pass their own). */
  clock?: () => number;
};

/** Entries kept per map: bounds memory when an attacker makes up device ids or uses many addresses. */
const MAX_KEYS = 100_000;

type Window = { count: number; resetAt: number };

/** Creates the limits of one process. */
export function createHelloLimits(opts: HelloLimitOptions): HelloLimits {
  const clock = opts.clock ?? Date.now;
  const windows = new Map<string, Window>();
  // Device@address pairs that proved their secret: judged by their own failures only, so a station
  // is not locked out by someone else guessing its device id, nor by a revoked neighbour behind
  // the same NAT. (Their failures still count against the address and the device.)
  const trusted = new Map<string, true>();

  const keys = (device: string, address: string): { key: string; max: number }[] => {
    const pair = `${device.slice(0, 64)}@${address}`;
    return trusted.has(pair)
      ? [{ key: `pair:${pair}`, max: opts.failuresPerDevice }]
      : [
          { key: `addr:${address}`, max: opts.failuresPerAddress },
          { key: `dev:${device.slice(0, 64)}`, max: opts.failuresPerDevice },
        ];
  };
  const bound = <V>(map: Map<string, V>, expired: (v: V) => boolean = () => true): void => {
    if (map.size <= MAX_KEYS) return;
    // Expired entries go first, oldest first (insertion order); then the oldest live ones.
    for (const [k, v] of map) if (map.size > MAX_KEYS * 0.9 && expired(v)) map.delete(k);
    for (const k of map.keys()) {
      if (map.size <= MAX_KEYS) break;
      map.delete(k);
    }
  };

  let running = 0;
  const waiting: (() => void)[] = [];

  return {
    retryAfter(device, address) {
      const t = clock();
      let wait = 0;
      for (const { key, max } of keys(device, address)) {
        const w = windows.get(key);
        if (w && w.resetAt > t && w.count >= max) wait = Math.max(wait, w.resetAt - t);
      }
      return wait === 0 ? 0 : Math.max(1, Math.ceil(wait / 1000));
    },
    failed(device, address) {
      const t = clock();
      const pair = `pair:${device.slice(0, 64)}@${address}`;
      for (const key of [`addr:${address}`, `dev:${device.slice(0, 64)}`, pair]) {
        const w = windows.get(key);
        if (!w || w.resetAt <= t) {
          windows.delete(key);
          windows.set(key, { count: 1, resetAt: t + opts.windowSeconds * 1000 });
        } else w.count += 1;
      }
      bound(windows, (w) => w.resetAt <= t);
    },
    succeeded(device, address) {
      const pair = `${device.slice(0, 64)}@${address}`;
      trusted.delete(pair);
      trusted.set(pair, true);
      bound(trusted);
    },
    async verify(check) {
      if (running >= opts.verifyConcurrency) {
        if (waiting.length >= opts.verifyQueue) return 'busy';
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else running += 1;
      try {
        return await check();
      } finally {
        // Hand the slot straight to the next in line (running stays the same), or free it.
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}
