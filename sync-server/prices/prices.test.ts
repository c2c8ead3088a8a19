// Prices as managers set them (issue 16): price cards (checked against the cinema, copied as new,
// applied to shows, edits repricing the shows that use them), promo codes (validity, channels,
// enforced where codes are used), ticket types, formats, taxes and the menu; each audited and on
// the change log where stations need it; bad input named and nothing changed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConcessionView,
  PriceCardView,
  PromoView,
  TaxView,
  TicketTypeView,
} from '../../common/api/admin-prices.js';
import { startAdminHarness, type AdminHarness } from '../../test/support/admin.js';
import { loadSalePricing, priceSale } from '../services/sale-pricing.js';
import { showMeta } from '../services/shows.js';

let h: AdminHarness;
type Err = { error: { code: string; details?: { fields?: Record<string, string> } } };

beforeAll(async () => {
  h = await startAdminHarness();
}, 120_000);
afterAll(async () => {
  await h.close();
});

const card = {
  name: 'Weekday evening',
  currency: 'GBP',
  weekdays: [1, 2, 3, 4],
  fromTime: '18:00',
  toTime: '24:00',
  formats: [],
  screenIds: [],
  prices: { STD: 1250, PRM: 1750 },
};

describe('price cards', () => {
  it('are checked against the cinema and named field by field', async () => {
    const bad = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/price-cards`, 'manager', {
      ...card,
      currency: 'EUR',
      prices: { STD: -1, XYZ: 100 },
      toTime: '17:00',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json<Err>().error.details?.fields ?? {})).toEqual(
      expect.arrayContaining(['/prices/STD', '/toTime']),
    );
    const foreign = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/price-cards`, 'manager', {
      ...card,
      currency: 'EUR',
      prices: { XYZ: 100 },
    });
    expect(foreign.status).toBe(400);
    expect(Object.keys(foreign.json<Err>().error.details?.fields ?? {}).sort()).toEqual([
      '/currency',
      '/prices/XYZ',
    ]);
    expect(await h.rows('SELECT id FROM price_cards')).toEqual([]);
    const other = await h.call(
      'POST',
      `/admin/cinemas/${h.otherCinemaId}/price-cards`,
      'manager',
      card,
    );
    expect(other.status).toBe(403);
  });

  it('is created, copied as new and applied to a show; an edit reprices that show for stations', async () => {
    const made = await h.call(
      'POST',
      `/admin/cinemas/${h.fx.cinemaId}/price-cards`,
      'manager',
      card,
    );
    expect(made.status, made.body).toBe(201);
    const c = made.json<PriceCardView>();
    expect(c).toMatchObject({ name: 'Weekday evening', fromTime: '18:00', toTime: '24:00' });
    expect((await h.audit(c.id)).map((a) => a.action)).toEqual(['price_card.create']);
    const copy = await h.call('POST', `/admin/price-cards/${c.id}/copy`, 'manager', {
      name: 'Weekday evening (summer)',
    });
    expect(copy.status).toBe(201);
    expect(copy.json<PriceCardView>().prices).toEqual(card.prices);
    const applied = await h.call('POST', `/admin/price-cards/${c.id}/apply`, 'manager', {
      showIds: [h.fx.showId],
    });
    expect(applied.json()).toEqual({ repriced: 1 });
    const prices = await h.rows<{ amount_minor: number }>(
      'SELECT amount_minor FROM show_prices WHERE show_id = $1 ORDER BY amount_minor',
      [h.fx.showId],
    );
    expect(prices.map((p) => p.amount_minor)).toEqual([1250, 1750]);
    const put = await h.call('PUT', `/admin/price-cards/${c.id}`, 'manager', {
      ...card,
      prices: { STD: 1300, PRM: 1800 },
    });
    expect(put.status, put.body).toBe(200);
    expect(put.json<PriceCardView>().upcomingShows).toBe(1);
    const logged = await h.rows<{ data: { amount_minor: number } }>(
      "SELECT data FROM change_log WHERE entity = 'show_prices' AND show_id = $1 ORDER BY seq DESC LIMIT 2",
      [h.fx.showId],
    );
    expect(logged.map((l) => l.data.amount_minor).sort()).toEqual([1300, 1800]);
    const list = await h.call('GET', `/admin/cinemas/${h.fx.cinemaId}/price-cards`, 'manager');
    expect(list.json<PriceCardView[]>().map((x) => x.name)).toEqual([
      'Weekday evening',
      'Weekday evening (summer)',
    ]);
    const cats = await h.call('GET', `/admin/cinemas/${h.fx.cinemaId}/seat-categories`, 'manager');
    expect(cats.json<{ code: string }[]>().map((x) => x.code)).toEqual(['PRM', 'STD']);
  });
});

