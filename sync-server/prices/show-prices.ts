// Pricing shows with a price card (issue 16): each seat category of the show's screen gets the
// card's price for its code. Published shows tell their cinema's stations (show row and prices on
// the change log); drafts stay on the server until they are published.
import type { MatchableCard } from '../../common/price-cards.js';
import { invalid } from '../admin/edit.js';
import { appendChange } from '../services/change-log.js';
import type { Queryable, Tx } from '../services/tx.js';

/** A price card as stored. */
export type CardRow = {
  id: string;
  cinemaId: string;
  name: string;
  currency: string;
  weekdays: number[];
  fromMinute: number;
  toMinute: number;
  formats: string[];
  screenIds: string[];
  prices: Record<string, number>;
  active: boolean;
  updatedAt: Date;
};

const CARD_SQL = `SELECT id, cinema_id AS "cinemaId", name, currency, weekdays, from_minute AS "fromMinute",
  to_minute AS "toMinute", formats, screen_ids AS "screenIds", prices, active, updated_at AS "updatedAt"
  FROM price_cards`;

/** The price cards of a cinema, active or not, by name. */
export async function cardsOfCinema(db: Queryable, cinemaId: string): Promise<CardRow[]> {
  const r = await db.query<CardRow>(`${CARD_SQL} WHERE cinema_id = $1 ORDER BY name, id`, [
    cinemaId,
  ]);
  return r.rows;
}

/** One card, or null. */
export async function cardById(db: Queryable, id: string): Promise<CardRow | null> {
  const r = await db.query<CardRow>(`${CARD_SQL} WHERE id = $1`, [id]);
  return r.rows[0] ?? null;
}

/** A stored card in the shape common/price-cards.ts matches. */
export function matchable(row: CardRow): MatchableCard {
  return { ...row, updatedAt: row.updatedAt.getTime() };
}

/**
 * Prices shows with a card: show_prices for every seat category of each show's screen, and
 * shows.price_card_id. A category the card has no price for → 400 naming /prices/{code}. Returns
 * how many shows were repriced. Tickets already sold keep the price they were sold at.
 */
export async function priceShowsWithCard(
  tx: Tx,
  card: CardRow,
  showIds: readonly string[],
): Promise<number> {
  if (showIds.length === 0) return 0;
  const cats = await tx.query<{ show_id: string; category_id: string; code: string }>(
    `SELECT s.id AS show_id, c.id AS category_id, c.code
       FROM shows s JOIN seat_categories c ON c.screen_id = s.screen_id
      WHERE s.id = ANY($1::uuid[]) ORDER BY s.id, c.code`,
    [showIds],
  );
  const missing = [...new Set(cats.rows.map((c) => c.code))].filter(
    (code) => card.prices[code] === undefined,
  );
  if (missing.length > 0)
    throw invalid(
      Object.fromEntries(
        missing.map((code) => [
          `/prices/${code}`,
          `has no price in ${card.name} (needed for ${code})`,
        ]),
      ),
    );
  await tx.query(
    `INSERT INTO show_prices (show_id, category_id, amount_minor, currency)
     SELECT x.show_id, x.category_id, x.amount, $4 FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS x(show_id, category_id, amount)
     ON CONFLICT (show_id, category_id) DO UPDATE SET amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency`,
    [
      cats.rows.map((c) => c.show_id),
      cats.rows.map((c) => c.category_id),
      cats.rows.map((c) => card.prices[c.code] ?? 0),
      card.currency,
    ],
  );
  const shows = await tx.query<
    Record<string, unknown> & { id: string; cinema_id: string; status: string }
  >('UPDATE shows SET price_card_id = $2 WHERE id = ANY($1::uuid[]) RETURNING *', [
    showIds,
    card.id,
  ]);
  const published = shows.rows.filter((s) => s.status !== 'draft');
  if (published.length > 0) {
    const prices = await tx.query<
      Record<string, unknown> & { show_id: string; category_id: string }
    >('SELECT * FROM show_prices WHERE show_id = ANY($1::uuid[]) ORDER BY show_id, category_id', [
      published.map((s) => s.id),
    ]);
    for (const show of published) {
      await appendChange(tx, {
        cinemaId: show.cinema_id,
        showId: show.id,
        entity: 'shows',
        entityId: show.id,
        op: 'upsert',
        data: show,
      });
      for (const p of prices.rows.filter((x) => x.show_id === show.id))
        await appendChange(tx, {
          cinemaId: show.cinema_id,
          showId: show.id,
          entity: 'show_prices',
          entityId: `${p.show_id}:${p.category_id}`,
          op: 'upsert',
          data: p,
        });
    }
  }
  return shows.rowCount ?? 0;
}
