import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listBackups, openLocalDb } from './local-db.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'marquee-sqlite-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SQLite migrations', () => {
  it('create the replica and station tables, and reopen without change', async () => {
    const dir = tmp();
    const db = await openLocalDb(dir);
    const names = (
      db.$client.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    for (const t of [
      'shows',
      'show_seats',
      'outbox',
      'review_items',
      'tills',
      'print_jobs',
      'sync_state',
      'revoked_tickets',
      'station_pin_lockouts',
      'device',
    ])
      expect(names).toContain(t);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    db.$client.close();
    const again = await openLocalDb(dir);
    again.$client.close();
    expect(listBackups(dir)).toEqual([]);
  });

  it('0003: cinemas get blind close and a variance limit by default; tills and their events name people', async () => {
    const db = await openLocalDb(tmp());
    const c = db.$client;
    c.prepare(
      "INSERT INTO cinemas (id, chain_id, city_id, name, address, time_zone, currency, locale) VALUES ('c', 'ch', 'ci', 'C', 'A', 'UTC', 'USD', 'en-US')",
    ).run();
    expect(c.prepare('SELECT blind_close, till_variance_limit_minor FROM cinemas').get()).toEqual({
      blind_close: 1,
      till_variance_limit_minor: 1000,
    });
    const cols = (t: string) =>
      (c.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((r) => r.name);
    expect(cols('till_events')).toEqual(expect.arrayContaining(['staff_id', 'approved_by']));
    expect(cols('tills')).toEqual(
      expect.arrayContaining(['closed_by', 'variance_approved_by', 'variance_note']),
    );
    c.close();
  });

  it('0004: adds per-person PIN lockouts, drops admins and staff of no cinema, and asks for a snapshot', async () => {
    const dir = tmp();
    const db = await openLocalDb(dir);
    const c = db.$client;
    const cols = (
      c.prepare('PRAGMA table_info(station_pin_lockouts)').all() as { name: string }[]
    ).map((r) => r.name);
    expect(cols).toEqual(['staff_id', 'failures', 'locked_until']);
    // A replica as an older snapshot left it: the chain admin's hash, and staff of no cinema.
    c.exec('DROP TABLE device');
    c.exec('DROP TABLE station_pin_lockouts');
    c.exec('DROP TABLE admissions');
    c.exec('DROP TABLE door_scans');
    c.exec('DROP TABLE order_collections');
    c.exec('ALTER TABLE orders DROP COLUMN reference');
    for (const [table, column] of [
      ['cinemas', 'tax_ids'],
      ['layout_rows', 'numbering'],
      ['movies', 'chain_id'],
      ['movies', 'updated_at'],
      ['seat_layouts', 'version'],
      ['seat_layouts', 'supersedes_id'],
      ['seat_layouts', 'created_at'],
      ['seat_layouts', 'blocks'],
      ['seats', 'restricted_view'],
      ['discounts', 'channels'],
      ['discounts', 'min_spend_minor'],
      ['discounts', 'active'],
      ['discounts', 'updated_at'],
      ['cinemas', 'ads_minutes'],
      ['shows', 'price_card_id'],
      ['shows', 'web_quota'],
      ['shows', 'kiosk_quota'],
      ['shows', 'ads_minutes'],
      ['cinemas', 'day_starts_at'],
    ])
      c.exec(`ALTER TABLE ${table} DROP COLUMN ${column}`);
    // Back to before 0004 (the fifth migration): its row and those of every later one go.
    c.exec(
      'DELETE FROM __drizzle_migrations WHERE created_at >= (SELECT created_at FROM __drizzle_migrations ORDER BY created_at LIMIT 1 OFFSET 4)',
    );
    const add = c.prepare(
      "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES (?, 'ch', ?, ?, ?, 'x')",
    );
    add.run('a', null, 'Admin', 'admin');
    add.run('n', null, 'Floating', 'cashier');
    add.run('c', 'cin', 'Cashier', 'cashier');
    add.run('m', 'cin', 'Manager', 'manager');
    c.prepare("INSERT INTO sync_state (key, value) VALUES ('cursor', '42')").run();
    c.close();
    const again = await openLocalDb(dir);
    expect(again.$client.prepare('SELECT id FROM staff ORDER BY id').all()).toEqual([
      { id: 'c' },
      { id: 'm' },
    ]);
    expect(
      again.$client.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get(),
    ).toEqual({ value: '0' });
    again.$client.close();
  });

  it('0005: adds the device credential table, one row at most, empty at first', async () => {
    const db = await openLocalDb(tmp());
    const c = db.$client;
    const cols = (c.prepare('PRAGMA table_info(device)').all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(cols).toEqual([
      'slot',
      'station_id',
      'secret',
      'cinema_id',
      'name',
      'kind',
      'server_url',
      'enrolled_at',
      'revoked_at',
      'revoked_reason',
    ]);
    expect(c.prepare('SELECT count(*) AS n FROM device').get()).toEqual({ n: 0 });
    c.close();
  });

  it('back up an existing database before applying a pending migration', async () => {
    const dir = tmp();
    const db = await openLocalDb(dir);
    db.$client
      .prepare(
        "INSERT INTO outbox (id, kind, payload, created_at, offline) VALUES ('m1', 'sale', '{}', 0, 1)",
      )
      .run();
    db.$client.exec('DELETE FROM __drizzle_migrations');
    db.$client.exec('DROP TABLE print_jobs');
    db.$client.close();
    // Pretend the file predates the schema: the migration must run again and a backup is taken first.
    await expect(openLocalDb(dir)).rejects.toThrow();
    const backups = listBackups(dir);
    expect(backups).toHaveLength(1);
    const copy = new Database(path.join(dir, 'backups', backups[0] ?? ''));
    expect(copy.prepare('SELECT id FROM outbox').all()).toEqual([{ id: 'm1' }]);
    copy.close();
  });

  it('refuse a damaged database file with a clear message and leave it as it is', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'station.db'), Buffer.alloc(8192, 7));
    await expect(openLocalDb(dir)).rejects.toThrow(/damaged/);
  });
});