describe('promo codes', () => {
  const promo = {
    code: 'WEBONLY',
    name: 'Online launch',
    kind: 'percent',
    value: 1000,
    currency: null,
    validFrom: null,
    validTo: null,
    maxUses: 100,
    minSpendMinor: null,
    channels: ['web'],
  };

  it('refuses a window that ends before it starts, and a taken code', async () => {
    const now = Date.now();
    const bad = await h.call('POST', '/admin/promo-codes', 'manager', {
      ...promo,
      validFrom: new Date(now + 86_400_000).toISOString(),
      validTo: new Date(now).toISOString(),
    });
    expect(bad.status).toBe(400);
    expect(bad.json<Err>().error.details?.fields).toHaveProperty('/validTo');
    const ok = await h.call('POST', '/admin/promo-codes', 'manager', promo);
    expect(ok.status, ok.body).toBe(201);
    const again = await h.call('POST', '/admin/promo-codes', 'admin', {
      ...promo,
      code: 'webonly',
    });
    expect(again.status).toBe(409);
    const id = ok.json<PromoView>().id;
    const changes = await h.changes(id);
    expect(changes.map((c) => c.cinema_id).sort()).toEqual([h.fx.cinemaId, h.otherCinemaId].sort());
    const page = await h.call('GET', '/admin/promo-codes?q=web', 'manager');
    expect(page.json<{ items: PromoView[] }>().items.map((p) => p.code)).toEqual(['WEBONLY']);
  });

  it('is refused at a counter when it is for the web only, and when withdrawn', async () => {
    const pool = h.app.ctx.db.$client;
    const show = await showMeta(pool, h.fx.showId);
    const line = [{ seatId: h.fx.seatIds[0] ?? '', ticketTypeId: h.fx.ticketTypes.adult }];
    const atCounter = await loadSalePricing(pool, show, line, 'WEBONLY', [], h.fx.station.id);
    const client = await pool.connect();
    try {
      await expect(priceSale(client, atCounter, line, 'WEBONLY', new Date())).rejects.toMatchObject(
        {
          code: 'BO_DISCOUNT_CHANNEL',
        },
      );
      const online = await loadSalePricing(pool, show, line, 'WEBONLY', [], null);
      expect(online.channel).toBe('web');
      await h.rows("UPDATE discounts SET active = false WHERE code = 'WEBONLY'");
      const withdrawn = await loadSalePricing(pool, show, line, 'WEBONLY', [], null);
      await expect(priceSale(client, withdrawn, line, 'WEBONLY', new Date())).rejects.toMatchObject(
        {
          code: 'BO_DISCOUNT_WITHDRAWN',
        },
      );
    } finally {
      client.release();
    }
  });
});

describe('ticket types, formats, taxes, menu', () => {
  it('edits a ticket type for the chain and refuses a duplicate code', async () => {
    const made = await h.call('POST', '/admin/ticket-types', 'manager', {
      code: 'SENIOR',
      name: 'Senior',
      multiplierBp: 8000,
      sortOrder: 3,
    });
    expect(made.status, made.body).toBe(201);
    const t = made.json<TicketTypeView>();
    expect((await h.changes(t.id)).length).toBe(2);
    const dup = await h.call('POST', '/admin/ticket-types', 'manager', {
      code: 'SENIOR',
      name: 'Again',
      multiplierBp: 8000,
      sortOrder: 4,
    });
    expect(dup.status).toBe(409);
    const patched = await h.call('PATCH', `/admin/ticket-types/${t.id}`, 'manager', {
      multiplierBp: 7500,
    });
    expect(patched.json<TicketTypeView>().multiplierBp).toBe(7500);
  });

  it('lets only admins change a format’s multiplier', async () => {
    const [f] = await h.rows<{ format_id: string }>('SELECT format_id FROM shows WHERE id = $1', [
      h.fx.showId,
    ]);
    const url = `/admin/formats/${f?.format_id ?? ''}`;
    expect((await h.call('PATCH', url, 'manager', { multiplierBp: 12000 })).status).toBe(403);
    const ok = await h.call('PATCH', url, 'admin', { multiplierBp: 12000 });
    expect(ok.status, ok.body).toBe(200);
  });

  it('adds, changes and removes a tax; the stations are told', async () => {
    const made = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/taxes`, 'manager', {
      name: 'Levy',
      rateBp: 150,
      inclusive: false,
      itemClass: 'concession',
    });
    expect(made.status, made.body).toBe(201);
    const t = made.json<TaxView>();
    const bad = await h.call('PUT', `/admin/taxes/${t.id}`, 'manager', { ...t, rateBp: 20_000 });
    expect(bad.status).toBe(400);
    expect((await h.call('DELETE', `/admin/taxes/${t.id}`, 'manager')).status).toBe(204);
    expect((await h.changes(t.id)).map((c) => c.op)).toEqual(['upsert', 'delete']);
  });

  it('builds a combo from the cinema’s items only', async () => {
    const item = (name: string) =>
      h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/concessions`, 'manager', {
        name,
        category: 'Snacks',
        priceMinor: 450,
        currency: 'GBP',
        comboOf: null,
      });
    const a = (await item('Popcorn')).json<ConcessionView>();
    const b = (await item('Cola')).json<ConcessionView>();
    const combo = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/concessions`, 'manager', {
      name: 'Popcorn + Cola',
      category: 'Combos',
      priceMinor: 750,
      currency: 'GBP',
      comboOf: [a.id, b.id],
    });
    expect(combo.status, combo.body).toBe(201);
    const bad = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/concessions`, 'manager', {
      name: 'Odd',
      category: 'Combos',
      priceMinor: 750,
      currency: 'USD',
      comboOf: [a.id, randomUUID()],
    });
    expect(Object.keys(bad.json<Err>().error.details?.fields ?? {}).sort()).toEqual([
      '/comboOf/1',
      '/currency',
    ]);
  });
});
