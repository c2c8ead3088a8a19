// Calls a station's contract from the test process over the web shell's WebSocket, for set-up and
// checks that the page does not show (e.g. waiting until escrow has arrived).
import WebSocket from 'ws';
import type { Result } from '../../../common/errors.js';
import { localDateOf } from '../../../common/schedule.js';
import { until } from '../../support/until.js';

/** One WebSocket session to a station (signed out until `auth:signIn` is called on it). */
export type StationSession = {
  call<T>(channel: string, input?: unknown): Promise<T>;
  close(): void;
};

/** Opens a session to the station at `url` (http://host:port). */
export async function openStationSession(url: string): Promise<StationSession> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/contract`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  ws.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString('utf8')) as {
      t: string;
      id?: number;
      result?: Result<unknown>;
    };
    if (frame.t === 'result' && frame.id !== undefined && frame.result) {
      pending.get(frame.id)?.(frame.result);
      pending.delete(frame.id);
    }
  });
  return {
    async call<T>(channel: string, input: unknown = {}): Promise<T> {
      const id = nextId++;
      const result = await new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ t: 'call', id, channel, input }));
      });
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
    close: () => ws.close(),
  };
}

/** Polls `check` until it returns a truthy value (the tests' `until`, with e2e's longer deadline). */
export function waitFor<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  return until(check, timeoutMs, what);
}

type Status = {
  sync: { state: string; catchUp: unknown; pendingCount: number };
  counts: { shows: number };
  cinema: { timeZone: string } | null;
};
type ShowItem = { id: string; seats: { mine: number } };

/**
 * Waits until the station is online, caught up, and holds escrow for every show of `showIds`, looked
 * up on local date `date` or, without one, on yesterday, today and tomorrow in the cinema's zone: a
 * show made relative to now crosses midnight at some hours of the day.
 */
export async function waitStationReady(
  url: string,
  people: { cashier: { name: string; pin: string } },
  opts: { date?: string; showIds?: string[]; escrow?: boolean } = {},
): Promise<void> {
  const s = await openStationSession(url);
  try {
    await waitFor(async () => {
      const st = await s.call<Status>('station:status');
      return st.sync.state === 'online' && st.sync.catchUp === null && st.counts.shows > 0;
    }, 'the station to be online and caught up');
    // The staff list may land a moment after the shows: wait for the person, then sign in once
    // (a wrong try would count against them).
    let staffId = '';
    await waitFor(async () => {
      const list = await s.call<{ id: string; name: string }[]>('auth:people');
      staffId = list.find((p) => p.name === people.cashier.name)?.id ?? '';
      return staffId !== '';
    }, `${people.cashier.name} on the station's staff list`);
    await s.call('auth:signIn', { staffId, pin: people.cashier.pin });
    if (opts.escrow === false || !opts.showIds || opts.showIds.length === 0) return;
    const wanted = new Set(opts.showIds);
    const timeZone = (await s.call<Status>('station:status')).cinema?.timeZone ?? 'UTC';
    const dates =
      opts.date === undefined
        ? [-1, 0, 1].map((d) => localDateOf(new Date(Date.now() + d * 86_400_000), timeZone))
        : [opts.date];
    await waitFor(async () => {
      const lists = await Promise.all(
        dates.map((date) => s.call<ShowItem[]>('catalog:shows', { date })),
      );
      const mine = lists.flat().filter((x) => wanted.has(x.id));
      return mine.length === wanted.size && mine.every((x) => x.seats.mine > 0);
    }, 'seats escrowed to the station');
  } finally {
    s.close();
  }
}
