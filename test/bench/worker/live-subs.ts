// P4: live seat-map subscribers. Each socket records when it first saw each seat of its show as
// held; at the end those times are joined with the generator's hold records into push latencies.
import WebSocket from 'ws';
import type { HoldRecord, LoadResult } from '../ipc.js';
import { Samples, wallNow } from '../stats.js';
import { errorText } from './http-client.js';

type Sub = { ws: WebSocket; showId: string; closedEarly: boolean };
type LiveSeat = { seatId: string; state: string; holdId?: string | null };
type LiveMessage = { type: string; showId?: string; seats?: LiveSeat[] };

const subs: Sub[] = [];
/** "showId:seatId" → times (wall ms) at which subscribers saw the seat held, one per subscriber. */
const seen = new Map<string, number[]>();
let messages = 0;
// Hold ids are capabilities (whoever has one can release the hold): public pushes should not carry them.
let holdIdsSeen = 0;
const CONNECT_BATCH = 50;

/** Subscribers per source address: under the server's per-address cap (64), like real visitors. */
const PER_ADDRESS = 32;

function open(url: string, showId: string, n: number): Promise<Sub> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/live?showId=${showId}`, {
      perMessageDeflate: false,
      // 127.0.1.1, 127.0.2.1, …: all of 127.0.0.0/8 is loopback on Linux.
      localAddress: `127.0.${String(1 + Math.floor(n / PER_ADDRESS))}.1`,
    });
    const sub: Sub = { ws, showId, closedEarly: false };
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no snapshot for ${showId} within 15 s`));
    }, 15_000);
    ws.on('message', (data: Buffer) => {
      const t = wallNow();
      messages += 1;
      const msg = JSON.parse(data.toString('utf8')) as LiveMessage;
      if (msg.type === 'snapshot') {
        clearTimeout(timer);
        resolve(sub);
        return;
      }
      if (msg.type !== 'seats') return;
      for (const s of msg.seats ?? []) {
        if (typeof s.holdId === 'string') holdIdsSeen += 1;
        if (s.state !== 'held') continue;
        const key = `${showId}:${s.seatId}`;
        const list = seen.get(key);
        if (list === undefined) seen.set(key, [t]);
        else list.push(t);
      }
    });
    ws.on('close', () => {
      sub.closedEarly = true;
    });
    ws.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Opens `count` sockets, round-robin over shows and servers, 50 at a time. */
export async function openSubscribers(
  serverUrls: string[],
  showIds: string[],
  count: number,
  offset: number,
): Promise<LoadResult> {
  const errors: string[] = [];
  let failed = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - i) }, (_, k) => {
      const n = offset + i + k;
      return open(serverUrls[n % serverUrls.length] ?? '', showIds[n % showIds.length] ?? '', n);
    });
    for (const r of await Promise.allSettled(batch)) {
      if (r.status === 'fulfilled') subs.push(r.value);
      else {
        failed += 1;
        if (errors.length < 8) errors.push(errorText(r.reason));
      }
    }
  }
  return {
    measuredMs: performance.now() - t0,
    counts: { connected: subs.length, failed },
    latencies: {},
    errorSamples: errors,
  };
}

/** Joins what the subscribers saw with the holds made, closes the sockets and reports latencies. */
export function finishSubscribers(records: HoldRecord[]): LoadResult {
  const perShow = new Map<string, number>();
  for (const s of subs) if (!s.closedEarly) perShow.set(s.showId, (perShow.get(s.showId) ?? 0) + 1);
  const closedEarly = subs.filter((s) => s.closedEarly).length;
  const fromResponse = new Samples();
  const fromSent = new Samples();
  let expected = 0;
  let received = 0;
  for (const [key, tSent, tResp] of records) {
    const showId = key.slice(0, key.indexOf(':'));
    expected += perShow.get(showId) ?? 0;
    for (const t of seen.get(key) ?? []) {
      received += 1;
      fromResponse.add(t - tResp);
      fromSent.add(t - tSent);
    }
  }
  for (const s of subs) s.ws.terminate();
  // The next phase starts from nothing: a seat held again there is a new push.
  subs.length = 0;
  seen.clear();
  const total = messages;
  const leaked = holdIdsSeen;
  messages = 0;
  holdIdsSeen = 0;
  return {
    measuredMs: 0,
    counts: {
      subscribers: subs.length,
      closedEarly,
      expected,
      received,
      missed: Math.max(0, expected - received),
      messages: total,
      holdIdsSeen: leaked,
    },
    latencies: { pushFromResponse: fromResponse.values, pushFromSent: fromSent.values },
    errorSamples: [],
  };
}
