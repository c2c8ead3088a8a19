// P2/P5: racing buyers. Web clients hold seats over REST and release them; station clients sell
// seats directly through /sync and void some of the sales again, so seats keep changing hands.
import { randomUUID } from 'node:crypto';
import type { MixedJob, ShowRef } from '../ipc.js';
import type { Recorder } from './closed-loop.js';
import { pickDistinct, randInt } from './closed-loop.js';
import type { OpSet } from './hold-ops.js';
import { createHttpClient, errorText, type HttpClient } from './http-client.js';
import { connectStation, type StationClient } from './station-client.js';

/** The operations of a mixed job; totals count everything done, warm-up included (for the final audit). */
export type MixedOps = OpSet & {
  totals(): { seatChanges: number; seatsSold: number; seatsVoided: number };
};

const pick = <T>(items: readonly T[]): T => {
  const v = items[Math.floor(Math.random() * items.length)];
  if (v === undefined) throw new Error('nothing to pick from');
  return v;
};

/** Connects the job's web and station clients; clients [0, webClients) are web, the rest stations. */
export async function mixedOps(job: MixedJob): Promise<MixedOps> {
  let changes = 0;
  let sold = 0;
  let voided = 0;
  const http: HttpClient[] = job.serverUrls.map((u) =>
    createHttpClient(u, Math.max(1, Math.ceil(job.webClients / job.serverUrls.length))),
  );
  const stations: { client: StationClient; shows: ShowRef[]; staffId: string }[] = [];
  // A counter sale's tenders must make its total: each seat's price, by seat id.
  const priceOf = new Map(
    job.layouts.flatMap((layout, li) =>
      layout.map((id, si) => [id, job.seatPrices[li]?.[si] ?? 0] as const),
    ),
  );
  for (let i = 0; i < job.stationClients; i++) {
    const n = job.clientOffset + i;
    const st = job.stations[n % job.stations.length];
    const url = job.serverUrls[n % job.serverUrls.length];
    if (st === undefined || url === undefined)
      throw new Error('no station or server for a station client');
    const shows = job.shows.filter((s) => s.cinema === st.cinema);
    if (shows.length === 0) throw new Error(`station ${st.id} has no show in this job`);
    stations.push({
      client: await connectStation(url, { id: st.id, secret: job.secret }, job.cursor),
      shows,
      staffId: st.staffId,
    });
  }

  const web = async (i: number, rec: Recorder): Promise<void> => {
    const client = http[(job.clientOffset + i) % http.length];
    if (client === undefined) return;
    const show = pick(job.shows);
    const seatIds = pickDistinct(
      job.layouts[show.layout] ?? [],
      randInt(job.webSeats[0], job.webSeats[1]),
    );
    try {
      const t0 = performance.now();
      const r = await client.request('POST', '/api/v1/holds', { showId: show.id, seatIds });
      if (r.status === 409) {
        rec.count('holdConflict');
        return;
      }
      if (r.status !== 201) {
        rec.error(`hold ${String(r.status)} ${r.text}`);
        return;
      }
      rec.latency('hold', performance.now() - t0);
      rec.count('holdOk');
      rec.count('seatChanges', seatIds.length);
      changes += seatIds.length;
      if (Math.random() >= job.releaseRatio) return;
      const { holdId, holdSecret } = JSON.parse(r.text) as { holdId: string; holdSecret: string };
      const t1 = performance.now();
      const d = await client.request('DELETE', `/api/v1/holds/${holdId}`, undefined, {
        headers: { 'hold-secret': holdSecret },
      });
      if (d.status !== 204) {
        rec.error(`release ${String(d.status)} ${d.text}`);
        return;
      }
      rec.latency('release', performance.now() - t1);
      rec.count('releaseOk');
      rec.count('seatChanges', seatIds.length);
      changes += seatIds.length;
    } catch (e) {
      rec.error(errorText(e));
    }
  };

  const station = async (i: number, rec: Recorder): Promise<void> => {
    const s = stations[i];
    if (s === undefined) return;
    const show = pick(s.shows);
    const seatIds = pickDistinct(
      job.layouts[show.layout] ?? [],
      randInt(job.stationSeats[0], job.stationSeats[1]),
    );
    const lines = seatIds.map((seatId) => ({
      seatId,
      ticketTypeId: job.ticketTypeId,
      ticketId: randomUUID(),
    }));
    const totalMinor = seatIds.reduce((a, id) => a + (priceOf.get(id) ?? 0), 0);
    const t0 = performance.now();
    const a = await s.client.mutate('sell', {
      orderId: randomUUID(),
      showId: show.id,
      lines,
      staffId: s.staffId,
      tenders: [{ tender: 'card', amountMinor: totalMinor, reference: 'BENCH' }],
      expectedTotalMinor: totalMinor,
    });
    if (a.type === 'reject') {
      if (a.code === 'BO_SEAT_UNAVAILABLE') rec.count('sellConflict');
      else rec.error(`sell ${a.code} ${a.message}`);
      return;
    }
    rec.latency('sell', performance.now() - t0);
    rec.count('sellOk');
    rec.count('seatsSold', seatIds.length);
    rec.count('seatChanges', seatIds.length);
    changes += seatIds.length;
    sold += seatIds.length;
    if (Math.random() >= job.voidRatio) return;
    const t1 = performance.now();
    const v = await s.client.mutate('void', {
      ticketIds: lines.map((l) => l.ticketId),
      reason: 'bench void',
      refund: false,
      staffId: s.staffId,
    });
    if (v.type === 'reject') {
      rec.error(`void ${v.code} ${v.message}`);
      return;
    }
    rec.latency('void', performance.now() - t1);
    rec.count('voidOk');
    rec.count('seatsVoided', seatIds.length);
    rec.count('seatChanges', seatIds.length);
    changes += seatIds.length;
    voided += seatIds.length;
  };

  return {
    op: (i, rec) => (i < job.webClients ? web(i, rec) : station(i - job.webClients, rec)),
    totals: () => ({ seatChanges: changes, seatsSold: sold, seatsVoided: voided }),
    close: () => {
      for (const c of http) c.close();
      for (const s of stations) s.client.close();
      return Promise.resolve();
    },
  };
}
