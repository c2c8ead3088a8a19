// A server for admin-route tests: the show fixture's cinema, a second cinema of the same chain with
// its own manager, and a chain admin; `call` sends a request as one of them.
import { randomUUID } from 'node:crypto';
import { hashSecret } from '../../db/secret-hash.js';
import { openSession } from '../../sync-server/identity/sessions.js';
import { buildApp, type App } from '../../sync-server/app.js';
import { loadServerConfig, type ServerConfig } from '../../sync-server/config.js';
import { testOutbox } from './outbox.js';
import { freshPg } from './pg.js';
import { createShowFixture, type ShowFixture } from './show-fixture.js';

/** Who calls. */
export type AdminRole = 'cashier' | 'manager' | 'managerOther' | 'admin';

export type AdminHarness = {
  app: App;
  fx: ShowFixture;
  otherCinemaId: string;
  people: Record<AdminRole, string>;
  /** A fresh Authorization header for a role. */
  token(as: AdminRole): Promise<string>;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    as: AdminRole,
    body?: unknown,
  ): Promise<{
    status: number;
    // The caller names the shape it expects, as with Fastify's inject().json<T>().
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
    json: <T>() => T;
    body: string;
    headers: Record<string, unknown>;
  }>;
  rows<T extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** The audit rows of an entity, oldest first. */
  audit(
    entityId: string,
  ): Promise<{ action: string; details: { before: unknown; after: unknown } }[]>;
  /** The change-log rows of an entity: cinema, table, op. */
  changes(
    entityId: string,
  ): Promise<
    { cinema_id: string; entity: string; op: string; data: Record<string, unknown> | null }[]
  >;
  close(): Promise<void>;
};

/** Starts the harness; `now` is the server's clock. */
export async function startAdminHarness(
  opts: { now?: () => Date; config?: Partial<ServerConfig> } = {},
): Promise<AdminHarness> {
  const { url, db } = await freshPg();
  const fx = await createShowFixture(db.$client, { rows: 4, perRow: 10, startsInMinutes: 24 * 60 });
  const q = (text: string, values: unknown[]) => db.$client.query(text, values);
  const otherCinemaId = randomUUID();
  const managerOther = randomUUID();
  const admin = randomUUID();
  await q(
    "INSERT INTO cinemas (id, chain_id, city_id, name, address, time_zone, currency, locale) VALUES ($1, $2, $3, 'Other Cinema', '2 Low St', 'Europe/London', 'GBP', 'en-GB')",
    [otherCinemaId, fx.chainId, fx.cityId],
  );
  await q(
    "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES ($1, $2, $3, 'Other Manager', 'manager', $5), ($4, $2, NULL, 'Chain Admin', 'admin', $5)",
    [managerOther, fx.chainId, otherCinemaId, admin, hashSecret('975310')],
  );
  await q('INSERT INTO staff_cinemas (staff_id, cinema_id) VALUES ($1, $2)', [
    managerOther,
    otherCinemaId,
  ]);
  await db.$client.end();
  const app = await buildApp(
    loadServerConfig(
      {},
      { databaseUrl: url, logLevel: 'silent', ...testOutbox(), ...(opts.config ?? {}) },
    ),
    opts.now === undefined ? {} : { now: opts.now },
  );
  const people: Record<AdminRole, string> = {
    cashier: fx.staff.cashier,
    manager: fx.staff.manager,
    managerOther,
    admin,
  };
  const cinemas: Record<AdminRole, string[]> = {
    cashier: [fx.cinemaId],
    manager: [fx.cinemaId],
    managerOther: [otherCinemaId],
    admin: [],
  };
  const pool = app.ctx.db.$client;
  const token = async (as: AdminRole) => {
    const s = await openSession(
      pool,
      {
        kind: 'staff',
        station: null,
        sub: people[as],
        role: as === 'managerOther' ? 'manager' : as,
        cinemas: cinemas[as],
      },
      await app.ctx.identity.settings('staff'),
      new Date(),
    );
    return `Bearer ${s.accessToken}`;
  };
  return {
    app,
    fx,
    otherCinemaId,
    people,
    token,
    async call(method, url, as, body) {
      const res = await app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: await token(as) },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
      return {
        status: res.statusCode,
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
        json: <T>() => res.json<T>(),
        body: res.body,
        headers: res.headers,
      };
    },
    rows: async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
      (await pool.query<T>(text, values)).rows,
    audit: async (entityId) =>
      (
        await pool.query<{ action: string; details: { before: unknown; after: unknown } }>(
          'SELECT action, details FROM audit_log WHERE entity_id = $1 ORDER BY id',
          [entityId],
        )
      ).rows,
    changes: async (entityId) =>
      (
        await pool.query<{
          cinema_id: string;
          entity: string;
          op: string;
          data: Record<string, unknown> | null;
        }>('SELECT cinema_id, entity, op, data FROM change_log WHERE entity_id = $1 ORDER BY seq', [
          entityId,
        ])
      ).rows,
    close: () => app.close(),
  };
}
