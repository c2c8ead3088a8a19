import { afterAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../test/support/pg.js';
import { migratePg, type PgDb } from './client.js';

describe('PostgreSQL migrations', () => {
  let db: PgDb | undefined;
  afterAll(async () => {
    await db?.$client.end();
  });

  it('create every table and can run again without change', async () => {
    const fresh = await freshPg();
    db = fresh.db;
    const tables = await db.$client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const names = tables.rows.map((r) => r.tablename);
    for (const t of [
      'shows',
      'show_seats',
      'tickets',
      'holds',
      'change_log',
      'applied_mutations',
      'audit_log',
      'staff',
      'stations',
    ]) {
      expect(names).toContain(t);
    }
    await migratePg(db);
    const again = await db.$client.query(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(again.rows[0]).toEqual({ n: names.length });
  });

  it('0002: cinemas get blind till close and a variance limit by default', async () => {
    if (!db) throw new Error('no db');
    const r = await db.$client.query<{ column_name: string; column_default: string }>(
      "SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'cinemas' AND column_name IN ('blind_close', 'till_variance_limit_minor') ORDER BY column_name",
    );
    expect(r.rows).toEqual([
      { column_name: 'blind_close', column_default: 'true' },
      { column_name: 'till_variance_limit_minor', column_default: '1000' },
    ]);
  });

  it('0003: identity tables exist and holds can name an owner', async () => {
    if (!db) throw new Error('no db');
    const t = await db.$client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('customers', 'staff_cinemas', 'staff_logins', 'auth_sessions', 'refresh_tokens', 'station_enrollments', 'pin_lockouts') ORDER BY tablename",
    );
    expect(t.rows.map((r) => r.tablename)).toEqual([
      'auth_sessions',
      'customers',
      'pin_lockouts',
      'refresh_tokens',
      'staff_cinemas',
      'staff_logins',
      'station_enrollments',
    ]);
    const c = await db.$client.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'holds' AND column_name IN ('customer_id', 'secret_hash') ORDER BY column_name",
    );
    expect(c.rows.map((r) => r.column_name)).toEqual(['customer_id', 'secret_hash']);
  });

  it('0004: the audit log takes new entries but refuses to change or remove one', async () => {
    if (!db) throw new Error('no db');
    const r = await db.$client.query<{ id: number }>(
      "INSERT INTO audit_log (actor_kind, channel, action, entity, entity_id) VALUES ('system', 'system', 'test', 'test', 'x') RETURNING id",
    );
    const id = r.rows[0]?.id;
    await expect(
      db.$client.query("UPDATE audit_log SET action = 'forged' WHERE id = $1", [id]),
    ).rejects.toThrow(/append-only/);
    await expect(db.$client.query('DELETE FROM audit_log WHERE id = $1', [id])).rejects.toThrow(
      /append-only/,
    );
    const after = await db.$client.query('SELECT action FROM audit_log WHERE id = $1', [id]);
    expect(after.rows).toEqual([{ action: 'test' }]);
  });

  it('0006: holds name the client they count against, and the cap check counts them', async () => {
    if (!db) throw new Error('no db');
    const cols = await db.$client.query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'holds' AND column_name = 'client_key'",
    );
    expect(cols.rowCount).toBe(1);
    const show = '00000000-0000-0000-0000-000000000000';
    const hit = (caps: [number, number, number]) =>
      db?.$client.query<{ hit: string | null }>(
        'SELECT hold_client_cap_hit($1, $2::uuid, 1, $3, $4, $5) AS hit',
        ['address:x', show, ...caps],
      );
    expect((await hit([0, 0, 0]))?.rows[0]?.hit).toBeNull();
    // No holds yet: one seat fits every cap of at least one; a seat cap of 0 is off, not "none".
    expect((await hit([1, 1, 1]))?.rows[0]?.hit).toBeNull();
  });

  it('0007: bookings, their payments and refunds, webhooks, idempotency keys and events exist', async () => {
    if (!db) throw new Error('no db');
    const r = await db.$client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1) ORDER BY tablename",
      [
        [
          'bookings',
          'booking_payments',
          'booking_refunds',
          'webhook_events',
          'idempotency_keys',
          'events',
          'test_gateway_intents',
          'test_gateway_webhooks',
        ],
      ],
    );
    expect(r.rows.map((x) => x.tablename)).toHaveLength(8);
    const ref = await db.$client.query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'reference'",
    );
    expect(ref.rowCount).toBe(1);
    // A webhook event id is stored once per provider: the second insert is the duplicate it is.
    const seen = () =>
      db?.$client.query(
        "INSERT INTO webhook_events (provider, event_id, type) VALUES ('test', 'evt_1', 'x') ON CONFLICT DO NOTHING",
      );
    expect((await seen())?.rowCount).toBe(1);
    expect((await seen())?.rowCount).toBe(0);
  });

  it('refuse a second valid ticket for the same seat of a show', async () => {
    if (!db) throw new Error('no db');
    const idx = await db.$client.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'tickets_valid_seat_uq'",
    );
    expect(idx.rows[0]?.indexdef).toMatch(
      /UNIQUE INDEX .* \(show_id, seat_id\) WHERE \(status = 'valid'::text\)/,
    );
  });
});
