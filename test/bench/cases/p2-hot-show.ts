// P2: one hot 400-seat show and 64 racing clients — web holds+releases over REST, station sales
// (most voided again) over /sync — then an audit in SQL that no seat was ever sold twice.
import { headSeq } from '../seed.js';
import { summarize } from '../stats.js';
import { fmt, perSec, runSplit, yesNo, type CaseContext, type CaseResult } from './context.js';

const GOAL_OPS = 1500;
// Most sales are voided so the show does not sell out within the run; the rest stay sold.
const VOID_RATIO = 0.97;

type Audit = {
  doubleValidTickets: number;
  soldSeatsWithoutTicket: number;
  ticketsWithoutSoldSeat: number;
  validTickets: number;
  soldSeats: number;
};

async function audit(ctx: CaseContext, showId: string): Promise<Audit> {
  const n = async (sql: string): Promise<number> =>
    Number((await ctx.pool.query<{ n: string }>(sql, [showId])).rows[0]?.n ?? 0);
  return {
    doubleValidTickets: await n(
      "SELECT count(*) AS n FROM (SELECT seat_id FROM tickets WHERE show_id = $1 AND status = 'valid' GROUP BY seat_id HAVING count(*) > 1) d",
    ),
    soldSeatsWithoutTicket: await n(
      "SELECT count(*) AS n FROM show_seats ss WHERE ss.show_id = $1 AND ss.state = 'sold' AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = ss.ticket_id AND t.status = 'valid' AND t.show_id = ss.show_id AND t.seat_id = ss.seat_id)",
    ),
    ticketsWithoutSoldSeat: await n(
      "SELECT count(*) AS n FROM tickets t LEFT JOIN show_seats ss ON ss.show_id = t.show_id AND ss.seat_id = t.seat_id WHERE t.show_id = $1 AND t.status = 'valid' AND (ss.state IS DISTINCT FROM 'sold' OR ss.ticket_id IS DISTINCT FROM t.id)",
    ),
    validTickets: await n(
      "SELECT count(*) AS n FROM tickets WHERE show_id = $1 AND status = 'valid'",
    ),
    soldSeats: await n(
      "SELECT count(*) AS n FROM show_seats WHERE show_id = $1 AND state = 'sold'",
    ),
  };
}

/** Runs P2. */
export async function runP2(ctx: CaseContext): Promise<CaseResult> {
  const { cfg, data } = ctx;
  const show = data.hot.shows[0];
  if (show === undefined) throw new Error('no hot show seeded');
  const cursor = await headSeq(ctx.pool);
  const procs = await ctx.procs(cfg.loadProcs);
  const web = cfg.p2.webClients;
  const st = cfg.p2.stationClients;
  ctx.log(
    `P2: ${String(web)} web + ${String(st)} station clients on one show, ${String(cfg.phaseMs)} ms`,
  );
  // Each process gets its share of both kinds of client.
  const perProc = procs.length;
  const r = await ctx.phase('P2', () =>
    runSplit(procs, perProc, cfg.warmupMs + cfg.phaseMs + 60_000, (_n, i) => ({
      kind: 'mixed',
      webClients: Math.floor(web / perProc) + (i < web % perProc ? 1 : 0),
      stationClients: Math.floor(st / perProc) + (i < st % perProc ? 1 : 0),
      clientOffset: i * Math.ceil(st / perProc),
      warmupMs: cfg.warmupMs,
      durationMs: cfg.phaseMs,
      maxSeatChanges: 0,
      webSeats: [1, 4],
      stationSeats: [1, 2],
      releaseRatio: 1,
      voidRatio: VOID_RATIO,
      shows: data.hot.shows,
      layouts: data.hot.layouts,
      seatPrices: data.hot.seatPrices,
      ticketTypeId: data.chain.ticketTypes.adult,
      serverUrls: ctx.servers.urls,
      stations: data.hot.stations,
      secret: data.secret,
      cursor,
    })),
  );
  const a = await audit(ctx, show.id);
  const ops =
    (r.counts.holdOk ?? 0) +
    (r.counts.releaseOk ?? 0) +
    (r.counts.sellOk ?? 0) +
    (r.counts.voidOk ?? 0);
  const opsPerSec = Math.round((ops * 1000) / r.measuredMs);
  const netSold = (r.counts.totalSeatsSold ?? 0) - (r.counts.totalSeatsVoided ?? 0);
  const doubles = a.doubleValidTickets + a.soldSeatsWithoutTicket + a.ticketsWithoutSoldSeat;
  const tallyOk = netSold === a.validTickets;
  const met = opsPerSec >= GOAL_OPS && doubles === 0;
  ctx.log(
    `P2: ${String(opsPerSec)} ops/s, doubles ${String(doubles)}, acknowledged net sold ${String(netSold)} vs valid tickets ${String(a.validTickets)}`,
  );
  return {
    rows: [
      {
        figure: 'P2 hot show: successful seat ops/s',
        value: fmt(opsPerSec),
        goal: `≥ ${GOAL_OPS.toLocaleString('en-US')}`,
        met: yesNo(opsPerSec >= GOAL_OPS),
      },
      {
        figure: 'P2 double sales (SQL audit)',
        value: String(doubles),
        goal: '0',
        met: yesNo(doubles === 0),
      },
    ],
    json: {
      goal: `≥ ${String(GOAL_OPS)} successful seat operations/s on one 400-seat show with 64 racing clients, and 0 double sales`,
      met,
      opsPerSec,
      doubles,
      webClients: web,
      stationClients: st,
      perSec: {
        holds: perSec(r, 'holdOk'),
        releases: perSec(r, 'releaseOk'),
        sells: perSec(r, 'sellOk'),
        voids: perSec(r, 'voidOk'),
        conflicts: perSec(r, 'holdConflict') + perSec(r, 'sellConflict'),
        seatChanges: perSec(r, 'seatChanges'),
      },
      counts: r.counts,
      latencyMs: {
        hold: summarize(r.latencies.hold ?? []),
        release: summarize(r.latencies.release ?? []),
        sell: summarize(r.latencies.sell ?? []),
        void: summarize(r.latencies.void ?? []),
      },
      audit: a,
      acknowledgedNetSeatsSold: netSold,
      tallyMatches: tallyOk,
      measuredMs: Math.round(r.measuredMs),
      errorSamples: r.errorSamples,
    },
  };
}
