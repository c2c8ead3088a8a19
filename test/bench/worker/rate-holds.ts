// P4: holds sent at a fixed rate (open loop) from a plan whose seats never overlap, so every hold
// should succeed and every held seat is a push that each subscriber of its show must receive.
import type { HoldRecord, LoadResult, RateJob } from '../ipc.js';
import { Samples, wallNow } from '../stats.js';
import { createHttpClient, errorText } from './http-client.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DRAIN_MS = 10_000;

/** Sends the plan's holds at job.ratePerSec for job.durationMs; late starts are counted, not skipped. */
export async function runRateHolds(job: RateJob): Promise<LoadResult> {
  const clients = job.serverUrls.map((u) => createHttpClient(u, job.maxInFlight));
  const records: HoldRecord[] = [];
  const latency = new Samples();
  const lateBy = new Samples();
  const counts: Record<string, number> = {
    holdOk: 0,
    holdConflict: 0,
    errors: 0,
    issued: 0,
    behindSchedule: 0,
  };
  const errors: string[] = [];
  let inFlight = 0;
  let lastDone = 0;
  const total = Math.min(job.plan.length, Math.floor((job.ratePerSec * job.durationMs) / 1000));
  const t0 = performance.now();
  const end = t0 + job.durationMs;

  const fire = (n: number, dueAt: number): void => {
    const item = job.plan[n];
    const client = clients[n % clients.length];
    if (item === undefined || client === undefined) return;
    const [showId, seatIds] = item;
    inFlight += 1;
    const late = performance.now() - dueAt;
    lateBy.add(late);
    if (late > 5) counts.behindSchedule = (counts.behindSchedule ?? 0) + 1;
    const tSent = wallNow();
    client
      .request('POST', '/api/v1/holds', { showId, seatIds })
      .then((r) => {
        const tResp = wallNow();
        if (r.status === 201) {
          counts.holdOk = (counts.holdOk ?? 0) + 1;
          latency.add(tResp - tSent);
          for (const seatId of seatIds) records.push([`${showId}:${seatId}`, tSent, tResp]);
        } else if (r.status === 409) counts.holdConflict = (counts.holdConflict ?? 0) + 1;
        else throw new Error(`hold ${String(r.status)} ${r.text.slice(0, 200)}`);
      })
      .catch((e: unknown) => {
        counts.errors = (counts.errors ?? 0) + 1;
        if (errors.length < 8) errors.push(errorText(e));
      })
      .finally(() => {
        inFlight -= 1;
        lastDone = performance.now();
      });
  };

  let issued = 0;
  while (issued < total && performance.now() < end + 2000) {
    const now = performance.now();
    const due = Math.min(total, Math.floor(((now - t0) * job.ratePerSec) / 1000));
    while (issued < due && inFlight < job.maxInFlight) {
      fire(issued, t0 + (issued * 1000) / job.ratePerSec);
      issued += 1;
    }
    await sleep(1);
  }
  counts.issued = issued;
  const drainEnd = performance.now() + DRAIN_MS;
  while (inFlight > 0 && performance.now() < drainEnd) await sleep(5);
  for (const c of clients) c.close();
  return {
    measuredMs: Math.max(1, lastDone - t0),
    counts,
    latencies: { hold: latency.values, lateStart: lateBy.values },
    errorSamples: errors,
    records,
  };
}
