// A real cinema week (the demo chain): one station catches up its cinema from empty, in a process of
// its own (measure-catch-up.ts) so that time, RSS and heap are the station's alone.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoSummary } from '../../../db/demo/seed.js';
import { freshPg } from '../../../test/support/pg.js';
import { createShowFixture } from '../../../test/support/show-fixture.js';
import { openTestStation, startTestServer, type TestServer, type TestStation } from './test-kit.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

type Measured = {
  ms: number;
  counts: { showSeats: number };
  peakRssMb: number;
  maxRssMb: number;
  peakHeapMb: number;
  baselineRssMb: number;
  baselineHeapMb: number;
  progressEvents: number;
};

/** Runs measure-catch-up.ts for one station against `serverUrl` and returns what it measured. */
async function measure(
  dir: string,
  serverUrl: string,
  who: { id: string; secret: string },
): Promise<Measured> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'measure-catch-up.ts'), dir, serverUrl, who.id, who.secret],
    { cwd: path.resolve(here, '../../..'), maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measured;
}

let server: TestServer;
let summary: DemoSummary;
let st: TestStation;

beforeAll(async () => {
  const { url, db } = await freshPg();
  summary = await seedDemo(db);
  await db.$client.end();
  server = await startTestServer(url);
  st = await openTestStation();
  st.close();
}, 180_000);

afterAll(async () => {
  st.remove();
  await server.dispose();
});

describe('demo cinema week', () => {
  it('catches up the biggest cinema from empty, with every show seat', async () => {
    const perCinema = await server.pool.query<{ cinema_id: string; n: number }>(
      "SELECT sh.cinema_id, count(*)::int AS n FROM show_seats ss JOIN shows sh ON sh.id = ss.show_id WHERE sh.ends_at > now() - interval '1 day' GROUP BY sh.cinema_id ORDER BY n DESC",
    );
    const biggest = perCinema.rows[0];
    const station = summary.stations.find((s) => s.cinemaId === biggest?.cinema_id);
    expect(station).toBeDefined();
    const m = await measure(st.dir, server.url, {
      id: station?.id ?? '',
      secret: station?.secret ?? '',
    });
    process.stdout.write(
      `demo cinema week (${String(biggest?.n)} show seats, cinema ${station?.cinemaName ?? ''}): ${JSON.stringify(m)}\n`,
    );
    expect(m.counts.showSeats).toBe(biggest?.n);
    expect(m.progressEvents).toBeGreaterThanOrEqual(2);
    // Staging is on disk, not in the heap: a cinema week must not need the heap of a browser tab.
    expect(m.peakHeapMb).toBeLessThan(250);
  }, 180_000);

  it('catches up a 140k-seat week (350 shows × 400 seats) within the same memory budget', async () => {
    const { url, db } = await freshPg();
    const fx = await createShowFixture(db.$client, { rows: 20, perRow: 20, shows: 350 });
    await db.$client.end();
    const big = await startTestServer(url);
    const dir = await openTestStation();
    dir.close();
    try {
      const m = await measure(dir.dir, big.url, fx.station);
      process.stdout.write(`140k show seats: ${JSON.stringify(m)}\n`);
      expect(m.counts.showSeats).toBe(140_000);
      expect(m.peakHeapMb).toBeLessThan(250);
    } finally {
      dir.remove();
      await big.dispose();
    }
  }, 300_000);
});
