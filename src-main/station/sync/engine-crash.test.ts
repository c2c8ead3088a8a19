// Kill-and-restart safety: a station process killed with SIGKILL after queuing a sale (server down),
// or after sending it but before recording the ack, delivers it exactly once after restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPg } from '../../../test/support/pg.js';
import { createShowFixture, type ShowFixture } from '../../../test/support/show-fixture.js';
import {
  one,
  openTestStation,
  startTestServer,
  testEngine,
  waitFor,
  type TestServer,
  type TestStation,
} from './test-kit.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');

let server: TestServer;
let fx: ShowFixture;
const stations: TestStation[] = [];

beforeAll(async () => {
  const { url, db } = await freshPg();
  fx = await createShowFixture(db.$client, { rows: 4, perRow: 10 });
  await db.$client.end();
  server = await startTestServer(url);
});
afterAll(async () => {
  for (const s of stations) s.remove();
  await server.dispose();
});

/** Runs crash-child.ts until it prints `word`, then kills it with SIGKILL. */
async function runAndKill(
  dir: string,
  mode: 'queued' | 'sent',
  payload: unknown,
  beforeKill: (id: string) => Promise<void> = () => Promise.resolve(),
): Promise<string> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(here, 'crash-child.ts'),
      dir,
      server.url,
      fx.station.id,
      fx.station.secret,
      mode,
      JSON.stringify(payload),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  const id = await waitFor(
    `child to print "${mode}"`,
    () =>
      new RegExp(`${mode} ([0-9a-f-]{36})`).exec(out)?.[1] ??
      (child.exitCode !== null ? `exit:${err}` : null),
    20_000,
  );
  if (id.startsWith('exit:')) throw new Error(`child failed: ${id}`);
  await beforeKill(id);
  child.kill('SIGKILL');
  expect((await exited).signal).toBe('SIGKILL');
  return id;
}

const pgCount = async (text: string, values: unknown[]): Promise<number> =>
  (await server.pool.query<{ n: number }>(text, values)).rows[0]?.n ?? -1;
const sale = (seatId: string) => ({
  orderId: randomUUID(),
  showId: fx.showId,
  lines: [{ seatId, ticketTypeId: fx.ticketTypes.adult, ticketId: randomUUID() }],
  tenders: [{ tender: 'cash', amountMinor: 1000 }],
  staffId: fx.staff.cashier,
  expectedTotalMinor: 1000,
});

describe('kill -9 safety', () => {
  it('a sale queued while the server is down survives SIGKILL and is delivered exactly once', async () => {
    const st = await openTestStation();
    stations.push(st);
    st.close();
    await server.stop();
    const seatId = fx.rows[0]?.[0] ?? '';
    const id = await runAndKill(st.dir, 'queued', sale(seatId));

    const db = await st.reopen();
    expect(one(db, 'SELECT id, kind, offline, attempts FROM outbox')).toEqual({
      id,
      kind: 'sell',
      offline: 1,
      attempts: 0,
    });
    await server.start();
    const { engine } = testEngine(db, server.url, fx.station);
    engine.start();
    try {
      await waitFor('drained', () => engine.status().pendingCount === 0, 10_000);
      expect(
        await pgCount('SELECT count(*)::int AS n FROM applied_mutations WHERE id = $1', [id]),
      ).toBe(1);
      expect(
        await pgCount(
          "SELECT count(*)::int AS n FROM tickets WHERE show_id = $1 AND seat_id = $2 AND status = 'valid'",
          [fx.showId, seatId],
        ),
      ).toBe(1);
      expect(engine.reviewItems()).toHaveLength(0);
    } finally {
      await engine.stop();
    }
  });

  it('a sale the server applied but whose ack was never recorded is answered by replay, once', async () => {
    const st = await openTestStation();
    stations.push(st);
    st.close();
    const seatId = fx.rows[1]?.[0] ?? '';
    const id = await runAndKill(st.dir, 'sent', sale(seatId), async (mid) => {
      // Kill only once the server has applied it: the crash sits between apply and ack.
      await waitFor(
        'server applied',
        async () =>
          (await pgCount('SELECT count(*)::int AS n FROM applied_mutations WHERE id = $1', [
            mid,
          ])) === 1 || null,
        10_000,
      );
    });

    const db = await st.reopen();
    expect(one(db, 'SELECT id, attempts FROM outbox')).toEqual({ id, attempts: 1 });
    const { engine } = testEngine(db, server.url, fx.station);
    const outcomes: string[] = [];
    engine.onOutcome((o) => outcomes.push(o.outcome));
    engine.start();
    try {
      await waitFor('drained', () => engine.status().pendingCount === 0, 10_000);
      expect(outcomes).toEqual(['ack']);
      expect(
        await pgCount(
          "SELECT count(*)::int AS n FROM tickets WHERE show_id = $1 AND seat_id = $2 AND status = 'valid'",
          [fx.showId, seatId],
        ),
      ).toBe(1);
      expect(
        await pgCount('SELECT count(*)::int AS n FROM orders WHERE station_id = $1', [
          fx.station.id,
        ]),
      ).toBe(2);
    } finally {
      await engine.stop();
    }
  });
});
