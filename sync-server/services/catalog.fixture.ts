// A small, fully known catalog for the catalog tests: four cinemas in three time zones, shows placed
// around local midnight so a local day and a UTC day disagree, and seats in every state.
import { randomUUID } from 'node:crypto';
import type { PgDb } from '../../db/pg/client.js';
import * as s from '../../db/pg/schema.js';
import { buildApp, type App } from '../app.js';
import { loadServerConfig } from '../config.js';

type CinemaKey = 'andheri' | 'bandra' | 'soho' | 'chelsea';
type MovieKey = 'ledger' | 'moons' | 'orbit' | 'reel';
type ShowKey =
  | 'nyLate'
  | 'nyMorning'
  | 'mumbaiEarly'
  | 'mumbaiEvening'
  | 'london'
  | 'londonDst'
  | 'cancelled'
  | 'past';

/** A screen's layout as the fixture built it. */
export type FixtureScreen = {
  screenId: string;
  layoutId: string;
  std: string;
  prm: string;
  seatIds: Map<string, string>;
};

/** Every id the fixture made, by name. */
export type CatalogFixture = {
  chainId: string;
  cities: Record<'mumbai' | 'london' | 'newYork', string>;
  cinemas: Record<CinemaKey, string>;
  screens: Record<CinemaKey, FixtureScreen>;
  movies: Record<MovieKey, string>;
  formats: Record<'2D' | '3D' | 'IMAX', string>;
  ticketTypes: Record<'adult' | 'child' | 'senior', string>;
  shows: Record<ShowKey, string>;
};

const CINEMAS: Record<
  CinemaKey,
  {
    city: keyof CatalogFixture['cities'];
    name: string;
    tz: string;
    currency: string;
    locale: string;
    rows: number;
    perRow: number;
  }
> = {
  andheri: {
    city: 'mumbai',
    name: 'Marquee Andheri',
    tz: 'Asia/Kolkata',
    currency: 'INR',
    locale: 'en-IN',
    rows: 20,
    perRow: 20,
  },
  bandra: {
    city: 'mumbai',
    name: 'Marquee Bandra',
    tz: 'Asia/Kolkata',
    currency: 'INR',
    locale: 'en-IN',
    rows: 3,
    perRow: 4,
  },
  soho: {
    city: 'london',
    name: 'Marquee Soho',
    tz: 'Europe/London',
    currency: 'GBP',
    locale: 'en-GB',
    rows: 3,
    perRow: 4,
  },
  chelsea: {
    city: 'newYork',
    name: 'Marquee Chelsea',
    tz: 'America/New_York',
    currency: 'USD',
    locale: 'en-US',
    rows: 3,
    perRow: 4,
  },
};

// [cinema, movie, format, language, UTC start, status, STD price, PRM price]
const SHOWS: Record<
  ShowKey,
  [CinemaKey, MovieKey, '2D' | '3D' | 'IMAX', string, string, string, number, number]
> = {
  // 23:30 on 10 June in New York is already 11 June in UTC.
  nyLate: ['chelsea', 'moons', '2D', 'English', '2030-06-11T03:30:00Z', 'on_sale', 1500, 2000],
  nyMorning: ['chelsea', 'orbit', '3D', 'English', '2030-06-11T14:00:00Z', 'on_sale', 1500, 2000],
  // 00:30 on 11 June in Mumbai is still 10 June in UTC.
  mumbaiEarly: ['bandra', 'ledger', '2D', 'Hindi', '2030-06-10T19:00:00Z', 'on_sale', 20000, 30000],
  mumbaiEvening: [
    'andheri',
    'ledger',
    '3D',
    'English',
    '2030-06-10T15:30:00Z',
    'on_sale',
    25000,
    35000,
  ],
  london: ['soho', 'orbit', 'IMAX', 'English', '2030-06-10T18:00:00Z', 'scheduled', 1200, 1005],
  // 23:30 BST on the day the clocks go forward (a 23-hour day).
  londonDst: ['soho', 'moons', '2D', 'English', '2030-03-31T22:30:00Z', 'on_sale', 1000, 1300],
  cancelled: ['soho', 'moons', '2D', 'English', '2030-06-10T19:00:00Z', 'cancelled', 1000, 1300],
  past: ['bandra', 'reel', '2D', 'Hindi', '2020-01-01T12:30:00Z', 'finished', 15000, 20000],
};

