// Prices a basket from the replica with the one pricing function of common/ (DESIGN §6).
import type { ConcessionLine } from '../../common/concession-lines.js';
import { BoError, isErrorCode } from '../../common/errors.js';
import { priceOrder, type PricedOrder, type PricingInput } from '../../common/pricing.js';
import type { LocalDb } from './local-db.js';

/** Prices ticket lines of a show and any concessions as the server would, from the station's copy of prices and taxes. */
export function priceBasket(
  db: LocalDb,
  showId: string,
  lines: { seatId: string; ticketTypeId: string }[],
  discountCode: string | undefined,
  concessions: readonly ConcessionLine[] = [],
  now = new Date(),
): PricedOrder {
  const show = db.$client
    .prepare(
      'SELECT f.multiplier_bp, sh.cinema_id, c.time_zone, c.locale FROM shows sh JOIN formats f ON f.id = sh.format_id LEFT JOIN cinemas c ON c.id = sh.cinema_id WHERE sh.id = ?',
    )
    .get(showId) as
    | { multiplier_bp: number; cinema_id: string; time_zone: string | null; locale: string | null }
    | undefined;
  if (!show)
    throw new BoError(
      'BO_SHOW_NOT_FOUND',
      'This show is not in the station’s copy of the schedule.',
    );
  const priceOf = db.$client.prepare(
    'SELECT p.amount_minor, p.currency FROM seats s JOIN show_prices p ON p.category_id = s.category_id AND p.show_id = ? WHERE s.id = ?',
  );
  const typeOf = db.$client.prepare('SELECT multiplier_bp FROM ticket_types WHERE id = ?');
  let currency = '';
  const tickets = lines.map((l) => {
    const p = priceOf.get(showId, l.seatId) as
      { amount_minor: number; currency: string } | undefined;
    const t = typeOf.get(l.ticketTypeId) as { multiplier_bp: number } | undefined;
    if (!p)
      throw new BoError('BO_SEAT_NOT_FOUND', 'A seat of this basket has no price for this show.');
    if (!t) throw new BoError('BO_VALIDATION', 'Unknown ticket type.');
    currency = p.currency;
    return {
      ref: l.seatId,
      basePriceMinor: p.amount_minor,
      formatMultiplierBp: show.multiplier_bp,
      ticketTypeMultiplierBp: t.multiplier_bp,
    };
  });
  const taxes = (
    db.$client
      .prepare('SELECT name, rate_bp, inclusive, item_class FROM taxes ORDER BY name')
      .all() as {
      name: string;
      rate_bp: number;
      inclusive: number;
      item_class: 'ticket' | 'concession';
    }[]
  ).map((t) => ({
    name: t.name,
    rateBp: t.rate_bp,
    inclusive: t.inclusive === 1,
    itemClass: t.item_class,
  }));
  let discount: PricingInput['discount'] = null;
  if (discountCode !== undefined && discountCode !== '') {
    const d = db.$client
      .prepare(
        'SELECT code, kind, value, currency, valid_from, valid_to, max_uses, uses, channels, active, min_spend_minor FROM discounts WHERE upper(code) = upper(?)',
      )
      .get(discountCode) as
      | {
          code: string;
          kind: 'percent' | 'fixed';
          value: number;
          currency: string | null;
          valid_from: number | null;
          valid_to: number | null;
          max_uses: number | null;
          uses: number;
          channels: string;
          active: number;
          min_spend_minor: number | null;
        }
      | undefined;
    if (!d)
      throw new BoError(
        'BO_VALIDATION',
        `Promo code ${discountCode} does not exist. Check the spelling.`,
      );
    // A station is a counter until kiosk mode exists; a code for the web or kiosks only is refused here.
    if (d.active !== 1)
      throw new BoError('BO_DISCOUNT_WITHDRAWN', `Promo code ${d.code} has been withdrawn.`);
    if (!channelsOf(d.channels).includes('counter'))
      throw new BoError(
        'BO_DISCOUNT_CHANNEL',
        `Promo code ${d.code} cannot be used at the counter.`,
      );
    discount = {
      code: d.code,
      kind: d.kind,
      value: d.value,
      currency: d.currency,
      validFrom: d.valid_from === null ? null : new Date(d.valid_from),
      validTo: d.valid_to === null ? null : new Date(d.valid_to),
      maxUses: d.max_uses,
      uses: d.uses,
      minSpendMinor: d.min_spend_minor,
    };
  }
  const r = priceOrder(
    {
      currency,
      tickets,
      concessions: concessionPrices(db, show.cinema_id, currency, concessions),
      taxes,
      discount,
      display:
        show.time_zone === null || show.locale === null
          ? null
          : { timeZone: show.time_zone, locale: show.locale },
    },
    now,
  );
  if (!r.ok)
    throw new BoError(isErrorCode(r.error.code) ? r.error.code : 'BO_VALIDATION', r.error.message);
  return r.value;
}

/** Concession lines as pricing input, in the order given; BO_CONCESSION_UNAVAILABLE for an item this cinema does not sell now. */
function concessionPrices(
  db: LocalDb,
  cinemaId: string,
  currency: string,
  lines: readonly ConcessionLine[],
): { ref: string; unitPriceMinor: number; quantity: number }[] {
  const itemOf = db.$client.prepare(
    'SELECT name, price_minor, currency, active FROM concession_items WHERE id = ? AND cinema_id = ?',
  );
  return lines.map((l) => {
    const item = itemOf.get(l.itemId, cinemaId) as
      { name: string; price_minor: number; currency: string; active: number } | undefined;
    if (!item || item.active !== 1 || item.currency !== currency) {
      throw new BoError(
        'BO_CONCESSION_UNAVAILABLE',
        `${item?.name ?? 'An item of this basket'} is not on sale at this cinema now. Take it out of the basket.`,
        { itemId: l.itemId },
      );
    }
    return { ref: l.itemId, unitPriceMinor: item.price_minor, quantity: l.quantity };
  });
}

/** The channels of a replica discount row (JSON text); unreadable → none. */
function channelsOf(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
