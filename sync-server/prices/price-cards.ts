// Price cards as managers edit them (issue 16; Veezi's price cards): a cinema's seat-category
// prices for the shows they match. Copy as new; apply to shows (future sales only). A card lives
// on the server: stations receive the show prices it sets, never the card.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PriceCardInput, PriceCardView } from '../../common/api/admin-prices.js';
import { BoError } from '../../common/errors.js';
import { invalid } from '../admin/edit.js';
import { audit, type Actor } from '../services/audit.js';
import { clearShowCaches } from '../services/shows.js';
import { withTx, type Queryable, type Tx } from '../services/tx.js';
import { cardById, priceShowsWithCard, type CardRow } from './show-prices.js';

const minute = (t: string): number =>
  t === '24:00' ? 1440 : Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
const time = (m: number): string =>
  m >= 1440
    ? '24:00'
    : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

async function view(db: Queryable, card: CardRow, now: Date): Promise<PriceCardView> {
  const r = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM shows WHERE price_card_id = $1 AND starts_at > $2 AND status NOT IN ('cancelled', 'finished')",
    [card.id, now],
  );
  return {
    id: card.id,
    cinemaId: card.cinemaId,
    name: card.name,
    currency: card.currency,
    weekdays: card.weekdays,
    fromTime: time(card.fromMinute),
    toTime: time(card.toMinute),
    formats: card.formats,
    screenIds: card.screenIds,
    prices: card.prices,
    active: card.active,
    upcomingShows: r.rows[0]?.n ?? 0,
    updatedAt: card.updatedAt.toISOString(),
  };
}

async function found(db: Queryable, id: string): Promise<CardRow> {
  const card = await cardById(db, id);
  if (!card) throw new BoError('BO_NOT_FOUND', 'There is no such price card.');
  return card;
}

/** The cards of a cinema, by name. */
export async function listCards(
  db: pg.Pool,
  cinemaId: string,
  now: Date,
): Promise<PriceCardView[]> {
  const r = await db.query<CardRow>(
    `SELECT id, cinema_id AS "cinemaId", name, currency, weekdays, from_minute AS "fromMinute", to_minute AS "toMinute",
        formats, screen_ids AS "screenIds", prices, active, updated_at AS "updatedAt"
       FROM price_cards WHERE cinema_id = $1 ORDER BY lower(name), id`,
    [cinemaId],
  );
  return Promise.all(r.rows.map((c) => view(db, c, now)));
}

export async function getCard(db: pg.Pool, id: string, now: Date): Promise<PriceCardView> {
  return view(db, await found(db, id), now);
}

/** Checks a card against its cinema: currency, screens, formats, category codes. */
async function check(tx: Tx, cinemaId: string, input: PriceCardInput): Promise<void> {
  const fields: Record<string, string> = {};
  const c = await tx.query<{ currency: string }>('SELECT currency FROM cinemas WHERE id = $1', [
    cinemaId,
  ]);
  const currency = c.rows[0]?.currency;
  if (currency === undefined) throw new BoError('BO_NOT_FOUND', 'There is no such cinema.');
  if (input.currency !== currency)
    fields['/currency'] = `is not the cinema’s currency (${currency})`;
  const screens = await tx.query<{ id: string }>('SELECT id FROM screens WHERE cinema_id = $1', [
    cinemaId,
  ]);
  const own = new Set(screens.rows.map((s) => s.id));
  input.screenIds.forEach((id, i) => {
    if (!own.has(id)) fields[`/screenIds/${String(i)}`] = 'is not a screen of this cinema';
  });
  const f = await tx.query<{ code: string }>('SELECT code FROM formats');
  const formats = new Set(f.rows.map((x) => x.code));
  input.formats.forEach((code, i) => {
    if (!formats.has(code)) fields[`/formats/${String(i)}`] = `is not a format (${code})`;
  });
  const k = await tx.query<{ code: string }>(
    'SELECT DISTINCT c.code FROM seat_categories c JOIN screens s ON s.id = c.screen_id WHERE s.cinema_id = $1',
    [cinemaId],
  );
  const codes = new Set(k.rows.map((x) => x.code));
  for (const code of Object.keys(input.prices))
    if (!codes.has(code)) fields[`/prices/${code}`] = 'is not a seat category of this cinema';
  if (Object.keys(fields).length > 0) throw invalid(fields);
}

const VALUES = (input: PriceCardInput) => [
  input.name,
  input.currency,
  JSON.stringify([...input.weekdays].sort()),
  minute(input.fromTime),
  minute(input.toTime),
  JSON.stringify(input.formats),
  JSON.stringify(input.screenIds),
  JSON.stringify(input.prices),
  input.active,
];

