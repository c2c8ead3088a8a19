// The RBAC matrix (DESIGN §10): every operation of the OpenAPI document, called as every kind of
// caller, answers as its access declaration says. A new route joins by declaring its access; a path
// parameter this file has no sample for fails the test until one is added below.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../db/secret-hash.js';
import { freshPg } from '../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../test/support/show-fixture.js';
import type { App } from '../app.js';
import { buildRelaxedApp } from '../../test/support/relaxed-app.js';
import type { Access } from './access.js';
import { openSession } from './sessions.js';

const ROLES = [
  'anonymous',
  'customerA',
  'customerB',
  'station',
  'cashier',
  'managerOther',
  'manager',
  'admin',
] as const;
type Role = (typeof ROLES)[number];

let app: App;
let fx: ShowFixture;
const people = {
  customerA: randomUUID(),
  customerB: randomUUID(),
  managerOther: randomUUID(),
  admin: randomUUID(),
};
let otherCinema = '';

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 20, perRow: 20 });
  const q = (text: string, values: unknown[]) => db.$client.query(text, values);
  otherCinema = randomUUID();
  await q(
    "INSERT INTO cinemas (id, chain_id, city_id, name, address, time_zone, currency, locale) VALUES ($1, $2, $3, 'Other Cinema', '2 Low St', 'Europe/London', 'GBP', 'en-GB')",
    [otherCinema, fx.chainId, fx.cityId],
  );
  await q(
    "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES ($1, $2, $3, 'Other Manager', 'manager', $5), ($4, $2, NULL, 'Chain Admin', 'admin', $5)",
    [people.managerOther, fx.chainId, otherCinema, people.admin, hashSecret('975310')],
  );
  await q('INSERT INTO staff_cinemas (staff_id, cinema_id) VALUES ($1, $2)', [
    people.managerOther,
    otherCinema,
  ]);
  for (const c of [people.customerA, people.customerB])
    await q(
      "INSERT INTO customers (id, email, password_hash, name) VALUES ($1, $2, 'unusable', 'Customer')",
      [c, `${c}@example.com`],
    );
  await db.$client.end();
  app = await buildRelaxedApp(url);
});
afterAll(async () => {
  await app.close();
});

/** A fresh Authorization header for a role: fresh, so a logout in one call cannot spoil the next. */
async function authorization(role: Role): Promise<string | undefined> {
  const pool = app.ctx.db.$client;
  const now = new Date();
  if (role === 'anonymous') return undefined;
  if (role === 'station') return `Station ${fx.otherStation.id}:${fx.otherStation.secret}`;
  if (role === 'customerA' || role === 'customerB') {
    const s = await openSession(
      pool,
      { kind: 'customer', sub: people[role] },
      await app.ctx.identity.settings('customer'),
      now,
    );
    return `Bearer ${s.accessToken}`;
  }
  const staff = {
    cashier: { sub: fx.staff.cashier, role: 'cashier' as const, cinemas: [fx.cinemaId] },
    manager: { sub: fx.staff.manager, role: 'manager' as const, cinemas: [fx.cinemaId] },
    managerOther: { sub: people.managerOther, role: 'manager' as const, cinemas: [otherCinema] },
    admin: { sub: people.admin, role: 'admin' as const, cinemas: [] },
  }[role];
  const s = await openSession(
    pool,
    { kind: 'staff', station: null, ...staff },
    await app.ctx.identity.settings('staff'),
    now,
  );
  return `Bearer ${s.accessToken}`;
}

