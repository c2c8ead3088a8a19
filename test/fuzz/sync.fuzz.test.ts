// Fuzz of the /sync WebSocket (issue 19): random histories of frames, from an enrolled station
// (the fixture's credential) and from a socket that never said a valid hello. Frames are every
// client message kind of common/sync-protocol.ts (hello, mutate with each mutation kind and its
// payload schema, ping), valid-ish and broken, and junk (non-JSON, binary, deep nesting, invalid
// UTF-8, oversize). Every answer is a message of the protocol, every error or reject carries a BO_
// code (never BO_INTERNAL, never the "could not apply" of a thrown error), every close a documented
// code, and afterwards a fresh station is served, no seat has two valid tickets and a mutation id
// sent again gets the answer it got first. FUZZ_SEED (and FUZZ_PATH) replay a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientMsg,
  helloMsg,
  mutateMsg,
  mutationKinds,
  mutationPayloads,
  pingMsg,
  PROTOCOL_VERSION,
  serverMsg,
  type MutationKind,
} from '../../common/sync-protocol.js';
import { CLOSE, WS_CLOSE } from '../../sync-server/sync/close-codes.js';
import type { App } from '../../sync-server/app.js';
import type { ShowFixture } from '../support/show-fixture.js';
import { startSyncServer } from '../support/sync-server.js';
import { openSocket, type TestSocket } from '../support/ws-client.js';
import {
  anyInput,
  fuzzParams,
  invalid,
  jsonSchemaOf,
  validish,
  type ArbOptions,
} from './arbitrary.js';
import { badCode, junkFrame, sendFrame, type Frame } from './ws-frames.js';

type Role = 'station' | 'anonymous';
type Msg = Record<string, unknown>;

let app: App;
let base: string;
let fx: ShowFixture;
let opts: ArbOptions;
/** The cursor of the first snapshot: later hellos resume from it and skip the snapshot. */
let cursor = 0;
/** Each mutation id's first message and the answer it got, for the replay check at the end. */
const firstAnswers = new Map<string, { text: string; answer: Msg }>();
const tally = new Map<string, number>();
const ALLOWED_CLOSE = new Set<number>([...Object.values(CLOSE), ...Object.values(WS_CLOSE)]);

beforeAll(async () => {
  // The hello-failure limits are off: random hellos naming the fixture's device must not lock it.
  ({ app, base, fx } = await startSyncServer(
    { syncHelloFailuresPerAddress: 1_000_000, syncHelloFailuresPerDevice: 1_000_000 },
    { rows: 4, perRow: 8, food: true, shows: 2 },
  ));
  opts = {
    ids: [fx.showId, ...fx.seatIds.slice(0, 6), fx.ticketTypes.adult, fx.staff.manager],
    named: {
      showId: [fx.showId],
      seatId: fx.seatIds,
      seatIds: fx.seatIds,
      ticketTypeId: [fx.ticketTypes.adult, fx.ticketTypes.child],
      categoryId: fx.categoryIds,
      staffId: [fx.staff.cashier, fx.staff.manager],
      approvedBy: [fx.staff.manager],
      device: [fx.station.id, fx.otherStation.id],
    },
  };
  const s = await helloed();
  cursor = (await s.next<{ cursor: number }>((m) => m.type === 'snapshot-end', 15_000)).cursor;
  s.close();
}, 60_000);

afterAll(async () => {
  if (process.env.FUZZ_STATS !== undefined)
    console.log(
      [...tally]
        .sort()
        .map(([k, n]) => `${k}: ${String(n)}`)
        .join('\n'),
    );
  await app.close();
});

/** A socket that said a valid hello as `who` and got its welcome. */
async function helloed(who = fx.station, from = 0): Promise<TestSocket> {
  const s = await openSocket(`${base}/sync`);
  s.send({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    device: who.id,
    secret: who.secret,
    cursor: from,
  });
  await s.next((m) => m.type === 'welcome' || m.type === 'error');
  expect(s.messages[0], 'the fixture station is welcomed').toMatchObject({ type: 'welcome' });
  return s;
}

const json = (value: unknown): Frame => ({ kind: 'json', value });

/** A hello: valid-ish, often with the protocol version and the station's real secret. */
const helloFrame = () =>
  fc
    .tuple(anyInput(jsonSchemaOf(helloMsg), opts), fc.boolean(), fc.boolean())
    .map(([v, version, secret]) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return json(v);
      const o = { ...(v as Msg) };
      if (version) o.protocol = PROTOCOL_VERSION;
      if (secret)
        o.secret = o.device === fx.otherStation.id ? fx.otherStation.secret : fx.station.secret;
      return json(o);
    });

const usedId = fc.constantFrom(
  '6f1d2c3b-4a59-4e68-8f7a-0b1c2d3e4f50',
  '7a2e3d4c-5b6a-4f79-9a8b-1c2d3e4f5061',
);

/** A mutate message of `kind`: the envelope valid-ish, the payload from its own schema. */
function mutateFrame(kind: MutationKind): fc.Arbitrary<Frame> {
  return fc
    .tuple(
      validish(jsonSchemaOf(mutateMsg), opts),
      anyInput(jsonSchemaOf(mutationPayloads[kind]), opts),
      // Mostly a fresh id, so the payload reaches its handler; now and then one used before.
      fc.oneof({ weight: 9, arbitrary: fc.uuid({ version: 4 }) }, { weight: 1, arbitrary: usedId }),
    )
    .map(([envelope, payload, id]) => json({ ...(envelope as Msg), id, kind, payload }));
}

