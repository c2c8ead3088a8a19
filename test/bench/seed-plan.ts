// Which cinemas the cases need, seeded once before the first case.
import type pg from 'pg';
import type { BenchConfig } from './bench-config.js';
import { loadData, type BenchData } from './cases/context.js';
import { seedChain, seedCinema, stationSecretHash, type SeededCinema } from './seed.js';

/** Seeds P1's cinemas, the hot show (P2), P5's cinema week and P6's small cinema. */
export async function seedBenchData(
  pool: pg.Pool,
  cfg: BenchConfig,
  secret: string,
  log: (line: string) => void,
): Promise<BenchData> {
  const t0 = performance.now();
  const hash = stationSecretHash(secret);
  const chain = await seedChain(pool);
  const { cinemas, shows, stationsPerCinema } = cfg.p1;
  const perCinema = Math.ceil(shows / cinemas);
  const screens = 5;
  const p1: SeededCinema[] = [];
  for (let i = 0; i < cinemas; i++) {
    p1.push(
      await seedCinema(
        pool,
        chain,
        {
          name: `Bench P1 ${String(i + 1)}`,
          screens,
          showsPerScreen: Math.ceil(perCinema / screens),
          firstStartMinutes: 120,
          spacingMinutes: 180,
          stations: stationsPerCinema,
        },
        hash,
      ),
    );
  }
  const hot = await seedCinema(
    pool,
    chain,
    {
      name: 'Bench Hot',
      screens: 1,
      showsPerScreen: 1,
      firstStartMinutes: 240,
      spacingMinutes: 180,
      stations: cfg.p2.stationClients,
    },
    hash,
  );
  const p5 = await seedCinema(
    pool,
    chain,
    {
      name: 'Bench Week',
      screens: cfg.p5.screens,
      showsPerScreen: cfg.p5.showsPerDay * cfg.p5.days,
      firstStartMinutes: 60,
      spacingMinutes: Math.floor((24 * 60) / cfg.p5.showsPerDay),
      stations: 5,
    },
    hash,
  );
  const p6 = await seedCinema(
    pool,
    chain,
    {
      name: 'Bench Counter',
      screens: 1,
      showsPerScreen: cfg.p6.shows,
      firstStartMinutes: 120,
      spacingMinutes: 180,
      stations: 1,
      cashier: true,
    },
    hash,
  );
  await pool.query('VACUUM ANALYZE');
  const n =
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM show_seats')).rows[0]?.n ?? '0';
  log(
    `seeded ${String(p1.length + 3)} cinemas, ${n} show seats in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { chain, p1: loadData(p1), hot: loadData([hot]), p5, p6, secret };
}