const MOVIES: Record<MovieKey, { title: string; genres: string[]; languages: string[] }> = {
  ledger: {
    title: 'Monsoon Ledger',
    genres: ['Thriller', 'Drama'],
    languages: ['Hindi', 'English'],
  },
  moons: { title: 'Paper Moons', genres: ['Comedy'], languages: ['English'] },
  orbit: { title: 'Quiet Orbit', genres: ['Sci-Fi', 'Drama'], languages: ['English'] },
  reel: { title: 'Old Reel', genres: ['Drama'], languages: ['Hindi'] },
};

const ids = <K extends string>(keys: readonly K[]): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, randomUUID()])) as Record<K, string>;

/** Inserts the fixture into an empty, migrated database and returns its ids. */
export async function insertCatalogFixture(db: PgDb): Promise<CatalogFixture> {
  const chainId = randomUUID();
  const cities = ids(['mumbai', 'london', 'newYork'] as const);
  const cinemas = ids(['andheri', 'bandra', 'soho', 'chelsea'] as const);
  const movies = ids(['ledger', 'moons', 'orbit', 'reel'] as const);
  const formats = ids(['2D', '3D', 'IMAX'] as const);
  const ticketTypes = ids(['adult', 'child', 'senior'] as const);
  const shows = ids(Object.keys(SHOWS) as ShowKey[]);

  await db.insert(s.chains).values({ id: chainId, name: 'Marquee Test Cinemas' });
  await db.insert(s.cities).values([
    { id: cities.mumbai, chainId, name: 'Mumbai', country: 'IN' },
    { id: cities.london, chainId, name: 'London', country: 'GB' },
    { id: cities.newYork, chainId, name: 'New York', country: 'US' },
  ]);
  await db.insert(s.formats).values([
    { id: formats['2D'], code: '2D', name: 'Standard 2D', multiplierBp: 10000 },
    { id: formats['3D'], code: '3D', name: 'RealD 3D', multiplierBp: 13000 },
    { id: formats.IMAX, code: 'IMAX', name: 'IMAX', multiplierBp: 15000 },
  ]);
  await db.insert(s.ticketTypes).values([
    {
      id: ticketTypes.adult,
      chainId,
      code: 'ADULT',
      name: 'Adult',
      multiplierBp: 10000,
      sortOrder: 1,
    },
    {
      id: ticketTypes.child,
      chainId,
      code: 'CHILD',
      name: 'Child',
      multiplierBp: 7000,
      sortOrder: 2,
    },
    {
      id: ticketTypes.senior,
      chainId,
      code: 'SENIOR',
      name: 'Senior',
      multiplierBp: 8000,
      sortOrder: 3,
    },
  ]);
  await db.insert(s.movies).values(
    (Object.keys(MOVIES) as MovieKey[]).map((k) => ({
      id: movies[k],
      chainId,
      ...MOVIES[k],
      synopsis: `${MOVIES[k].title}: a film made up for tests.`,
      certification: 'U',
      cast: ['A. Actor'],
      durationMinutes: 120,
      ratingTenths: 75,
      releaseDate: '2020-01-01',
    })),
  );
  const screens = {} as Record<CinemaKey, FixtureScreen>;
  for (const key of Object.keys(CINEMAS) as CinemaKey[]) {
    const c = CINEMAS[key];
    await db.insert(s.cinemas).values({
      id: cinemas[key],
      chainId,
      cityId: cities[c.city],
      name: c.name,
      address: `1 ${c.name} Street`,
      timeZone: c.tz,
      currency: c.currency,
      locale: c.locale,
    });
    screens[key] = await insertScreen(db, cinemas[key], c.rows, c.perRow);
  }
  for (const key of Object.keys(SHOWS) as ShowKey[]) {
    const [cinema, movie, format, language, start, status, std, prm] = SHOWS[key];
    const screen = screens[cinema];
    const startsAt = new Date(start);
    await db.insert(s.shows).values({
      id: shows[key],
      cinemaId: cinemas[cinema],
      screenId: screen.screenId,
      layoutId: screen.layoutId,
      movieId: movies[movie],
      formatId: formats[format],
      language,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 135 * 60_000),
      status,
    });
    const currency = CINEMAS[cinema].currency;
    await db.insert(s.showPrices).values([
      { showId: shows[key], categoryId: screen.std, amountMinor: std, currency },
      { showId: shows[key], categoryId: screen.prm, amountMinor: prm, currency },
    ]);
    await db
      .insert(s.showSeats)
      .values([...screen.seatIds.values()].map((seatId) => ({ showId: shows[key], seatId })));
  }
  return { chainId, cities, cinemas, screens, movies, formats, ticketTypes, shows };
}

