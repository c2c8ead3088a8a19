import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../db/pg/client.js';
import * as s from '../../db/pg/schema.js';
import { freshPg } from '../../test/support/pg.js';
import { insertCatalogFixture, type CatalogFixture } from './catalog.fixture.js';
import {
  cachedLayoutCount,
  clearLayoutCache,
  getLayout,
  MAX_CACHED_LAYOUTS,
} from './catalog-layout.js';

let db: PgDb;
let fx: CatalogFixture;

beforeAll(async () => {
  db = (await freshPg()).db;
  fx = await insertCatalogFixture(db);
});

afterAll(async () => {
  await db.$client.end();
});

describe('layout cache', () => {
  it('serializes seats in row order and reads a layout once', async () => {
    const layout = await getLayout(db, fx.screens.soho.layoutId);
    expect(layout?.seatIds).toHaveLength(12);
    expect(layout?.categories.map((c) => c.code)).toEqual(['PRM', 'STD']);
    expect(JSON.parse(`${layout?.seatPrefixes[0] ?? ''}available"}`)).toMatchObject({
      label: 'A1',
      row: 'A',
      kind: 'wheelchair',
      state: 'available',
    });
    expect(await getLayout(db, fx.screens.soho.layoutId)).toBe(layout);
  });

  it('answers null for an unknown layout and does not keep the miss', async () => {
    clearLayoutCache(db);
    expect(await getLayout(db, randomUUID())).toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(cachedLayoutCount(db)).toBe(0);
  });

  it(`keeps at most ${MAX_CACHED_LAYOUTS} layouts and evicts the least recently used`, async () => {
    clearLayoutCache(db);
    const screenId = fx.screens.soho.screenId;
    const ids = Array.from({ length: MAX_CACHED_LAYOUTS + 1 }, () => randomUUID());
    await db
      .insert(s.seatLayouts)
      .values(ids.map((id) => ({ id, screenId, name: 'Spare', width: 1, height: 1 })));
    const first = await getLayout(db, fx.screens.soho.layoutId);
    const oldest = await getLayout(db, ids[0] ?? '');
    for (const id of ids.slice(1, MAX_CACHED_LAYOUTS - 1)) await getLayout(db, id);
    // Touch the first layout so the oldest untouched one is evicted instead.
    expect(await getLayout(db, fx.screens.soho.layoutId)).toBe(first);
    await getLayout(db, ids[MAX_CACHED_LAYOUTS] ?? '');
    expect(cachedLayoutCount(db)).toBe(MAX_CACHED_LAYOUTS);
    expect(await getLayout(db, fx.screens.soho.layoutId)).toBe(first);
    const reloaded = await getLayout(db, ids[0] ?? '');
    expect(reloaded?.layoutId).toBe(ids[0]);
    expect(reloaded).not.toBe(oldest);
    expect(cachedLayoutCount(db)).toBe(MAX_CACHED_LAYOUTS);
  });
});