/** Adds a card to a cinema. */
export async function createCard(
  pool: pg.Pool,
  actor: Actor,
  cinemaId: string,
  input: PriceCardInput,
  now: Date,
): Promise<PriceCardView> {
  return withTx(pool, async (tx) => {
    await check(tx, cinemaId, input);
    const id = randomUUID();
    await tx.query(
      `INSERT INTO price_cards (id, cinema_id, name, currency, weekdays, from_minute, to_minute, formats, screen_ids, prices, active, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
      [id, cinemaId, ...VALUES(input), now],
    );
    const after = await view(tx, await found(tx, id), now);
    await audit(tx, actor, 'price_card.create', 'price_card', id, { before: null, after });
    return after;
  });
}

/**
 * Replaces a card. Shows priced with it and not yet started take the new prices (stations are told);
 * tickets sold keep theirs.
 */
export async function updateCard(
  pool: pg.Pool,
  actor: Actor,
  id: string,
  input: PriceCardInput,
  now: Date,
): Promise<PriceCardView> {
  const out = await withTx(pool, async (tx) => {
    await tx.query('SELECT 1 FROM price_cards WHERE id = $1 FOR UPDATE', [id]);
    const old = await found(tx, id);
    const before = await view(tx, old, now);
    await check(tx, old.cinemaId, input);
    await tx.query(
      `UPDATE price_cards SET name = $2, currency = $3, weekdays = $4, from_minute = $5, to_minute = $6, formats = $7,
          screen_ids = $8, prices = $9, active = $10, updated_at = $11 WHERE id = $1`,
      [id, ...VALUES(input), now],
    );
    const card = await found(tx, id);
    const shows = await tx.query<{ id: string }>(
      "SELECT id FROM shows WHERE price_card_id = $1 AND starts_at > $2 AND status NOT IN ('cancelled', 'finished') ORDER BY id FOR UPDATE",
      [id, now],
    );
    await priceShowsWithCard(
      tx,
      card,
      shows.rows.map((s) => s.id),
    );
    const after = await view(tx, card, now);
    await audit(tx, actor, 'price_card.update', 'price_card', id, { before, after });
    return after;
  });
  clearShowCaches();
  return out;
}

/** A new card with the same contents and another name (Veezi's "copy as new"). */
export async function copyCard(
  pool: pg.Pool,
  actor: Actor,
  id: string,
  name: string,
  now: Date,
): Promise<PriceCardView> {
  const card = await found(pool, id);
  const v = await view(pool, card, now);
  return createCard(
    pool,
    actor,
    card.cinemaId,
    {
      name,
      currency: v.currency,
      weekdays: v.weekdays,
      fromTime: v.fromTime,
      toTime: v.toTime,
      formats: v.formats,
      screenIds: v.screenIds,
      prices: v.prices,
      active: v.active,
    },
    now,
  );
}

/** Prices some shows of the card's cinema with it, from now on. */
export async function applyCard(
  pool: pg.Pool,
  actor: Actor,
  id: string,
  showIds: readonly string[],
  now: Date,
): Promise<{ repriced: number }> {
  const n = await withTx(pool, async (tx) => {
    const card = await found(tx, id);
    if (!card.active) throw invalid({ '/priceCardId': `${card.name} is withdrawn` });
    const r = await tx.query<{ id: string; cinema_id: string; starts_at: Date; status: string }>(
      'SELECT id, cinema_id, starts_at, status FROM shows WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [showIds],
    );
    const fields: Record<string, string> = {};
    showIds.forEach((sid, i) => {
      const s = r.rows.find((x) => x.id === sid);
      if (!s || s.cinema_id !== card.cinemaId)
        fields[`/showIds/${String(i)}`] = 'is not a show of this cinema';
      else if (s.status === 'cancelled') fields[`/showIds/${String(i)}`] = 'is cancelled';
      else if (s.starts_at <= now) fields[`/showIds/${String(i)}`] = 'has started';
    });
    if (Object.keys(fields).length > 0) throw invalid(fields);
    const repriced = await priceShowsWithCard(tx, card, showIds);
    await audit(tx, actor, 'price_card.apply', 'price_card', id, {
      before: null,
      after: { showIds },
    });
    return repriced;
  });
  clearShowCaches();
  return { repriced: n };
}

/** The seat category codes a cinema's screens use, for a card's price inputs. */
export async function categoryCodes(
  db: pg.Pool,
  cinemaId: string,
): Promise<{ code: string; name: string; color: string; screens: number }[]> {
  const r = await db.query<{ code: string; name: string; color: string; screens: number }>(
    `SELECT c.code, min(c.name) AS name, min(c.color) AS color, count(DISTINCT c.screen_id)::int AS screens
       FROM seat_categories c JOIN screens s ON s.id = c.screen_id WHERE s.cinema_id = $1
      GROUP BY c.code ORDER BY max(c.rank) DESC, c.code`,
    [cinemaId],
  );
  return r.rows;
}
