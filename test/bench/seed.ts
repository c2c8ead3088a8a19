// The bench's data, made in a few set-based SQL statements per cinema (generate_series, unnest):
// a chain with ticket types, a format and movies; cinemas with screens of 20 × 20 seats, shows
// with prices and show_seats, stations (one shared secret) and a cashier.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashSecret } from '../../db/secret-hash.js';
import { LAYOUT } from './bench-config.js';

/** The chain-wide rows every cinema uses. */
export type SeededChain = {
  chainId: string;
  cityId: string;
  formatId: string;
  movieIds: string[];
  ticketTypes: { adult: string; child: string };
};

/** One seeded cinema: its seat ids per layout (row by row), its shows, stations and staff. */
export type SeededCinema = {
  cinemaId: string;
  layouts: string[][];
  shows: { id: string; layout: number }[];
  stations: string[];
  /** What each seat of `layouts` costs (same shape), as the show prices below set it. */
  seatPrices: number[][];
  /** The cinema's cashier, whom station sales name (the server checks it). */
  cashierId: string;
};

/** The PIN of every bench cashier. */
export const CASHIER_PIN = '5830';

/** Inserts the chain, city, format, movies and ticket types. */
export async function seedChain(pool: pg.Pool): Promise<SeededChain> {
  const chainId = randomUUID();
  const cityId = randomUUID();
  const formatId = randomUUID();
  const movieIds = [randomUUID(), randomUUID(), randomUUID()];
  const ticketTypes = { adult: randomUUID(), child: randomUUID() };
  await pool.query('INSERT INTO chains (id, name) VALUES ($1, $2)', [chainId, 'Bench Cinemas']);
  await pool.query(
    "INSERT INTO cities (id, chain_id, name, country) VALUES ($1, $2, 'Benchton', 'GB')",
    [cityId, chainId],
  );
  await pool.query(
    "INSERT INTO formats (id, code, name, multiplier_bp) VALUES ($1, $2, '2D', 10000)",
    [formatId, `2D-${formatId.slice(0, 8)}`],
  );
  await pool.query(
    `INSERT INTO movies (id, chain_id, title, synopsis, genres, languages, certification, "cast", duration_minutes, release_date)
     SELECT id, $2::uuid, 'Bench Film ' || n, 'A film for benchmarks.', '["Drama"]', '["en"]', '12A', '[]', 120, '2026-01-01'
     FROM unnest($1::uuid[]) WITH ORDINALITY AS m(id, n)`,
    [movieIds, chainId],
  );
  await pool.query(
    "INSERT INTO ticket_types (id, chain_id, code, name, multiplier_bp, sort_order) VALUES ($1, $3, 'adult', 'Adult', 10000, 1), ($2, $3, 'child', 'Child', 7000, 2)",
    [ticketTypes.adult, ticketTypes.child, chainId],
  );
  return { chainId, cityId, formatId, movieIds, ticketTypes };
}

/** How one cinema looks. */
export type CinemaSpec = {
  name: string;
  screens: number;
  showsPerScreen: number;
  firstStartMinutes: number;
  spacingMinutes: number;
  stations: number;
  cashier?: boolean;
};

