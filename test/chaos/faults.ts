// The faults of a chaos run, on a schedule drawn from the run's seed (issue 19): each sync server
// SIGKILLed and restarted, PostgreSQL restarted, a counter killed in the middle of a sale, a printer
// unplugged, half the stations partitioned or black-holed again and again, and the test gateway's
// delivered webhooks sent again, shuffled and some twice, to either server.
import type { Rng } from '../../db/demo/rng.js';
import { openPg } from '../../db/pg/client.js';
import type { VirtualPrinter } from '../../src-main/printing/virtual-printer.js';
import {
  signPayload,
  SIGNATURE_HEADER,
} from '../../sync-server/payments/test-gateway/signature.js';
import type { FaultProxy } from './fault-proxy.js';
import type { Proc } from './processes.js';
import type { StationHandle } from './workload.js';
import type { World } from './world.js';

export type FaultContext = {
  rnd: Rng;
  loadStart: number;
  loadMs: number;
  world: World;
  servers: Proc[];
  liveServers: () => string[];
  handles: StationHandle[];
  stationProcs: Map<string, Proc>;
  printers: Map<string, { printer: VirtualPrinter }>;
  proxies: Map<string, FaultProxy>;
  /** Writes the fault to the run's timeline. */
  fault: (what: string) => void;
};

export type FaultPlan = {
  /** Settles when every fault has been injected and healed. */
  done: Promise<void>;
  /** Webhooks sent again, and those answered neither 200 nor 503. */
  webhooks: { replayed: number; refused: string[] };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function planFaults(c: FaultContext): FaultPlan {
  const frnd = c.rnd;
  const at = (from: number, to: number) =>
    c.loadStart + c.loadMs * (from + frnd.next() * (to - from));
  const until = (t: number) => sleep(Math.max(0, t - Date.now()));
  const counters = c.handles.filter((h) => h.station.kind === 'counter');
  const sellers = c.handles.filter((h) => h.station.kind !== 'door');
  const plan: Promise<void>[] = [];

  // Sync servers: SIGKILL, restart; twice.
  for (const [i, window] of [
    [0, [0.12, 0.25]],
    [1, [0.55, 0.68]],
  ] as const) {
    const t = at(window[0], window[1]);
    const down = 1000 + frnd.int(0, 3000);
    plan.push(
      (async () => {
        await until(t);
        const s = c.servers[i];
        if (s === undefined) return;
        c.fault(`SIGKILL ${s.name}; back in ${String(down)} ms`);
        await s.stop('SIGKILL');
        await sleep(down);
        const tries = await s.startRetrying(1000, 30);
        c.fault(
          `${s.name} restarted${tries > 1 ? ` (${String(tries)} tries: its database was down)` : ''}`,
        );
      })(),
    );
  }
  // PostgreSQL: restarted once, under load.
  {
    const t = at(0.38, 0.48);
    const down = 1000 + frnd.int(0, 2000);
    plan.push(
      (async () => {
        await until(t);
        c.fault(`PostgreSQL stopped; back in ${String(down)} ms`);
        await c.world.pg.restart(down);
        c.fault('PostgreSQL restarted');
      })(),
    );
  }
  // A station killed in the middle of a sale, then started again.
  {
    const t = at(0.3, 0.75);
    const victim = frnd.pick(counters);
    plan.push(
      (async () => {
        await until(t);
        const proc = c.stationProcs.get(victim.station.name);
        if (proc === undefined) return;
        victim.killDuringNextSale = async () => {
          c.fault(`SIGKILL ${victim.station.name} during a sale`);
          await proc.stop('SIGKILL');
          void sleep(1000)
            .then(() => proc.startRetrying(1000, 10))
            .then(() => {
              c.fault(`${victim.station.name} restarted`);
            });
        };
      })(),
    );
  }
  // A printer unplugged and plugged back.
  {
    const t = at(0.2, 0.6);
    const victim = frnd.pick(sellers);
    const down = 3000 + frnd.int(0, 5000);
    plan.push(
      (async () => {
        await until(t);
        const p = c.printers.get(victim.station.name)?.printer;
        if (p === undefined) return;
        c.fault(`printer of ${victim.station.name} unplugged for ${String(down)} ms`);
        await p.setFault({ kind: 'offline' });
        await sleep(down);
        await p.setFault({ kind: 'none' });
        c.fault(`printer of ${victim.station.name} plugged back`);
      })(),
    );
  }
  // Partitions: half the stations at a time, refused or black-holed, again and again.
  const partitionsEnd = c.loadStart + c.loadMs * 0.85;
  plan.push(
    (async () => {
      while (Date.now() < partitionsEnd) {
        await sleep(frnd.int(4000, 10_000));
        if (Date.now() >= partitionsEnd) break;
        const shuffled = [...c.handles].sort(() => frnd.next() - 0.5);
        const half = shuffled.slice(0, Math.floor(c.handles.length / 2));
        const blackhole = frnd.next() < 0.5;
        const lasts = frnd.int(3000, 9000);
        c.fault(
          `${blackhole ? 'black hole' : 'partition'} for ${String(lasts)} ms: ${half.map((h) => h.station.name).join(', ')}`,
        );
        for (const h of half)
          c.proxies
            .get(h.station.name)
            ?.set(blackhole ? { blackhole: true } : { partitioned: true });
        await sleep(lasts);
        for (const h of half)
          c.proxies.get(h.station.name)?.set({ blackhole: false, partitioned: false });
      }
    })(),
  );
  const webhooks = { replayed: 0, refused: [] as string[] };
  plan.push(replayWebhooks(c, frnd, webhooks));
  return { done: Promise.all(plan).then(() => undefined), webhooks };
}

/** Webhooks: delivered ones sent again, shuffled and some twice, to either server. */
async function replayWebhooks(
  c: FaultContext,
  frnd: Rng,
  webhooks: FaultPlan['webhooks'],
): Promise<void> {
  const pool = openPg(c.world.pg.url, { max: 1 }).$client;
  try {
    while (Date.now() < c.loadStart + c.loadMs * 0.9) {
      await sleep(frnd.int(4000, 8000));
      const rows = await pool
        .query<{ payload: Record<string, unknown> }>(
          'SELECT payload FROM test_gateway_webhooks WHERE delivered_at IS NOT NULL ORDER BY random() LIMIT 25',
        )
        .catch(() => ({ rows: [] }));
      for (const r of rows.rows) {
        for (let k = frnd.next() < 0.3 ? 2 : 1; k > 0; k--) {
          const body = JSON.stringify(r.payload);
          const live = c.liveServers();
          if (live.length === 0) continue;
          const base = frnd.pick(live);
          await fetch(`${base}/api/v1/payments/webhooks/test`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              [SIGNATURE_HEADER]: signPayload(c.world.gatewaySecret, body, new Date()),
            },
            body,
          })
            .then(async (res) => {
              await res.text();
              webhooks.replayed += 1;
              // 503: the database was restarting; a provider delivers again later.
              if (res.status !== 200 && res.status !== 503)
                webhooks.refused.push(`${String(res.status)} ${body.slice(0, 80)}`);
            })
            .catch(() => undefined);
        }
      }
    }
  } finally {
    await pool.end();
  }
}
