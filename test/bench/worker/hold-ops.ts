// P1/P3: one hold of 1–4 random seats (released or not) through the product's REST path, its
// station mutation path, or the bare conditional UPDATE that bounds what PostgreSQL can do.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { HoldsJob, ShowRef } from '../ipc.js';
import type { Recorder } from './closed-loop.js';
import { pickDistinct, randInt } from './closed-loop.js';
import { createHttpClient, errorText, type HttpClient } from './http-client.js';
import { sqlHoldOps } from './sql-hold-ops.js';
import { connectStation, type StationClient } from './station-client.js';

/** One operation of one client, plus how to let go of its connections. */
export type OpSet = {
  op: (client: number, rec: Recorder) => Promise<void>;
  close(): Promise<void>;
};

const pickShow = (shows: readonly ShowRef[]): ShowRef => {
  const s = shows[Math.floor(Math.random() * shows.length)];
  if (s === undefined) throw new Error('no shows to hold seats of');
  return s;
};

function seatsFor(job: HoldsJob, show: ShowRef): string[] {
  return pickDistinct(job.layouts[show.layout] ?? [], randInt(job.seatsMin, job.seatsMax));
}

function restOps(job: HoldsJob): Promise<OpSet> {
  const perServer = Math.ceil(job.clients / job.serverUrls.length);
  const clients: HttpClient[] = job.serverUrls.map((u) => createHttpClient(u, perServer));
  const op = async (i: number, rec: Recorder): Promise<void> => {
    const http = clients[(job.clientOffset + i) % clients.length];
    if (http === undefined) return;
    const show = pickShow(job.shows);
    const seatIds = seatsFor(job, show);
    try {
      const t0 = performance.now();
      const r = await http.request('POST', '/api/v1/holds', { showId: show.id, seatIds });
      const ms = performance.now() - t0;
      if (r.status === 201) {
        rec.count('holdOk');
        rec.count('seatsHeld', seatIds.length);
        rec.latency('hold', ms);
        if (Math.random() < job.releaseRatio) {
          // An anonymous hold is released with the secret its answer carried (a customer's by token).
          const { holdId, holdSecret } = JSON.parse(r.text) as {
            holdId: string;
            holdSecret: string;
          };
          const t1 = performance.now();
          const d = await http.request('DELETE', `/api/v1/holds/${holdId}`, undefined, {
            headers: { 'hold-secret': holdSecret },
          });
          if (d.status === 204) {
            rec.count('releaseOk');
            rec.latency('release', performance.now() - t1);
          } else rec.error(`release ${String(d.status)} ${d.text}`);
        }
      } else if (r.status === 409) {
        rec.count('holdConflict');
        rec.latency('hold', ms);
      } else rec.error(`hold ${String(r.status)} ${r.text}`);
    } catch (e) {
      rec.error(errorText(e));
    }
  };
  return Promise.resolve({
    op,
    close: () => {
      for (const c of clients) c.close();
      return Promise.resolve();
    },
  });
}

async function stationOps(job: HoldsJob): Promise<OpSet> {
  const sessions: { client: StationClient; shows: ShowRef[] }[] = [];
  for (let i = 0; i < job.clients; i++) {
    const n = job.clientOffset + i;
    const st = job.stations[n % job.stations.length];
    const url = job.serverUrls[n % job.serverUrls.length];
    if (st === undefined || url === undefined)
      throw new Error('no station or server for a station client');
    const client = await connectStation(url, { id: st.id, secret: job.secret }, job.cursor);
    sessions.push({ client, shows: job.shows.filter((s) => s.cinema === st.cinema) });
  }
  const op = async (i: number, rec: Recorder): Promise<void> => {
    const s = sessions[i];
    if (s === undefined) return;
    const show = pickShow(s.shows);
    const seatIds = seatsFor(job, show);
    const t0 = performance.now();
    const a = await s.client.mutate('hold', { showId: show.id, seatIds });
    const ms = performance.now() - t0;
    if (a.type === 'ack') {
      rec.count('holdOk');
      rec.count('seatsHeld', seatIds.length);
      rec.latency('hold', ms);
      if (Math.random() < job.releaseRatio) {
        const { holdId } = a.result as { holdId: string };
        const t1 = performance.now();
        const d = await s.client.mutate('release', { holdId });
        if (d.type === 'ack') {
          rec.count('releaseOk');
          rec.latency('release', performance.now() - t1);
        } else rec.error(`release ${d.code} ${d.message}`);
      }
    } else if (a.code === 'BO_SEAT_UNAVAILABLE') {
      rec.count('holdConflict');
      rec.latency('hold', ms);
    } else rec.error(`hold ${a.code} ${a.message}`);
  };
  return {
    op,
    close: () => {
      for (const s of sessions) s.client.close();
      return Promise.resolve();
    },
  };
}

const BARE_HOLD =
  "UPDATE show_seats SET state = 'held', hold_id = $3 WHERE show_id = $1 AND seat_id = ANY($2::uuid[]) AND state = 'available'";
const BARE_RELEASE =
  "UPDATE show_seats SET state = 'available', hold_id = NULL WHERE show_id = $1 AND hold_id = $2";

async function bareOps(job: HoldsJob): Promise<OpSet> {
  // One connection per client, as each REST client gets one keep-alive socket.
  const pool = new pg.Pool({ connectionString: job.dbUrl, max: job.clients });
  pool.on('error', () => undefined);
  await Promise.all(
    Array.from({ length: job.clients }, async () => (await pool.connect()).release()),
  );
  const op = async (_i: number, rec: Recorder): Promise<void> => {
    const show = pickShow(job.shows);
    const seatIds = seatsFor(job, show);
    const holdId = `h_${randomBytes(16).toString('base64url')}`;
    try {
      const t0 = performance.now();
      const r = await pool.query({
        name: 'bare_hold',
        text: BARE_HOLD,
        values: [show.id, seatIds, holdId],
      });
      const ms = performance.now() - t0;
      if (r.rowCount === seatIds.length) {
        rec.count('holdOk');
        rec.count('seatsHeld', seatIds.length);
        rec.latency('hold', ms);
        if (Math.random() < job.releaseRatio) {
          const t1 = performance.now();
          await pool.query({ name: 'bare_release', text: BARE_RELEASE, values: [show.id, holdId] });
          rec.count('releaseOk');
          rec.latency('release', performance.now() - t1);
        }
      } else {
        rec.count('holdConflict');
        rec.latency('hold', ms);
        // A partial hold is not a hold: give back what it took, as the product's all-or-nothing does.
        if ((r.rowCount ?? 0) > 0) {
          rec.count('partialUndone');
          await pool.query({ name: 'bare_release', text: BARE_RELEASE, values: [show.id, holdId] });
        }
      }
    } catch (e) {
      rec.error(errorText(e));
    }
  };
  return { op, close: () => pool.end() };
}

/** Builds the connections and operation of a holds job. */
export function holdOps(job: HoldsJob): Promise<OpSet> {
  if (job.path === 'rest') return restOps(job);
  if (job.path === 'station') return stationOps(job);
  if (job.path === 'sql-tx' || job.path === 'sql-one') return sqlHoldOps(job, job.path);
  return bareOps(job);
}