const pingFrame = () => anyInput(jsonSchemaOf(pingMsg), opts).map(json);
const brokenFrame = () => invalid(jsonSchemaOf(clientMsg), opts).map(json);

function frameArb(kinds: readonly MutationKind[]): fc.Arbitrary<Frame> {
  return fc.oneof(
    { weight: 1, arbitrary: helloFrame() },
    { weight: 4, arbitrary: fc.oneof(...kinds.map(mutateFrame)) },
    { weight: 1, arbitrary: pingFrame() },
    { weight: 1, arbitrary: brokenFrame() },
    { weight: 1, arbitrary: junkFrame() },
  );
}

/**
 * Runs one history and checks every answer: sends the frames, then a ping whose pong says the
 * server handled all of them (it answers in order), unless it closed the socket first.
 */
async function runHistory(role: Role, frames: Frame[]): Promise<void> {
  const s =
    role === 'station' ? await helloed(fx.station, cursor) : await openSocket(`${base}/sync`);
  try {
    for (const f of frames) sendFrame(s.ws, f);
    const t = Math.random();
    sendFrame(s.ws, json({ type: 'ping', t }));
    const pong = s.next((m) => m.type === 'pong' && m.t === t, 10_000);
    pong.catch(() => undefined);
    const end = await Promise.race([pong.then(() => null), s.closed]);
    for (const m of s.messages) {
      const what = JSON.stringify(m).slice(0, 300);
      expect(serverMsg.safeParse(m).success, `not a server message: ${what}`).toBe(true);
      expect(badCode(m), what).toBeNull();
      // The session answers a thrown error with this reject: under no load it means a bug.
      if (m.type === 'reject') expect(m.code, what).not.toBe('BO_UNAVAILABLE');
      const key = `${role} ${String(m.type)} ${typeof m.code === 'string' ? m.code : ''}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    if (end !== null) {
      expect(ALLOWED_CLOSE.has(end.code), `closed with ${String(end.code)} ${end.reason}`).toBe(
        true,
      );
      tally.set(
        `${role} close ${String(end.code)}`,
        (tally.get(`${role} close ${String(end.code)}`) ?? 0) + 1,
      );
    }
    if (role === 'station') remember(frames, s.messages);
  } finally {
    s.close();
  }
}

/** Keeps each mutation id's first message and its answer (only ids this suite has not seen). */
function remember(frames: Frame[], messages: Msg[]): void {
  for (const f of frames) {
    if (f.kind !== 'json') continue;
    const m = mutateMsg.safeParse(f.value);
    if (!m.success || firstAnswers.has(m.data.id)) continue;
    const answer = messages.find(
      (a) => (a.type === 'ack' || a.type === 'reject') && a.id === m.data.id,
    );
    if (answer !== undefined)
      firstAnswers.set(m.data.id, { text: JSON.stringify(f.value), answer });
  }
}

const ROLES: Role[] = ['station', 'anonymous'];

/** Ids sent again at the end: within the socket's burst, however many runs FUZZ_RUNS asks for. */
const REPLAYED = 300;

/** At most `n` items spread evenly over `items` (all of them when there are fewer). */
function sample<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T);
}

describe('/sync fuzz', () => {
  it.each(mutationKinds)(
    'mutate %s: every answer is a protocol message with a BO_ code',
    async (kind) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutateFrame(kind), { minLength: 1, maxLength: 4 }),
          async (frames) => {
            await runHistory('station', frames);
          },
        ),
        fuzzParams(6),
      );
    },
    60_000,
  );

  it.each(ROLES)(
    'random histories as %s: protocol answers, BO_ codes, documented closes',
    async (role) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(frameArb(mutationKinds), { minLength: 1, maxLength: 8 }),
          async (frames) => {
            await runHistory(role, frames);
          },
        ),
        fuzzParams(25),
      );
    },
    120_000,
  );

  it('afterwards: a fresh station is served, no seat has two valid tickets, replays answer the same', async () => {
    const fresh = await helloed(fx.otherStation, 0);
    await fresh.next((m) => m.type === 'snapshot-end', 15_000);
    // …and its changes: a seat held on the web reaches it. On the fixture's second show, which no
    // history names, so its seats are all free however many runs took the first show's.
    const free = await app.ctx.db.$client.query<{ show_id: string; seat_id: string }>(
      "SELECT show_id, seat_id FROM show_seats WHERE show_id <> $1 AND state = 'available' LIMIT 1",
      [fx.showId],
    );
    const { show_id: show, seat_id: seat } = free.rows[0] ?? { show_id: '', seat_id: '' };
    const from = fresh.messages.length;
    const held = await app.inject({
      method: 'POST',
      url: '/api/v1/holds',
      payload: { showId: show, seatIds: [seat] },
    });
    expect(held.statusCode, held.body).toBe(201);
    await fresh.next((m) => m.type === 'changes' && JSON.stringify(m).includes(seat), 10_000, from);
    fresh.close();
    const twice = await app.ctx.db.$client.query(
      `SELECT show_id, seat_id, count(*)::int AS n FROM tickets WHERE status = 'valid'
       GROUP BY show_id, seat_id HAVING count(*) > 1`,
    );
    expect(twice.rows).toEqual([]);
    expect(firstAnswers.size).toBeGreaterThan(0);
    const s = await helloed(fx.station, cursor);
    try {
      for (const [id, { text, answer }] of sample([...firstAnswers], REPLAYED)) {
        s.send(text);
        const again = await s.next(
          (m) => (m.type === 'ack' || m.type === 'reject') && m.id === id,
          10_000,
        );
        expect(again, `mutation ${id} sent again`).toEqual(answer);
      }
    } finally {
      s.close();
    }
  }, 60_000);
});
