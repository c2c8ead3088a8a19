// P9: online purchase end to end. 32 concurrent buyers, each in a loop: hold the best seat of a show
// → book it as a guest → start paying (the built-in test gateway) → pay with the success card; the
// gateway's signed webhook goes through the real webhook route and confirms the booking before the
// payment answer returns, so a purchase is timed from the hold request to "confirmed".
import { randomUUID } from 'node:crypto';
import { summarize } from '../stats.js';
import { fmt, yesNo, type CaseContext, type CaseResult } from './context.js';

const BUYERS = 32;
// Nine times seed 002's 1,000 bookings a minute, and no purchase slower than a blink.
const GOAL_PER_SEC = 150;
const GOAL_P99 = 300;

type Json = Record<string, unknown>;

async function call(
  base: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

/** One purchase: 'ok' when the booking ended confirmed, 'sold-out', or what went wrong. */
async function purchase(base: string, showId: string, ticketTypeId: string): Promise<string> {
  const hold = await call(base, 'POST', '/api/v1/holds', { showId, count: 1 });
  if (hold.status === 409) return 'sold-out';
  if (hold.status !== 201) return `hold ${String(hold.status)}`;
  const { holdId, seatIds, holdSecret } = hold.json as {
    holdId: string;
    seatIds: string[];
    holdSecret: string;
  };
  const booking = await call(
    base,
    'POST',
    '/api/v1/bookings',
    {
      holdId,
      tickets: seatIds.map((seatId) => ({ seatId, ticketTypeId })),
      guest: { email: 'bench@example.com' },
    },
    { 'hold-secret': holdSecret, 'idempotency-key': randomUUID() },
  );
  if (booking.status !== 201)
    return `book ${String(booking.status)} ${JSON.stringify(booking.json).slice(0, 120)}`;
  const { id, bookingSecret } = booking.json as { id: string; bookingSecret: string };
  const pay = await call(base, 'POST', `/api/v1/bookings/${id}/payments`, undefined, {
    'booking-secret': bookingSecret,
    'idempotency-key': randomUUID(),
  });
  if (pay.status !== 201) return `pay ${String(pay.status)}`;
  const url = new URL((pay.json.next as { url: string }).url);
  const paid = await call(base, 'POST', url.pathname, { card: '4242424242424242' });
  if (paid.json.status !== 'succeeded') return `gateway ${JSON.stringify(paid.json).slice(0, 120)}`;
  const done = await call(base, 'GET', `/api/v1/bookings/${id}`, undefined, {
    'booking-secret': bookingSecret,
  });
  return done.json.status === 'confirmed' ? 'ok' : `booking ${String(done.json.status)}`;
}

/** Runs P9. */
export async function runP9(ctx: CaseContext): Promise<CaseResult> {
  const base = ctx.servers.urls[0] ?? '';
  const shows = ctx.data.p1.shows;
  const tt = await ctx.pool.query<{ id: string }>(
    'SELECT id FROM ticket_types ORDER BY sort_order LIMIT 1',
  );
  const ticketTypeId = tt.rows[0]?.id ?? '';
  ctx.log(
    `P9: ${String(BUYERS)} buyers, hold → book → pay → confirmed, ${String(ctx.cfg.phaseMs)} ms`,
  );
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let soldOut = 0;
  const run = async (ms: number, record: boolean) => {
    const end = performance.now() + ms;
    await Promise.all(
      Array.from({ length: BUYERS }, async (_, b) => {
        let i = b;
        while (performance.now() < end) {
          const show = shows[(i * 7919) % shows.length];
          i += BUYERS;
          if (show === undefined) break;
          const t = performance.now();
          const r = await purchase(base, show.id, ticketTypeId).catch(
            (e: unknown) => `error ${String(e)}`,
          );
          if (!record) continue;
          if (r === 'ok') latencies.push(performance.now() - t);
          else if (r === 'sold-out') soldOut += 1;
          else errors.set(r.slice(0, 40), (errors.get(r.slice(0, 40)) ?? 0) + 1);
        }
      }),
    );
  };
  await ctx.phase('P9 warm-up', () => run(ctx.cfg.warmupMs, false));
  const t0 = performance.now();
  await ctx.phase('P9', () => run(ctx.cfg.phaseMs, true));
  const measured = performance.now() - t0;
  const lat = summarize(latencies);
  const perSec = Math.round((latencies.length * 1000) / measured);
  const errorCount = [...errors.values()].reduce((a, n) => a + n, 0);
  const met = perSec >= GOAL_PER_SEC && lat.p99 < GOAL_P99 && errorCount === 0;
  return {
    rows: [
      {
        figure: 'P9 online purchases/s (hold → confirmed)',
        value: fmt(perSec),
        goal: `≥ ${String(GOAL_PER_SEC)}`,
        met: yesNo(perSec >= GOAL_PER_SEC),
      },
      {
        figure: 'P9 purchase p50 / p95',
        value: `${fmt(lat.p50)} / ${fmt(lat.p95)} ms`,
        goal: '',
        met: '',
      },
      {
        figure: 'P9 purchase p99',
        value: fmt(lat.p99, 'ms'),
        goal: `< ${String(GOAL_P99)} ms`,
        met: yesNo(lat.p99 < GOAL_P99 && errorCount === 0),
      },
    ],
    json: {
      goal: `≥ ${String(GOAL_PER_SEC)} purchases/s and p99 < ${String(GOAL_P99)} ms from hold to confirmed, ${String(BUYERS)} concurrent buyers, test gateway`,
      met,
      purchasesPerSec: perSec,
      purchaseMs: lat,
      buyers: BUYERS,
      soldOut,
      errors: Object.fromEntries(errors),
      measuredMs: Math.round(measured),
    },
  };
}
