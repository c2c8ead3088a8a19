// A small cinema with one show, for arbitration and sync tests: real rows, inserted with SQL.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashSecret } from '../../db/secret-hash.js';

export type ShowFixture = {
  chainId: string;
  cityId: string;
  cinemaId: string;
  showId: string;
  layoutId: string;
  /** Seat ids row by row, left to right. */
  rows: string[][];
  seatIds: string[];
  categoryIds: string[];
  ticketTypes: { adult: string; child: string };
  station: { id: string; secret: string };
  otherStation: { id: string; secret: string };
  /** Ids of the cinema's cashier and manager (PINs in FIXTURE_PINS). */
  staff: { cashier: string; manager: string; cashier2: string };
};

/** PINs of the fixture's staff; they pass the PIN rule (a manager's has 6 digits). */
export const FIXTURE_PINS = { cashier: '4826', manager: '246810', cashier2: '3971' } as const;

/** Names of the fixture's staff, as the sign-in list shows them. */
export const FIXTURE_NAMES = {
  cashier: 'Casey Cashier',
  manager: 'Morgan Manager',
  cashier2: 'Robin Cashier',
} as const;

/** Inserts a chain, cinema, screen, layout of rows × perRow seats, a show starting in `startsInMinutes`, prices and two stations. */
export async function createShowFixture(
  pool: pg.Pool,
  opts: {
    rows?: number;
    perRow?: number;
    startsInMinutes?: number;
    shows?: number;
    /** Also a food and drink menu: Popcorn (£4.50) and Cola (£2.80). */
    food?: boolean;
  } = {},
): Promise<ShowFixture & { showIds: string[] }> {
  const rowsN = opts.rows ?? 10;
  const perRow = opts.perRow ?? 12;
  const id = () => randomUUID();
  const chainId = id();
  const cityId = id();
  const cinemaId = id();
  const screenId = id();
  const layoutId = id();
  const movieId = id();
  const formatId = id();
  const categoryIds = [id(), id()];
  const ticketTypes = { adult: id(), child: id() };
  const q = (text: string, values: unknown[]) => pool.query(text, values);
  await q('INSERT INTO chains (id, name) VALUES ($1, $2)', [chainId, 'Test chain']);
  await q('INSERT INTO cities (id, chain_id, name, country) VALUES ($1, $2, $3, $4)', [
    cityId,
    chainId,
    'Testville',
    'GB',
  ]);
  await q(
    'INSERT INTO cinemas (id, chain_id, city_id, name, address, time_zone, currency, locale) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
    [cinemaId, chainId, cityId, 'Test Cinema', '1 High St', 'Europe/London', 'GBP', 'en-GB'],
  );
  await q('INSERT INTO screens (id, cinema_id, name) VALUES ($1, $2, $3)', [
    screenId,
    cinemaId,
    'Screen 1',
  ]);
  await q(
    'INSERT INTO seat_categories (id, screen_id, code, name, rank, color) VALUES ($1,$2,$3,$4,$5,$6), ($7,$2,$8,$9,$10,$11)',
    [
      categoryIds[0],
      screenId,
      'STD',
      'Standard',
      1,
      '#3366cc',
      categoryIds[1],
      'PRM',
      'Premium',
      2,
      '#cc9933',
    ],
  );
  await q(
    'INSERT INTO seat_layouts (id, screen_id, name, width, height) VALUES ($1, $2, $3, $4, $5)',
    [layoutId, screenId, 'Main', perRow * 10 + 20, rowsN * 10 + 20],
  );
  const rows: string[][] = [];
  const seatValues: unknown[][] = [];
  for (let r = 0; r < rowsN; r++) {
    const rowId = id();
    const label = String.fromCharCode(65 + r);
    await q(
      'INSERT INTO layout_rows (id, layout_id, label, sort_order, y) VALUES ($1, $2, $3, $4, $5)',
      [rowId, layoutId, label, r, r * 10 + 10],
    );
    const row: string[] = [];
    for (let n = 1; n <= perRow; n++) {
      const seatId = id();
      row.push(seatId);
      // An aisle after the middle seat of every row.
      const x = n * 10 + (n > perRow / 2 ? 10 : 0);
      seatValues.push([
        seatId,
        layoutId,
        rowId,
        label,
        n,
        `${label}${String(n)}`,
        r >= rowsN - 2 ? categoryIds[1] : categoryIds[0],
        'standard',
        x,
        r * 10 + 10,
      ]);
    }
    rows.push(row);
  }
  for (const v of seatValues) {
    await q(
      'INSERT INTO seats (id, layout_id, row_id, row_label, number, label, category_id, kind, x, y) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)',
      v,
    );
  }
  await q(
    "INSERT INTO movies (id, chain_id, title, synopsis, genres, languages, certification, \"cast\", duration_minutes, release_date) VALUES ($1, $2, 'Test Film', 'A film.', '[\"Drama\"]', '[\"en\"]', '12A', '[]', 120, '2026-01-01')",
    [movieId, chainId],
  );
  await q("INSERT INTO formats (id, code, name, multiplier_bp) VALUES ($1, $2, '2D', 10000)", [
    formatId,
    `2D-${formatId.slice(0, 8)}`,
  ]);
  await q(
    "INSERT INTO ticket_types (id, chain_id, code, name, multiplier_bp, sort_order) VALUES ($1, $3, 'adult', 'Adult', 10000, 1), ($2, $3, 'child', 'Child', 7000, 2)",
    [ticketTypes.adult, ticketTypes.child, chainId],
  );
  await q(
    "INSERT INTO taxes (id, cinema_id, name, rate_bp, inclusive, item_class) VALUES ($1, $2, 'VAT', 2000, true, 'ticket')",
    [id(), cinemaId],
  );
  const showIds: string[] = [];
  for (let i = 0; i < (opts.shows ?? 1); i++) {
    const showId = id();
    showIds.push(showId);
    const start = new Date(Date.now() + ((opts.startsInMinutes ?? 120) + i * 180) * 60_000);
    await q(
      "INSERT INTO shows (id, cinema_id, screen_id, layout_id, movie_id, format_id, language, starts_at, ends_at, status) VALUES ($1,$2,$3,$4,$5,$6,'en',$7,$8,'on_sale')",
      [
        showId,
        cinemaId,
        screenId,
        layoutId,
        movieId,
        formatId,
        start,
        new Date(start.getTime() + 135 * 60_000),
      ],
    );
    await q(
      'INSERT INTO show_prices (show_id, category_id, amount_minor, currency) VALUES ($1, $2, 1000, $4), ($1, $3, 1500, $4)',
      [showId, categoryIds[0], categoryIds[1], 'GBP'],
    );
    await q(
      'INSERT INTO show_seats (show_id, seat_id) SELECT $1, id FROM seats WHERE layout_id = $2',
      [showId, layoutId],
    );
  }
  const station = { id: id(), secret: 'station-secret-0123456789' };
  const otherStation = { id: id(), secret: 'other-secret-0123456789' };
  for (const s of [station, otherStation]) {
    await q(
      "INSERT INTO stations (id, cinema_id, name, kind, secret_hash) VALUES ($1, $2, $3, 'counter', $4)",
      [s.id, cinemaId, `Counter ${s.id.slice(0, 4)}`, hashSecret(s.secret)],
    );
  }
  const staff = { cashier: id(), manager: id(), cashier2: id() };
  await q(
    "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES ($1, $2, $3, 'Casey Cashier', 'cashier', $4), ($5, $2, $3, 'Morgan Manager', 'manager', $6), ($7, $2, $3, 'Robin Cashier', 'cashier', $8)",
    [
      staff.cashier,
      chainId,
      cinemaId,
      hashSecret(FIXTURE_PINS.cashier),
      staff.manager,
      hashSecret(FIXTURE_PINS.manager),
      staff.cashier2,
      hashSecret(FIXTURE_PINS.cashier2),
    ],
  );
  await q(
    'INSERT INTO staff_cinemas (staff_id, cinema_id) SELECT id, cinema_id FROM staff WHERE id = ANY($1)',
    [Object.values(staff)],
  );
  if (opts.food === true)
    await q(
      "INSERT INTO concession_items (id, cinema_id, name, category, price_minor, currency) VALUES ($1, $3, 'Popcorn', 'food', 450, 'GBP'), ($2, $3, 'Cola', 'drink', 280, 'GBP')",
      [id(), id(), cinemaId],
    );
  return {
    chainId,
    cityId,
    cinemaId,
    showId: showIds[0] ?? '',
    showIds,
    layoutId,
    rows,
    seatIds: rows.flat(),
    categoryIds,
    ticketTypes,
    station,
    otherStation,
    staff,
  };
}
