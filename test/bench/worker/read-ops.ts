// P7: the public seat-map read, GET /api/v1/shows/{id}/seats, on random shows.
import type { ReadsJob } from '../ipc.js';
import type { Recorder } from './closed-loop.js';
import type { OpSet } from './hold-ops.js';
import { createHttpClient, errorText } from './http-client.js';

/** Builds the keep-alive clients and the read operation of a reads job. */
export function readOps(job: ReadsJob): OpSet {
  const clients = job.serverUrls.map((u) =>
    createHttpClient(u, Math.ceil(job.clients / job.serverUrls.length)),
  );
  const op = async (i: number, rec: Recorder): Promise<void> => {
    const http = clients[(job.clientOffset + i) % clients.length];
    const showId = job.showIds[Math.floor(Math.random() * job.showIds.length)];
    if (http === undefined || showId === undefined) return;
    try {
      const t0 = performance.now();
      const r = await http.request('GET', `/api/v1/shows/${showId}/seats`, undefined, {
        skipBody: true,
      });
      const ms = performance.now() - t0;
      if (r.status === 200) {
        rec.count('readOk');
        rec.count('bytes', r.bytes);
        rec.latency('read', ms);
      } else rec.error(`read ${String(r.status)} ${r.text.slice(0, 200)}`);
    } catch (e) {
      rec.error(errorText(e));
    }
  };
  return {
    op,
    close: () => {
      for (const c of clients) c.close();
      return Promise.resolve();
    },
  };
}
