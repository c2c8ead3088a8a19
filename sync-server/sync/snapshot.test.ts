// What a snapshot tells a station about people (DESIGN §10): its own cinema's cashiers and managers
// (staff_cinemas), never a chain admin's PIN hash and never another cinema's staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoSummary } from '../../db/demo/seed.js';
import type { PgDb } from '../../db/pg/client.js';
import { freshPg } from '../../test/support/pg.js';
import { readSnapshot } from './snapshot.js';

const TODAY = new Date('2025-11-21T06:30:00Z');

type StaffRow = { id: string; cinema_id: string; role: string; pin_hash: string };

let db: PgDb;
let demo: DemoSummary;

/** The staff rows of one cinema's snapshot. */
async function snapshotStaff(cinemaId: string): Promise<StaffRow[]> {
  const rows: StaffRow[] = [];
  const { messages } = await readSnapshot(db.$client, cinemaId);
  for (const text of messages) {
    const m = JSON.parse(text.toString('utf8')) as {
      type: string;
      table?: string;
      rows?: StaffRow[];
    };
    if (m.type === 'snapshot-chunk' && m.table === 'staff') rows.push(...(m.rows ?? []));
  }
  return rows;
}

beforeAll(async () => {
  db = (await freshPg()).db;
  demo = await seedDemo(db, { seed: 7, today: TODAY });
}, 60_000);
afterAll(async () => {
  await db.$client.end();
});

describe('snapshot staff', () => {
  it('of every demo cinema holds its own cashiers and managers only, and no admin PIN hash', async () => {
    const hashes = await db.$client.query<{ id: string; role: string; pin_hash: string }>(
      'SELECT id, role, pin_hash FROM staff',
    );
    const adminHashes = hashes.rows.filter((r) => r.role === 'admin').map((r) => r.pin_hash);
    expect(adminHashes.length).toBeGreaterThan(0);
    const cinemas = [...new Set(demo.stations.map((s) => s.cinemaId))];
    expect(cinemas).toHaveLength(4);
    for (const cinemaId of cinemas) {
      const rows = await snapshotStaff(cinemaId);
      const expected = demo.staff
        .filter((p) => p.cinemaId === cinemaId && p.role !== 'admin')
        .map((p) => p.id)
        .sort();
      expect(rows.map((r) => r.id).sort()).toEqual(expected);
      expect(expected.length).toBeGreaterThan(1);
      for (const r of rows) {
        expect(r.cinema_id).toBe(cinemaId);
        expect(['cashier', 'manager']).toContain(r.role);
        expect(adminHashes).not.toContain(r.pin_hash);
      }
    }
  });

  it('follows postings: a cashier covering another cinema is sent there; an admin never is', async () => {
    const [home, away] = [...new Set(demo.stations.map((s) => s.cinemaId))];
    const cashier = demo.staff.find((p) => p.cinemaId === home && p.role === 'cashier');
    const admin = demo.staff.find((p) => p.role === 'admin');
    if (!home || !away || !cashier || !admin) throw new Error('demo data is missing people');
    await db.$client.query(
      'INSERT INTO staff_cinemas (staff_id, cinema_id) VALUES ($1, $3), ($2, $3)',
      [cashier.id, admin.id, away],
    );
    const rows = await snapshotStaff(away);
    // The row names the cinema it was sent to, so the replica's sign-in finds them here.
    expect(rows.find((r) => r.id === cashier.id)).toMatchObject({ cinema_id: away });
    expect(rows.map((r) => r.id)).not.toContain(admin.id);
  });
});