/** Sample values for path parameters; resources a customer owns belong to customer A. */
const OWNED_BY_A = new Set(['holdId', 'bookingId']);
async function sample(param: string): Promise<string> {
  switch (param) {
    case 'cinemaId':
      return fx.cinemaId;
    case 'showId':
      return fx.showId;
    case 'stationId':
      return fx.station.id;
    case 'staffId':
      return fx.staff.cashier;
    case 'holdId': {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/holds',
        headers: { authorization: (await authorization('customerA')) ?? '' },
        payload: { showId: fx.showId, count: 1 },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ holdId: string }>().holdId;
    }
    case 'bookingId': {
      const auth = (await authorization('customerA')) ?? '';
      const hold = await app.inject({
        method: 'POST',
        url: '/api/v1/holds',
        headers: { authorization: auth },
        payload: { showId: fx.showId, count: 1 },
      });
      expect(hold.statusCode, hold.body).toBe(201);
      const h = hold.json<{ holdId: string; seatIds: string[] }>();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: { authorization: auth, 'idempotency-key': randomUUID() },
        payload: {
          holdId: h.holdId,
          tickets: h.seatIds.map((seatId) => ({ seatId, ticketTypeId: fx.ticketTypes.adult })),
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    }
    case 'messageId':
      // No such message: an admin gets 404, which is "allowed" (not 401/403).
      return randomUUID();
    case 'notificationId':
      // Nobody's: a customer gets 404 for it, which is still "allowed" (not 401/403).
      return randomUUID();
    case 'filmId': {
      const r = await app.ctx.db.$client.query<{ id: string }>('SELECT id FROM movies LIMIT 1');
      return r.rows[0]?.id ?? randomUUID();
    }
    case 'mediaId':
      // No such image: anyone gets 404, which is "allowed" (not 401/403).
      return randomUUID();
    case 'screenId': {
      const r = await app.ctx.db.$client.query<{ screen_id: string }>(
        'SELECT screen_id FROM seat_layouts WHERE id = $1',
        [fx.layoutId],
      );
      return r.rows[0]?.screen_id ?? randomUUID();
    }
    case 'layoutId':
      return fx.layoutId;
    case 'priceCardId':
    case 'taxId':
    case 'concessionId': {
      // One of the fixture cinema's rows, made on first use, so cinema-scoped access is judged.
      const table = {
        priceCardId: 'price_cards',
        taxId: 'taxes',
        concessionId: 'concession_items',
      }[param];
      const r = await app.ctx.db.$client.query<{ id: string }>(
        `SELECT id FROM ${table} WHERE cinema_id = $1 LIMIT 1`,
        [fx.cinemaId],
      );
      if (r.rows[0]) return r.rows[0].id;
      const id = randomUUID();
      await app.ctx.db.$client.query(
        param === 'priceCardId'
          ? `INSERT INTO price_cards (id, cinema_id, name, currency, weekdays, from_minute, to_minute, prices) VALUES ($1, $2, 'Sample', 'GBP', '[1]', 0, 1440, '{"STD": 1000}')`
          : param === 'taxId'
            ? "INSERT INTO taxes (id, cinema_id, name, rate_bp, inclusive, item_class) VALUES ($1, $2, 'Sample', 100, true, 'concession')"
            : "INSERT INTO concession_items (id, cinema_id, name, category, price_minor, currency) VALUES ($1, $2, 'Sample', 'Snacks', 100, 'GBP')",
        [id, fx.cinemaId],
      );
      return id;
    }
    case 'promoId':
    case 'ticketTypeId':
      // The chain's: staff of another chain would get 404; here anyone allowed gets 200 or 404.
      return param === 'ticketTypeId' ? fx.ticketTypes.child : randomUUID();
    case 'formatId': {
      const r = await app.ctx.db.$client.query<{ format_id: string }>(
        'SELECT format_id FROM shows WHERE id = $1',
        [fx.showId],
      );
      return r.rows[0]?.format_id ?? randomUUID();
    }
    case 'provider':
      return 'test';
    case 'feedbackId': {
      // A rating of a booking of the fixture's cinema, so cinema-scoped access is judged.
      const bookingId = await sample('bookingId');
      const id = randomUUID();
      await app.ctx.db.$client.query(
        'INSERT INTO feedback (id, booking_id, cinema_id, show_id, rating) SELECT $1, id, cinema_id, show_id, 4 FROM bookings WHERE id = $2',
        [id, bookingId],
      );
      return id;
    }
    case 'backupId':
      // No such backup: an admin gets 404, which is "allowed" (not 401/403).
      return randomUUID();
    case 'intentId':
      return `tgpi_${'0'.repeat(32)}`;
    default:
      throw new Error(`The RBAC matrix has no sample for path parameter {${param}}: add one.`);
  }
}

