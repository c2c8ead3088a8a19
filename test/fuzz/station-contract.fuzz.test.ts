// Fuzz of the station contract (issue 19): every channel of stationContract, called through
// `dispatch` as the shells call it, with valid-ish and invalid inputs from its zod schema. Each
// answer is ok or a stable BO_… code other than BO_INTERNAL, and dispatch never throws. Then the
// invariants: the station still answers, no seat holds two valid tickets on the server, the
// station's outbox drains. FUZZ_SEED (and FUZZ_PATH) replay a failing run; FUZZ_RUNS scales it.
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationContract, type TillInfo } from '../../common/contract/station.js';
import { dispatch } from '../../src-main/station/dispatch.js';
import { createShowFixture, FIXTURE_PINS, type ShowFixture } from '../support/show-fixture.js';
import {
  caughtUp,
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../support/stack.js';
import { anyInput, fuzzParams, jsonSchemaOf, type ArbOptions } from './arbitrary.js';

type ChannelName = keyof typeof stationContract;

/**
 * Channels that end the session or the fixture's state: they run last, each call on a session
 * that was signed in (and a till opened) again just before, so they cannot hide the others.
 * station:enroll is also fuzzed on a station of its own that is not enrolled (below).
 */
const ENDING: ChannelName[] = ['station:enroll', 'kiosk:close', 'till:close', 'auth:signOut'];
const ALL = Object.keys(stationContract) as ChannelName[];
const ORDINARY = ALL.filter((c) => !ENDING.includes(c));

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
let st: TestStation;
let opts: ArbOptions;
/** How each channel answered, printed with FUZZ_STATS=1 to see what the inputs reach. */
const tally = new Map<string, number>();

/** Dispatches one call; fails on a throw, a hang, BO_INTERNAL or a code that is not BO_…. */
async function callChecked(station: TestStation, channel: string, input: unknown) {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${channel} did not answer within 10 s`));
    }, 10_000);
  });
  try {
    const r = await Promise.race([
      dispatch(station.station.contract, station.station.handlers, channel, input, {
        session: station.session,
        kioskOpen: station.station.kioskOpen,
      }),
      hung,
    ]);
    const key = `${channel} ${r.ok ? 'ok' : r.error.code}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
    if (!r.ok) {
      expect(r.error.code, `${channel}: ${r.error.message}`).toMatch(/^BO_[A-Z_]+$/);
      expect(r.error.code, `${channel}: ${r.error.message}`).not.toBe('BO_INTERNAL');
    }
    return r;
  } finally {
    clearTimeout(timer);
  }
}

/** Signs the manager in again and opens a till when none is open (ending channels run after it). */
async function managerWithTill() {
  if (st.session.staff?.id !== fx.staff.manager)
    await st.call('auth:signIn', { staffId: fx.staff.manager, pin: FIXTURE_PINS.manager });
  const till = await st.call<TillInfo>('till:status');
  if (till === null) await st.call('till:open', { float: { cash: 5000 } });
}

const arbFor = (channel: ChannelName) =>
  anyInput(jsonSchemaOf(stationContract[channel].input), opts);

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 3, perRow: 6, startsInMinutes: 240, food: true });
  st = await startTestStation(server.url, fx.station, { allocationPerCategory: 2 });
  await caughtUp(st, { showId: fx.showId });
  // Ids that exist, so valid-ish inputs reach the handlers' logic and not only "not found". The
  // manager's id is left out: wrong PINs would lock the manager out of the session this test needs.
  opts = {
    ids: [
      fx.showId,
      ...fx.seatIds,
      fx.ticketTypes.adult,
      fx.ticketTypes.child,
      ...fx.categoryIds,
      fx.staff.cashier,
      fx.staff.cashier2,
      fx.cinemaId,
    ],
    named: {
      showId: [fx.showId],
      seatId: fx.seatIds,
      seatIds: fx.seatIds,
      ticketTypeId: [fx.ticketTypes.adult, fx.ticketTypes.child],
      staffId: [fx.staff.cashier, fx.staff.cashier2],
    },
  };
  await managerWithTill();
}, 60_000);

afterAll(async () => {
  if (process.env.FUZZ_STATS !== undefined)
    console.log(
      [...tally]
        .sort()
        .map(([k, n]) => `${k}: ${String(n)}`)
        .join('\n'),
    );
  await st.stop();
  await server.stop();
  await pool.end();
});

describe('station contract fuzz', () => {
  it('lists every channel of the contract exactly once', () => {
    expect([...ORDINARY, ...ENDING].sort()).toEqual([...ALL].sort());
  });

  it.each(ORDINARY)(
    '%s answers ok or a BO_ code',
    async (channel) => {
      await fc.assert(
        fc.asyncProperty(arbFor(channel), async (input) => {
          await callChecked(st, channel, input);
        }),
        fuzzParams(30),
      );
    },
    60_000,
  );

  it('a history of calls to any channel answers ok or a BO_ code', async () => {
    const step = fc.oneof(
      ...ORDINARY.map((c) => arbFor(c).map((input) => ({ channel: c, input }))),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (history) => {
        for (const { channel, input } of history) await callChecked(st, channel, input);
      }),
      fuzzParams(30),
    );
  }, 120_000);

  // Run last: each call ends the session, the till or the kiosk, so it gets a fresh one first.
  it.each(ENDING)(
    '%s (ending the session or till) answers ok or a BO_ code',
    async (channel) => {
      await fc.assert(
        fc.asyncProperty(arbFor(channel), async (input) => {
          await managerWithTill();
          await callChecked(st, channel, input);
        }),
        fuzzParams(20),
      );
    },
    60_000,
  );

  it('station:enroll on a station that is not enrolled answers ok or a BO_ code', async () => {
    const fresh = await startTestStation(server.url, null);
    try {
      // The server of the test half the time, so random codes reach its enrollment route.
      const input = fc
        .tuple(arbFor('station:enroll'), fc.boolean())
        .map(([v, here]) =>
          here && typeof v === 'object' && v !== null && !Array.isArray(v)
            ? { ...v, serverUrl: server.url }
            : v,
        );
      await fc.assert(
        fc.asyncProperty(input, async (v) => {
          const r = await callChecked(fresh, 'station:enroll', v);
          // No code was issued, so none of them can enroll it.
          expect(r.ok).toBe(false);
        }),
        fuzzParams(20),
      );
    } finally {
      await fresh.stop();
    }
  }, 120_000);

  it('afterwards: the station answers, no seat has two valid tickets, the outbox drains', async () => {
    await managerWithTill();
    const status = await callChecked(st, 'station:status', {});
    expect(status.ok).toBe(true);
    await until(
      () => st.station.engine.isOnline() && st.station.engine.status().pendingCount === 0,
      15_000,
      'outbox drained',
    );
    const twice = await pool.query(
      `SELECT show_id, seat_id, count(*)::int AS n FROM tickets WHERE status = 'valid'
       GROUP BY show_id, seat_id HAVING count(*) > 1`,
    );
    expect(twice.rows).toEqual([]);
    const local = st.station.db.$client
      .prepare(
        `SELECT show_id, seat_id, count(*) AS n FROM tickets WHERE status = 'valid'
         GROUP BY show_id, seat_id HAVING count(*) > 1`,
      )
      .all();
    expect(local).toEqual([]);
  }, 30_000);
});
