// npm run demo:seed [-- --seed N] [-- --force]: loads the demo cinema chain into PostgreSQL; on a
// database that already holds the demo it rolls the week of shows forward instead (--force reloads).
// Uses DATABASE_URL, or starts the embedded PostgreSQL in PG_DATA_DIR (.data/pg) with database marquee.
import { parseArgs } from 'node:util';
import { extendDemoSchedule } from '../db/demo/extend.js';
import { isDatabaseEmpty, seedDemo, type DemoSummary } from '../db/demo/seed.js';
import { wipeDatabase } from '../db/demo/wipe.js';
import { migratePg, openPg } from '../db/pg/client.js';
import { resolvePg } from '../db/pg/local.js';
import { configOrExit } from '../sync-server/server.js';
import { appendChange, appendSeatChanges } from '../sync-server/services/change-log.js';
import { progressBar } from './progress.js';

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

/** Prints what was seeded and the demo credentials. */
function printSummary(s: DemoSummary): void {
  out();
  out(
    `Seeded demo data (seed ${s.seed}, week from ${s.today}) in ${(s.elapsedMs / 1000).toFixed(1)} s:`,
  );
  const c = s.counts;
  out(
    `  ${c.cities} cities, ${c.cinemas} cinemas (${s.timeZones.join(', ')}), ${c.screens} screens, ${c.seats} seats`,
  );
  out(
    `  ${c.movies} movies, ${c.shows} shows, ${c.showPrices} show prices, ${c.showSeats} show seats`,
  );
  out(
    `  ${c.ticketTypes} ticket types, ${c.discounts} discounts, ${c.concessionItems} concession items, ${c.taxes} taxes`,
  );
  out();
  out('Demo staff (PINs are demo data):');
  for (const p of s.staff)
    out(`  ${p.pin}  ${p.role.padEnd(8)} ${p.name.padEnd(18)} ${p.cinemaName ?? 'all cinemas'}`);
  out();
  out('Demo stations (secrets are demo data):');
  for (const st of s.stations)
    out(
      `  ${st.kind.padEnd(8)} ${st.cinemaName} / ${st.name}\n    id ${st.id}\n    secret ${st.secret}`,
    );
}

const { values: args } = parseArgs({
  options: { seed: { type: 'string' }, force: { type: 'boolean', default: false } },
});
const cfg = configOrExit();
const seed = args.seed === undefined ? cfg.demoSeed : Number(args.seed);
if (!Number.isSafeInteger(seed) || seed < 0) {
  process.stderr.write(`--seed must be a non-negative integer, got ${String(args.seed)}\n`);
  process.exit(2);
}

const pg = await resolvePg({
  databaseUrl: cfg.databaseUrl,
  dataDir: cfg.pgDataDir,
  database: cfg.pgDatabase,
});
const db = openPg(pg.url, { max: 2 });
let code = 0;
try {
  await migratePg(db);
  let seedNow = true;
  if (!(await isDatabaseEmpty(db))) {
    if (args.force) {
      out('--force: wiping every data table (sales included) before seeding…');
      await wipeDatabase(db);
    } else {
      seedNow = false;
      const extended = await extendDemoSchedule(db, {
        changeLog: { appendChange, appendSeatChanges },
      });
      if (extended === null) {
        process.stderr.write(
          'The database has data that is not the demo chain; nothing was changed. Run with --force to wipe it and seed the demo.\n',
        );
        code = 1;
      } else {
        out(
          `Demo schedule extended to ${extended.through} (${String(extended.added)} shows added in ${String(extended.elapsedMs)} ms); sales were kept.`,
        );
        if (extended.seed !== seed)
          out(
            `The database's demo was made with seed ${String(extended.seed)}; run with --force to reload it with seed ${String(seed)}.`,
          );
      }
    }
  }
  if (seedNow) {
    const bar = progressBar();
    const summary = await seedDemo(db, { seed, onProgress: bar.update });
    bar.stop();
    printSummary(summary);
  }
} catch (e) {
  process.stderr.write(`Demo seed failed: ${e instanceof Error ? e.message : String(e)}\n`);
  code = 1;
} finally {
  await db.$client.end();
  await pg.stop();
}
process.exit(code);
