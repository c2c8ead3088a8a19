// A snapshot replaces the replica's staff list: anyone the server no longer sends (a chain admin an
// older server sent, someone no longer posted here) is gone after it, so they cannot sign in.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openLocalDb } from '../local-db.js';
import { createSnapshotWriter } from './snapshot-writer.js';
import { createSyncState } from './sync-state.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('drops replica staff rows that are not in the new snapshot', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-snap-'));
  dirs.push(dir);
  const db = await openLocalDb(dir);
  const add = db.$client.prepare(
    "INSERT INTO staff (id, chain_id, cinema_id, name, role, pin_hash) VALUES (?, 'ch', 'cin', ?, ?, 'x')",
  );
  add.run('admin', 'Admin', 'admin');
  add.run('gone', 'Moved Away', 'cashier');
  add.run('stays', 'Stays Here', 'cashier');
  const writer = createSnapshotWriter(db, createSyncState(db), () => undefined);
  writer.begin(0);
  writer.chunk('staff', [
    {
      id: 'stays',
      chain_id: 'ch',
      cinema_id: 'cin',
      name: 'Stays Here',
      role: 'cashier',
      pin_hash: 'y',
      active: true,
    },
  ]);
  writer.end(7);
  expect(db.$client.prepare('SELECT id, pin_hash FROM staff').all()).toEqual([
    { id: 'stays', pin_hash: 'y' },
  ]);
  db.$client.close();
});
