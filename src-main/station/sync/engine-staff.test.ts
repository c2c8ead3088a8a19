// Issue 15: staff changes reach an open station as the admin API writes them to the change log (the
// row as the snapshot shapes it, or a delete): a new person can sign in at once, a deactivated one
// or one moved away cannot, a new PIN replaces the old. Written in SQL here: a station test may not
// import the server (DESIGN §2).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../db/secret-hash.js';
import { freshPg } from '../../../test/support/pg.js';
import {
  createShowFixture,
  FIXTURE_PINS,
  type ShowFixture,
} from '../../../test/support/show-fixture.js';
import { createPinChecker } from '../auth.js';
import { FREE_FAILURES } from '../pin-lockouts.js';
import {
  one,
  openTestStation,
  startTestServer,
  testEngine,
  waitFor,
  type TestServer,
  type TestStation,
} from './test-kit.js';
import type { SyncEngine } from './types.js';

let server: TestServer;
let fx: ShowFixture;
let st: TestStation;
let engine: SyncEngine;
let pins: ReturnType<typeof createPinChecker>;

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 2, perRow: 5 });
  await db.$client.end();
  server = await startTestServer(url);
  st = await openTestStation();
  ({ engine } = testEngine(st.db, server.url, fx.station));
  engine.start();
  await waitFor(
    'catch-up',
    () => engine.status().state === 'online' && engine.status().catchUp === null,
    15_000,
  );
  pins = createPinChecker(
    st.db,
    () => fx.cinemaId,
    () => Date.now(),
  );
});

afterAll(async () => {
  await engine.stop();
  st.remove();
  await server.dispose();
});

/** The change the admin API logs for a person at this cinema (see the server's staff replica rows). */
async function logStaff(
  id: string,
  row: { name: string; role: string; pin: string; active: boolean } | null,
): Promise<void> {
  await server.pool.query(
    'INSERT INTO change_log (cinema_id, show_id, entity, entity_id, op, data) VALUES ($1, NULL, $2, $3, $4, $5)',
    [
      fx.cinemaId,
      'staff',
      id,
      row === null ? 'delete' : 'upsert',
      row === null
        ? null
        : JSON.stringify({
            id,
            chain_id: fx.chainId,
            cinema_id: fx.cinemaId,
            name: row.name,
            role: row.role,
            pin_hash: hashSecret(row.pin),
            active: row.active,
          }),
    ],
  );
}

const signIn = (id: string, pin: string): string => {
  try {
    return pins.signIn(id, pin).id;
  } catch (e) {
    return (e as { code?: string }).code ?? 'error';
  }
};
const inReplica = (id: string) => one(st.db, 'SELECT active FROM staff WHERE id = ?', id);

describe('staff changes at an open station', () => {
  const id = randomUUID();

  it('lets a person added by a manager sign in without a restart', async () => {
    await logStaff(id, { name: 'Ada New', role: 'cashier', pin: '5203', active: true });
    await waitFor('the new person', () => inReplica(id) !== undefined, 10_000);
    expect(pins.people().map((p) => p.name)).toContain('Ada New');
    expect(signIn(id, '5203')).toBe(id);
  });

  it('takes a new PIN, which lifts a lockout here, and refuses the old one', async () => {
    for (let i = 0; i <= FREE_FAILURES; i += 1) signIn(id, '0000');
    expect(signIn(id, '5203')).toBe('BO_RATE_LIMITED');
    const hashOf = () => one(st.db, 'SELECT pin_hash FROM staff WHERE id = ?', id)?.pin_hash;
    const old = hashOf();
    await logStaff(id, { name: 'Ada New', role: 'cashier', pin: '6914', active: true });
    // Waits on the row, not by trying the PIN: wrong tries would lock the person out.
    await waitFor('the new PIN', () => hashOf() !== old, 10_000);
    expect(signIn(id, '6914')).toBe(id);
    expect(signIn(id, '5203')).toBe('BO_UNAUTHORIZED');
  });

  it('refuses a deactivated person and forgets one moved away', async () => {
    await logStaff(id, { name: 'Ada New', role: 'cashier', pin: '6914', active: false });
    await waitFor('deactivated', () => inReplica(id)?.active === 0, 10_000);
    expect(pins.people().map((p) => p.id)).not.toContain(id);
    expect(signIn(id, '6914')).toBe('BO_UNAUTHORIZED');
    await logStaff(fx.staff.cashier2, null);
    await waitFor('deleted', () => inReplica(fx.staff.cashier2) === undefined, 10_000);
    expect(signIn(fx.staff.cashier2, FIXTURE_PINS.cashier2)).toBe('BO_UNAUTHORIZED');
    // Everyone else is untouched.
    expect(signIn(fx.staff.cashier, FIXTURE_PINS.cashier)).toBe(fx.staff.cashier);
    expect(engine.status().state).toBe('online');
  });
});
