// Seeds the central database with the demo chain: used by `npm run demo:seed` and by start on an empty DB.
import { sql } from 'drizzle-orm';
import { hashSecret } from '../secret-hash.js';
import type { PgDb } from '../pg/client.js';
import { serverMeta } from '../pg/schema.js';
import { DEFAULT_DEMO_SEED, generateDemo } from './generate.js';
import { credentialsOf, type DemoCredentials } from './credentials.js';
import type { DemoData } from './types.js';
import { writeDemo, type HashedDemo, type PgTx } from './write.js';

/** The tables the demo fills, by their key in DemoData. */
export type DemoTable = Exclude<keyof DemoData, 'seed' | 'today'>;

/** What was seeded, including the demo credentials that start prints. */
export type DemoSummary = {
  seed: number;
  /** ISO instant the week of shows was planned from. */
  today: string;
  counts: Record<DemoTable, number>;
  timeZones: string[];
  elapsedMs: number;
} & DemoCredentials;

/** Options of seedDemo; `today` defaults to now, `seed` to DEFAULT_DEMO_SEED. */
export type SeedOptions = {
  seed?: number;
  today?: Date;
  onProgress?: (done: number, total: number, step: string) => void;
};

/** Thrown when the database already holds chain data, so a demo seed would mix with it. */
export class DemoNotEmptyError extends Error {
  readonly code = 'BO_DEMO_NOT_EMPTY';
  constructor() {
    super('The database already has data; the demo seed only runs on an empty database.');
    this.name = 'DemoNotEmptyError';
  }
}

/** server_meta key that records which seed and day the demo was made from. */
export const DEMO_META_KEY = 'demo_seed';

/** Advisory lock of demo writes: two processes starting at once must not both seed or extend. */
export const DEMO_LOCK = 0x6d61_7271;

/** True when the database has no chain, cinema, movie or staff rows (server_meta settings do not count). */
export async function isDatabaseEmpty(db: PgDb | PgTx): Promise<boolean> {
  const res = await db.execute<{ empty: boolean }>(sql`
    SELECT NOT EXISTS (SELECT 1 FROM chains) AND NOT EXISTS (SELECT 1 FROM cinemas)
       AND NOT EXISTS (SELECT 1 FROM movies) AND NOT EXISTS (SELECT 1 FROM staff) AS empty`);
  return res.rows[0]?.empty === true;
}

/** Row counts of every demo table. */
function countRows(d: DemoData): Record<DemoTable, number> {
  const { seed: _seed, today: _today, ...tables } = d;
  const counts = {} as Record<DemoTable, number>;
  for (const [key, rows] of Object.entries(tables) as [DemoTable, unknown[]][])
    counts[key] = rows.length;
  return counts;
}

/** Generates the demo data and writes it in one transaction; refuses a database that is not empty. */
export async function seedDemo(db: PgDb, opts: SeedOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const today = opts.today ?? new Date();
  // A cheap early answer; the check that counts is repeated under the lock inside the transaction.
  if (!(await isDatabaseEmpty(db))) throw new DemoNotEmptyError();
  const data = generateDemo(seed, today);
  const counts = countRows(data);
  const secrets = data.staff.length + data.stations.length;
  // writeDemo also posts each staff member of a cinema there (staff_cinemas), a table of its own.
  const postings = data.staff.filter((p) => p.cinemaId).length;
  const total = secrets + postings + Object.values(counts).reduce((a, b) => a + b, 0);
  let done = 0;
  const tick = (rows: number, step: string): void => {
    done += rows;
    opts.onProgress?.(done, total, step);
  };
  opts.onProgress?.(0, total, 'Hashing PINs and station secrets');
  // Salts come from the seed too, so the stored hashes are as reproducible as everything else.
  const hashed: HashedDemo = {
    ...data,
    staff: data.staff.map(({ pin, pinSalt, ...row }) => {
      const pinHash = hashSecret(pin, Buffer.from(pinSalt, 'hex'));
      tick(1, 'Hashing PINs and station secrets');
      return { ...row, pinHash };
    }),
    stations: data.stations.map(({ secret, secretSalt, ...row }) => {
      const secretHash = hashSecret(secret, Buffer.from(secretSalt, 'hex'));
      tick(1, 'Hashing PINs and station secrets');
      return { ...row, secretHash };
    }),
  };
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${DEMO_LOCK})`);
    if (!(await isDatabaseEmpty(tx))) throw new DemoNotEmptyError();
    await writeDemo(tx, hashed, tick);
    const value = JSON.stringify({ seed, today: data.today });
    await tx
      .insert(serverMeta)
      .values({ key: DEMO_META_KEY, value })
      .onConflictDoUpdate({ target: serverMeta.key, set: { value } });
  });
  return {
    seed,
    today: data.today,
    counts,
    timeZones: [...new Set(data.cinemas.map((c) => c.timeZone))],
    ...credentialsOf(data),
    elapsedMs: Math.round(performance.now() - started),
  };
}
