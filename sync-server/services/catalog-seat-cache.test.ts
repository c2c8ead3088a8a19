// The seat-map cache's rules with a fake loader and a fake clock; catalog-seat-freshness.test.ts
// checks the same rules end to end on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { BoError } from '../../common/errors.js';
import { createSeatMapCache, type SeatMapLoader } from './catalog-seat-cache.js';
import type { LoadedSeatMap } from './catalog-seat-map.js';
import type { LoggedChange } from './change-log.js';

type Fake = {
  loads: string[];
  previous: (LoadedSeatMap | undefined)[];
  clock: { t: number };
  gate: { wait: Promise<void> | null };
};

function fakeLoader(plan: { lapseMs?: number | null; holdIds?: string[] } = {}): {
  fake: Fake;
  load: SeatMapLoader;
} {
  const fake: Fake = { loads: [], previous: [], clock: { t: 0 }, gate: { wait: null } };
  const load: SeatMapLoader = async (showId, previous) => {
    fake.loads.push(showId);
    fake.previous.push(previous);
    const n = fake.loads.length;
    if (fake.gate.wait !== null) await fake.gate.wait;
    if (showId === 'gone') throw new BoError('BO_SHOW_NOT_FOUND', 'gone');
    const body = Buffer.from(`${showId}#${String(n)}`);
    return {
      key: body.toString(),
      body,
      etag: `"${String(n)}"`,
      states: body,
      statesEtag: `"s${String(n)}"`,
      lapseMs: plan.lapseMs ?? null,
      holdIds: plan.holdIds ?? [],
    };
  };
  return { fake, load };
}

const change = (showId: string | null): LoggedChange => ({
  seq: 1,
  txId: '1',
  cinemaId: 'c',
  showId,
  entity: 'show_seats',
  entityId: showId ?? 'x',
  op: 'upsert',
  data: null,
});
const text = async (p: Promise<LoadedSeatMap>): Promise<string> => (await p).body.toString();

describe('createSeatMapCache', () => {
  it('serves a map from memory until a change for its show arrives, and passes the old map to the reload', async () => {
    const { fake, load } = fakeLoader();
    const cache = createSeatMapCache(load, {
      maxShows: 10,
      maxAgeMs: 60_000,
      now: () => fake.clock.t,
    });
    expect(await text(cache.get('a'))).toBe('a#1');
    expect(await text(cache.get('a'))).toBe('a#1');
    cache.onChanges([change('b')]);
    expect(await text(cache.get('a'))).toBe('a#1');
    cache.onChanges([change('a')]);
    expect(await text(cache.get('a'))).toBe('a#2');
    expect(fake.loads).toEqual(['a', 'a']);
    expect(fake.previous.at(-1)?.body.toString()).toBe('a#1');
  });

  it('goes stale when the first hold it shows would lapse, and after maxAgeMs at the latest', async () => {
    const { fake, load } = fakeLoader({ lapseMs: 300 });
    const cache = createSeatMapCache(load, {
      maxShows: 10,
      maxAgeMs: 1000,
      now: () => fake.clock.t,
    });
    await cache.get('a');
    fake.clock.t = 299;
    await cache.get('a');
    expect(fake.loads).toHaveLength(1);
    fake.clock.t = 300;
    await cache.get('a');
    expect(fake.loads).toHaveLength(2);

    const plain = fakeLoader();
    const aged = createSeatMapCache(plain.load, {
      maxShows: 10,
      maxAgeMs: 1000,
      now: () => plain.fake.clock.t,
    });
    await aged.get('a');
    plain.fake.clock.t = 999;
    await aged.get('a');
    plain.fake.clock.t = 1000;
    await aged.get('a');
    expect(plain.fake.loads).toHaveLength(2);
  });

  it('does not keep a load that was running when its show changed', async () => {
    const { fake, load } = fakeLoader();
    const cache = createSeatMapCache(load, {
      maxShows: 10,
      maxAgeMs: 60_000,
      now: () => fake.clock.t,
    });
    let open = (): void => undefined;
    fake.gate.wait = new Promise((resolve) => (open = resolve));
    const first = cache.get('a');
    await Promise.resolve();
    cache.invalidateShow('a');
    fake.gate.wait = null;
    open();
    // The waiting reader still gets its answer: it asked before the load started.
    expect(await text(first)).toBe('a#1');
    expect(await text(cache.get('a'))).toBe('a#2');
    expect(await text(cache.get('a'))).toBe('a#2');
  });

  it('finds the show of a hold by id; an unknown hold spoils every running load', async () => {
    const { fake, load } = fakeLoader({ holdIds: ['h_1'] });
    const cache = createSeatMapCache(load, {
      maxShows: 10,
      maxAgeMs: 60_000,
      now: () => fake.clock.t,
    });
    await cache.get('a');
    cache.invalidateHold('h_other');
    expect(await text(cache.get('a'))).toBe('a#1');
    cache.invalidateHold('h_1');
    expect(await text(cache.get('a'))).toBe('a#2');

    let open = (): void => undefined;
    fake.gate.wait = new Promise((resolve) => (open = resolve));
    cache.invalidateShow('b');
    const running = cache.get('b');
    await Promise.resolve();
    cache.invalidateHold('h_unknown');
    fake.gate.wait = null;
    open();
    await running;
    expect(await text(cache.get('b'))).toBe('b#4');
  });

  it('drops every map for a change that names no show, keeps at most maxShows, and forgets a missing show', async () => {
    const { fake, load } = fakeLoader();
    const cache = createSeatMapCache(load, {
      maxShows: 2,
      maxAgeMs: 60_000,
      now: () => fake.clock.t,
    });
    await cache.get('a');
    await cache.get('b');
    cache.onChanges([change(null)]);
    await cache.get('a');
    await cache.get('b');
    expect(fake.loads).toEqual(['a', 'b', 'a', 'b']);
    await cache.get('a');
    await cache.get('c');
    expect(cache.size()).toBe(2);
    // b was the least recently read, so it went.
    await cache.get('a');
    await cache.get('b');
    expect(fake.loads).toEqual(['a', 'b', 'a', 'b', 'c', 'b']);
    await expect(cache.get('gone')).rejects.toMatchObject({ code: 'BO_SHOW_NOT_FOUND' });
    expect(cache.size()).toBe(2);
  });
});