/** Inserts a cinema with its screens, layouts, seats, shows, prices, show_seats, stations and cashier. */
export async function seedCinema(
  pool: pg.Pool,
  chain: SeededChain,
  spec: CinemaSpec,
  secretHash: string,
): Promise<SeededCinema> {
  const cinemaId = randomUUID();
  const screens = Array.from({ length: spec.screens }, () => ({
    screen: randomUUID(),
    layout: randomUUID(),
    std: randomUUID(),
    prm: randomUUID(),
  }));
  const col = <K extends keyof (typeof screens)[number]>(k: K) => screens.map((s) => s[k]);
  const q = (text: string, values: unknown[]) => pool.query(text, values);
  await q(
    "INSERT INTO cinemas (id, chain_id, city_id, name, address, time_zone, currency, locale) VALUES ($1, $2, $3, $4, '1 Bench Road', 'Europe/London', 'GBP', 'en-GB')",
    [cinemaId, chain.chainId, chain.cityId, spec.name],
  );
  await q(
    "INSERT INTO screens (id, cinema_id, name) SELECT id, $2, 'Screen ' || n FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n)",
    [col('screen'), cinemaId],
  );
  await q(
    `INSERT INTO seat_categories (id, screen_id, code, name, rank, color)
     SELECT std, screen, 'STD', 'Standard', 1, '#3366cc' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS c(screen, std, prm)
     UNION ALL SELECT prm, screen, 'PRM', 'Premium', 2, '#cc9933' FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS c(screen, std, prm)`,
    [col('screen'), col('std'), col('prm')],
  );
  await q(
    'INSERT INTO seat_layouts (id, screen_id, name, width, height) SELECT layout, screen, $3, $4, $5 FROM unnest($1::uuid[], $2::uuid[]) AS l(layout, screen)',
    [col('layout'), col('screen'), 'Main', LAYOUT.perRow * 10 + 30, LAYOUT.rows * 10 + 20],
  );
  await q(
    'INSERT INTO layout_rows (id, layout_id, label, sort_order, y) SELECT gen_random_uuid(), l, chr(65 + r), r, r * 10 + 10 FROM unnest($1::uuid[]) AS l, generate_series(0, $2 - 1) AS r',
    [col('layout'), LAYOUT.rows],
  );
  // The last two rows are premium; an aisle splits every row in the middle.
  await q(
    `INSERT INTO seats (id, layout_id, row_id, row_label, number, label, category_id, kind, x, y)
     SELECT gen_random_uuid(), r.layout_id, r.id, r.label, n, r.label || n, CASE WHEN r.sort_order >= $4 - 2 THEN c.prm ELSE c.std END, 'standard',
            n * 10 + CASE WHEN n > $5 / 2 THEN 10 ELSE 0 END, r.y
     FROM layout_rows r JOIN unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS c(layout, std, prm) ON c.layout = r.layout_id
     CROSS JOIN generate_series(1, $5) AS n`,
    [col('layout'), col('std'), col('prm'), LAYOUT.rows, LAYOUT.perRow],
  );
  const shows = await q(
    `INSERT INTO shows (id, cinema_id, screen_id, layout_id, movie_id, format_id, language, starts_at, ends_at, status)
     SELECT gen_random_uuid(), $1, s.screen, s.layout, ($3::uuid[])[1 + (i % cardinality($3::uuid[]))], $4, 'en',
            date_trunc('minute', now()) + make_interval(mins => $5 + i * $6),
            date_trunc('minute', now()) + make_interval(mins => $5 + i * $6 + 135), 'on_sale'
     FROM unnest($2::uuid[], $8::uuid[]) AS s(screen, layout) CROSS JOIN generate_series(0, $7 - 1) AS i
     RETURNING id, layout_id`,
    [
      cinemaId,
      col('screen'),
      chain.movieIds,
      chain.formatId,
      spec.firstStartMinutes,
      spec.spacingMinutes,
      spec.showsPerScreen,
      col('layout'),
    ],
  );
  await q(
    `INSERT INTO show_prices (show_id, category_id, amount_minor, currency)
     SELECT sh.id, c.id, CASE WHEN c.code = 'PRM' THEN 1500 ELSE 1000 END, 'GBP'
     FROM shows sh JOIN seat_categories c ON c.screen_id = sh.screen_id WHERE sh.cinema_id = $1`,
    [cinemaId],
  );
  await q(
    'INSERT INTO show_seats (show_id, seat_id) SELECT sh.id, s.id FROM shows sh JOIN seats s ON s.layout_id = sh.layout_id WHERE sh.cinema_id = $1',
    [cinemaId],
  );
  await q(
    "INSERT INTO taxes (id, cinema_id, name, rate_bp, inclusive, item_class) VALUES ($1, $2, 'VAT', 2000, true, 'ticket')",
    [randomUUID(), cinemaId],
  );
  const stations = Array.from({ length: spec.stations }, () => randomUUID());
  await q(
    "INSERT INTO stations (id, cinema_id, name, kind, secret_hash) SELECT id, $2, 'Bench counter ' || n, 'counter', $3 FROM unnest($1::uuid[]) WITH ORDINALITY AS s(id, n)",
    [stations, cinemaId, secretHash],
  );
  // Every cinema has a cashier: station sales must name real staff. Only `cashier` cinemas get the
  // known PIN (P6 signs in with it); hashing one costs a scrypt, so the rest share an unusable hash.
  const cashierId = randomUUID();
  await q(
    "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES ($1, $2, $3, 'Bench Cashier', 'cashier', $4)",
    [
      cashierId,
      chain.chainId,
      cinemaId,
      spec.cashier === true ? hashSecret(CASHIER_PIN) : 'none$none',
    ],
  );
  await q('INSERT INTO staff_cinemas (staff_id, cinema_id) VALUES ($1, $2)', [cashierId, cinemaId]);
  const seatRows = await q(
    "SELECT s.layout_id, s.id, CASE WHEN c.code = 'PRM' THEN 1500 ELSE 1000 END AS price FROM seats s JOIN layout_rows r ON r.id = s.row_id JOIN seat_categories c ON c.id = s.category_id WHERE s.layout_id = ANY($1::uuid[]) ORDER BY r.sort_order, s.number",
    [col('layout')],
  );
  const layoutIndex = new Map<string, number>(col('layout').map((id, i) => [id, i]));
  const layouts: string[][] = screens.map(() => []);
  const seatPrices: number[][] = screens.map(() => []);
  for (const row of seatRows.rows as { layout_id: string; id: string; price: number }[]) {
    layouts[layoutIndex.get(row.layout_id) ?? 0]?.push(row.id);
    seatPrices[layoutIndex.get(row.layout_id) ?? 0]?.push(row.price);
  }
  return {
    cinemaId,
    layouts,
    seatPrices,
    cashierId,
    stations,
    shows: (shows.rows as { id: string; layout_id: string }[]).map((s) => ({
      id: s.id,
      layout: layoutIndex.get(s.layout_id) ?? 0,
    })),
  };
}

/** Hashes the shared station secret once (scrypt is slow on purpose). */
export function stationSecretHash(secret: string): string {
  return hashSecret(secret);
}

/**
 * Gives every seat of the shows back to general sale and ends their holds, between phases, so each
 * phase starts from the same state. Outside the product on purpose: no change log, no audit.
 */
export async function resetShows(pool: pg.Pool, showIds: string[]): Promise<void> {
  await pool.query(
    "UPDATE holds SET status = 'released' WHERE show_id = ANY($1::uuid[]) AND status = 'active'",
    [showIds],
  );
  await pool.query(
    "UPDATE show_seats SET state = 'available', hold_id = NULL, station_id = NULL, ticket_id = NULL, version = version + 1 WHERE show_id = ANY($1::uuid[]) AND state <> 'available'",
    [showIds],
  );
  await pool.query('VACUUM ANALYZE show_seats, holds');
}

/** The newest change-log seq (0 when empty): a cursor that makes a station skip the snapshot. */
export async function headSeq(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ seq: string | null }>(
    'SELECT max(seq)::text AS seq FROM change_log',
  );
  return Number(r.rows[0]?.seq ?? 0);
}
