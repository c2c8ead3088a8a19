// P5: one station's catch-up in a process of its own, so time and memory are the station's only.
// Cold: from an empty replica (snapshot). Delta: from the cursor kept in dataDir. Sends one result.
import { openLocalDb } from '../../../src-main/station/local-db.js';
import { createSyncEngine } from '../../../src-main/station/sync/engine.js';
import { catchUpArgs, type CatchUpResult } from './proc-io.js';

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const args = catchUpArgs.parse(JSON.parse(process.argv[2] ?? '{}'));
  const db = await openLocalDb(args.dataDir);
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 10);
  let snapshot: Record<string, unknown> | null = null;
  let welcomeAt = Number.NaN;
  const engine = createSyncEngine({
    db,
    serverUrl: args.serverUrl,
    stationId: args.stationId,
    secret: args.secret,
    reconnectMaxMs: 1000,
    outboxRetryMs: 1000,
    log: (_level, msg, obj) => {
      if (msg === 'snapshot applied') snapshot = obj ?? {};
    },
  });
  const started = performance.now();
  // Status events come while chunks are applied synchronously: sample memory on each of them too.
  engine.onStatus((s) => {
    sample();
    if (s.state === 'online' && Number.isNaN(welcomeAt)) welcomeAt = performance.now();
  });
  const done = (): boolean => {
    const s = engine.status();
    if (s.state !== 'online' || s.catchUp !== null) return false;
    return args.mode === 'cold' ? snapshot !== null : s.cursor === args.targetCursor;
  };
  engine.start();
  const deadline = started + args.timeoutMs;
  while (!done()) {
    if (performance.now() > deadline)
      throw new Error(
        `not caught up within ${String(args.timeoutMs)} ms: ${JSON.stringify(engine.status())}`,
      );
    await sleep(1);
  }
  const ms = performance.now() - started;
  sample();
  clearInterval(sampler);
  const cursor = engine.status().cursor;
  await engine.stop();
  const count = (t: string): number =>
    db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).pluck().get() as number;
  const result: CatchUpResult = {
    ms,
    welcomeMs: welcomeAt - started,
    cursor,
    baselineRssMb: Math.round(baseline.rss / MB),
    peakRssMb: Math.round(peakRss / MB),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    peakHeapMb: Math.round(peakHeap / MB),
    counts: {
      shows: count('shows'),
      showSeats: count('show_seats'),
      seats: count('seats'),
      orders: count('orders'),
      tickets: count('tickets'),
    },
    snapshot,
  };
  db.$client.close();
  process.send?.(result, () => {
    process.disconnect();
  });
}

main().catch((e: unknown) => {
  process.stderr.write(
    `station-catch-up: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 1;
});
