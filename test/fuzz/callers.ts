// Who calls in the fuzzers: a customer of their own and the fixture cinema's manager, each with a
// fresh access token per call, so a sign-out in one call cannot spoil the next.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { App } from '../../sync-server/app.js';
import { openSession } from '../../sync-server/identity/sessions.js';
import type { ShowFixture } from '../support/show-fixture.js';

/** Inserts a customer who can only sign in by a session opened here; returns their id. */
export async function insertCustomer(pool: pg.Pool): Promise<string> {
  const id = randomUUID();
  await pool.query(
    "INSERT INTO customers (id, email, password_hash, name) VALUES ($1, $2, 'unusable', 'Customer')",
    [id, `${id}@example.com`],
  );
  return id;
}

/** A fresh access token of the customer `customerId` or of the fixture's manager. */
export async function accessToken(
  app: App,
  who: { kind: 'customer'; customerId: string } | { kind: 'manager'; fx: ShowFixture },
): Promise<string> {
  const pool = app.ctx.db.$client;
  const s =
    who.kind === 'customer'
      ? await openSession(
          pool,
          { kind: 'customer', sub: who.customerId },
          await app.ctx.identity.settings('customer'),
          new Date(),
        )
      : await openSession(
          pool,
          {
            kind: 'staff',
            station: null,
            sub: who.fx.staff.manager,
            role: 'manager',
            cinemas: [who.fx.cinemaId],
          },
          await app.ctx.identity.settings('staff'),
          new Date(),
        );
  return s.accessToken;
}
