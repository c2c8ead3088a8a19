// Measures one station's catch-up from an empty replica in a process of its own, so the numbers are
// the station's and not the test server's (engine-demo.test.ts). Prints one JSON line and exits.
//   node --import tsx measure-catch-up.ts <dataDir> <serverUrl> <stationId> <secret>
import { openLocalDb } from '../local-db.js';
import { createSyncEngine } from './engine.js';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const [dataDir, serverUrl, stationId, secret] = process.argv.slice(2);
  if (
    dataDir === undefined ||
    serverUrl === undefined ||
    stationId === undefined ||
    secret === undefined
  )
    throw new Error('usage: measure-catch-up <dataDir> <serverUrl> <stationId> <secret>');
  const db = await openLocalDb(dataDir);
  const baseline = process.memoryUsage();
  let peakHeap = baseline.heapUsed;
  let peakRss = baseline.rss;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const sampler = setInterval(sample, 10);
  let snapshotLog: Record<string, unknown> | undefined;
  const engine = createSyncEngine({
    db,
    serverUrl,
    stationId,
    secret,
    reconnectMaxMs: 1000,
    outboxRetryMs: 1000,
    log: (_level, msg, obj) => {
      if (msg === 'snapshot applied') snapshotLog = obj;
    },
  });
  let progressEvents = 0;
  // Chunks are handled synchronously, so sample on every progress event too.
  engine.onStatus((s) => {
    if (s.catchUp !== null) progressEvents += 1;
    sample();
  });
  const started = performance.now();
  engine.start();
  while (snapshotLog === undefined) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - started;
  sample();
  clearInterval(sampler);
  await engine.stop();
  const count = (t: string): number =>
    db.$client.prepare(`SELECT count(*) AS n FROM ${t}`).pluck().get() as number;
  const result = {
    ms: Math.round(ms),
    snapshot: snapshotLog,
    progressEvents,
    counts: {
      shows: count('show_seats') > 0 ? count('shows') : 0,
      showSeats: count('show_seats'),
      seats: count('seats'),
      orders: count('orders'),
      tickets: count('tickets'),
    },
    baselineRssMb: Math.round(baseline.rss / MB),
    peakRssMb: Math.round(peakRss / MB),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    baselineHeapMb: Math.round(baseline.heapUsed / MB),
    peakHeapMb: Math.round(peakHeap / MB),
  };
  db.$client.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