const RANK = { cashier: 1, manager: 2, admin: 3 } as const;

/** Bodies of writes that check ownership after the body: valid, so the owner is what is judged. */
const BODIES: Record<string, unknown> = {
  'PUT /api/v1/bookings/{bookingId}/feedback': { rating: 4 },
};

/** What a role gets from a route: allowed (any answer but 401/403), or exactly this status. */
function expected(a: Access, role: Role, owned: boolean): 'allowed' | 401 | 403 | 404 {
  const anonymous = role === 'anonymous';
  // Owned resources are the owner's on public and customer routes; staff routes judge by cinema.
  if (owned && role !== 'customerA' && (a.who === 'public' || a.who === 'customer')) return 404;
  switch (a.who) {
    case 'public':
      return 'allowed';
    case 'customer':
      return role === 'customerA' || role === 'customerB' ? 'allowed' : anonymous ? 401 : 403;
    case 'signed-in':
      return anonymous ? 401 : role === 'station' ? 403 : 'allowed';
    case 'station':
      return role === 'station' ? 'allowed' : anonymous ? 401 : 403;
    case 'staff': {
      if (anonymous) return 401;
      if (role !== 'cashier' && role !== 'manager' && role !== 'managerOther' && role !== 'admin')
        return 403;
      const rank = RANK[role === 'managerOther' ? 'manager' : role];
      if (rank < RANK[a.role]) return 403;
      if (a.cinema && role === 'managerOther') return 403;
      return 'allowed';
    }
  }
}

type Operation = { method: string; path: string };

async function operations(): Promise<Operation[]> {
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path })),
  );
}

describe('RBAC matrix', () => {
  it('covers every operation of the OpenAPI document with a declared access', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(10);
    for (const op of ops) {
      const key = `${op.method} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`;
      expect(app.ctx.identity.routeAccess.get(key), key).toBeDefined();
    }
  });

  it('answers every operation as its declaration says, for every kind of caller', async () => {
    const table: string[] = [];
    const failures: string[] = [];
    for (const op of await operations()) {
      const route = op.path.replace(/\{(\w+)\}/g, ':$1');
      const a = app.ctx.identity.routeAccess.get(`${op.method} ${route}`);
      if (!a) throw new Error(`${op.method} ${op.path} declares no access`);
      const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
      const owned = params.some((p) => OWNED_BY_A.has(p));
      const row: string[] = [];
      for (const role of ROLES) {
        let url = op.path;
        for (const p of params) url = url.replace(`{${p}}`, await sample(p));
        const auth = await authorization(role);
        const res = await app.inject({
          method: op.method as 'GET',
          url,
          // Money writes need an Idempotency-Key; a fresh one per call, so each call really runs.
          headers: { 'idempotency-key': randomUUID(), ...(auth ? { authorization: auth } : {}) },
          ...(['POST', 'PUT', 'PATCH'].includes(op.method)
            ? { payload: (BODIES[`${op.method} ${op.path}`] ?? {}) as Record<string, unknown> }
            : {}),
        });
        const want = expected(a, role, owned);
        const ok =
          res.statusCode < 500 &&
          (want === 'allowed' ? ![401, 403].includes(res.statusCode) : res.statusCode === want);
        if (!ok)
          failures.push(
            `${op.method} ${op.path} as ${role}: ${String(res.statusCode)}, want ${String(want)} ${res.body.slice(0, 120)}`,
          );
        row.push(String(res.statusCode));
      }
      table.push(`| ${op.method} ${op.path} | ${row.join(' | ')} |`);
    }
    if (process.env['RBAC_TABLE'] === '1')
      console.log(
        [
          `| route | ${ROLES.join(' | ')} |`,
          `|---|${ROLES.map(() => '---').join('|')}|`,
          ...table,
        ].join('\n'),
      );
    expect(failures).toEqual([]);
  });
});