// Rows A, B, C…; the last row is premium, seat 1 of row A is for a wheelchair.
async function insertScreen(
  db: PgDb,
  cinemaId: string,
  rows: number,
  perRow: number,
): Promise<FixtureScreen> {
  const screenId = randomUUID();
  const layoutId = randomUUID();
  const std = randomUUID();
  const prm = randomUUID();
  await db.insert(s.screens).values({ id: screenId, cinemaId, name: 'Screen 1' });
  await db.insert(s.seatCategories).values([
    { id: std, screenId, code: 'STD', name: 'Standard', rank: 1, color: '#8899aa' },
    { id: prm, screenId, code: 'PRM', name: 'Premium', rank: 2, color: '#d4af37' },
  ]);
  await db
    .insert(s.seatLayouts)
    .values({ id: layoutId, screenId, name: 'Main', width: perRow * 2 + 2, height: rows * 2 + 2 });
  const seatIds = new Map<string, string>();
  const seatRows: (typeof s.seats.$inferInsert)[] = [];
  for (let r = 0; r < rows; r++) {
    const label = String.fromCharCode(65 + r);
    const rowId = randomUUID();
    await db
      .insert(s.layoutRows)
      .values({ id: rowId, layoutId, label, sortOrder: r, y: r * 2 + 1 });
    for (let n = 1; n <= perRow; n++) {
      const id = randomUUID();
      seatIds.set(`${label}${n}`, id);
      seatRows.push({
        id,
        layoutId,
        rowId,
        rowLabel: label,
        number: n,
        label: `${label}${n}`,
        categoryId: r === rows - 1 ? prm : std,
        kind: r === 0 && n === 1 ? 'wheelchair' : 'standard',
        x: n * 2,
        y: r * 2 + 1,
      });
    }
  }
  await db.insert(s.seats).values(seatRows);
  return { screenId, layoutId, std, prm, seatIds };
}

/** Builds the app (which registers the catalog routes) for a test database. */
export async function buildCatalogApp(url: string): Promise<App> {
  const app = await buildApp(loadServerConfig({}, { databaseUrl: url, logLevel: 'silent' }));
  await app.ready();
  return app;
}

/** Puts one seat of a show in a state; a hold row is made when `hold` is given. */
export async function setSeat(
  db: PgDb,
  showId: string,
  seatId: string,
  state: 'available' | 'held' | 'sold' | 'blocked' | 'allocated',
  hold?: { status: string; expiresInSeconds: number },
): Promise<void> {
  let holdId: string | null = null;
  if (hold !== undefined) {
    holdId = `hold_${randomUUID()}`;
    const expiresAt = new Date(Date.now() + hold.expiresInSeconds * 1000);
    await db
      .insert(s.holds)
      .values({ id: holdId, showId, channel: 'web', status: hold.status, expiresAt });
  }
  await db.$client.query(
    'UPDATE show_seats SET state = $3, hold_id = $4, version = version + 1 WHERE show_id = $1 AND seat_id = $2',
    [showId, seatId, state, holdId],
  );
}
