// What the people of the chaos run do while the network and the processes fail under them: cashiers
// sell at counters (held seats online, escrowed seats offline) and void now and then, customers buy at
// kiosks by card, a door lets ticket holders in, and online buyers hold → book → pay on the test
// gateway and sometimes cancel. Only answers the product gave count: each lands in the ledger the
// audit holds the end state to.
import { randomUUID } from 'node:crypto';
import type { SaleView, StationSeatMap, SyncStatus } from '../../common/contract/station.js';
import {
  openContract,
  type ContractClient,
  type ContractResult,
} from '../../scripts/contract-client.js';
import type { ChaosLedger } from './ledger.js';
import type { WorldStation } from './world.js';

export type Rnd = {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A station process as the workload sees it: where it is, and whether it is up. */
export type StationHandle = {
  station: WorldStation;
  url: string;
  up(): boolean;
  /** Set by the fault schedule: the next sale is cut short by SIGKILL, then the station restarts. */
  killDuringNextSale: null | (() => Promise<void>);
};

type Session = { contract: ContractClient };

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names what the channel answers
const value = <T>(r: ContractResult): T | null => (r.ok ? (r.value as T) : null);

/** Opens a contract session and signs the station's cashier in (retrying while it restarts). */
async function session(h: StationHandle, stop: () => boolean): Promise<Session | null> {
  while (!stop()) {
    if (!h.up()) {
      await sleep(200);
      continue;
    }
    try {
      const contract = await openContract(h.url);
      // An open kiosk serves customers with nobody signed in; staff sign in only to open it.
      if (h.station.kind === 'kiosk') {
        const k = value<{ outOfService: { reason: string } | null }>(
          await contract.call('kiosk:status'),
        );
        if (k === null || k.outOfService?.reason === 'not-enrolled') {
          contract.close();
          await sleep(500);
          continue;
        }
        if (k.outOfService?.reason !== 'closed') return { contract };
      }
      if (h.station.staff !== null) {
        const r = await contract.call('auth:signIn', {
          staffId: h.station.staff.id,
          pin: h.station.staff.pin,
        });
        if (!r.ok) {
          contract.close();
          await sleep(500);
          continue;
        }
        // A counter sells on its cashier's till: opened once, kept across restarts.
        if (h.station.kind === 'counter') {
          const till = await contract.call('till:status');
          if (!till.ok || till.value === null)
            await contract.call('till:open', { float: { cash: 10_000 } });
        }
      }
      return { contract };
    } catch {
      await sleep(300);
    }
  }
  return null;
}

/** Counts of what happened, for the run's report. */
export type WorkStats = Record<string, number>;

function count(stats: WorkStats, key: string): void {
  stats[key] = (stats[key] ?? 0) + 1;
}

/** Picks `n` sellable seats of this station's escrow from a map (offline selling). */
function escrowed(map: StationSeatMap, n: number): string[] {
  return map.seats
    .filter((s) => s.mine && !s.pending && (s.state === 'allocated' || s.state === 'available'))
    .slice(0, n)
    .map((s) => s.id);
}

/** Sells until `stop()`: one cashier at a counter or one customer after another at a kiosk. */
export async function sellAt(
  h: StationHandle,
  o: {
    shows: string[];
    adult: string;
    rnd: Rnd;
    ledger: ChaosLedger;
    stats: WorkStats;
    stop: () => boolean;
    pauseMs: [number, number];
    onTicketCodes?: (codes: string[]) => void;
  },
): Promise<void> {
  const kiosk = h.station.kind === 'kiosk';
  let s = await session(h, o.stop);
  let lastSale: SaleView | null = null;
  while (s !== null && !o.stop()) {
    await sleep(o.rnd.int(o.pauseMs[0], o.pauseMs[1]));
    const c = s.contract;
    const status = value<SyncStatus>(await c.call('sync:status'));
    if (status === null) {
      // The station went away (killed) or the session broke: start again.
      c.close();
      s = await session(h, o.stop);
      continue;
    }
    if (kiosk) {
      const k = value<{ outOfService: { reason: string } | null }>(await c.call('kiosk:status'));
      const reason = k?.outOfService?.reason;
      if (reason === 'closed') {
        // Signed in by session(): opening signs the cashier out, customers need nobody.
        const r = await c.call('kiosk:open');
        count(o.stats, r.ok ? 'kiosk opened' : `kiosk open refused ${r.error.code}`);
        if (!r.ok) {
          c.close();
          s = await session(h, o.stop);
        }
        continue;
      }
      if (reason !== undefined) {
        count(o.stats, `kiosk out of service ${reason}`);
        continue;
      }
    }
    const showId = o.rnd.pick(o.shows);
    const n = o.rnd.int(1, 3);
    let holdId: string | undefined;
    let seatIds: string[];
    if (status.state === 'online') {
      const held = await c.call('seats:hold', { showId, count: n });
      if (!held.ok) {
        count(o.stats, `hold refused ${held.error.code}`);
        continue;
      }
      const v = held.value as { holdId: string; seatIds: string[] };
      holdId = v.holdId;
      seatIds = v.seatIds;
    } else {
      const map = value<StationSeatMap>(await c.call('seats:map', { showId }));
      seatIds = map === null ? [] : escrowed(map, n);
      if (seatIds.length === 0) {
        count(o.stats, `${status.state}, no escrowed seat left`);
        continue;
      }
    }
    const basket = {
      showId,
      lines: seatIds.map((seatId) => ({ seatId, ticketTypeId: o.adult })),
      ...(holdId === undefined ? {} : { holdId }),
    };
    let sale: SaleView | null = null;
    if (kiosk) {
      const paying = c.call('kiosk:pay', basket);
      await sleep(o.rnd.int(50, 250));
      const decline = o.rnd.next() < 0.1;
      await c.call('kiosk:terminal', { answer: decline ? 'decline' : 'approve' });
      const r = await paying;
      const paid = value<{ outcome: string; sale?: SaleView }>(r);
      if (paid?.outcome === 'approved' && paid.sale !== undefined) sale = paid.sale;
      else count(o.stats, `kiosk ${paid?.outcome ?? (r.ok ? '' : r.error.code)}`);
      if (sale === null && holdId !== undefined) await c.call('seats:release', { holdId });
    } else {
      const { holdId: _hold, ...priced } = basket;
      const q = await c.call('sales:quote', priced);
      const quote = value<{ totalMinor: number }>(q);
      if (quote === null) {
        count(o.stats, `quote refused ${q.ok ? '' : q.error.code}`);
        continue;
      }
      const selling = c.call('sales:create', {
        ...basket,
        tenders: [{ tender: 'cash', amountMinor: quote.totalMinor }],
      });
      const kill = h.killDuringNextSale;
      if (kill !== null) {
        h.killDuringNextSale = null;
        await sleep(o.rnd.int(0, 40));
        await kill();
        count(o.stats, 'station killed mid-sale');
      }
      const r = await selling;
      sale = value<SaleView>(r);
      if (sale === null) {
        count(o.stats, `sale refused ${r.ok ? '' : r.error.code}`);
        if (holdId !== undefined && !r.ok && r.error.code !== 'CONTRACT_GONE')
          await c.call('seats:release', { holdId });
      }
    }
    if (sale !== null) {
      count(o.stats, sale.offline ? 'offline sales' : 'online sales');
      o.ledger.sales.push({
        station: h.station.name,
        orderId: sale.orderId,
        offline: sale.offline,
        totalMinor: sale.totalMinor,
        ticketIds: sale.tickets.map((t) => t.ticketId),
      });
      lastSale = sale;
    }
    // Now and then the customer changes their mind at the counter: the last sale is voided.
    if (!kiosk && lastSale !== null && sale === lastSale && o.rnd.next() < 0.08) {
      const v = await c.call('sales:void', {
        orderId: lastSale.orderId,
        reason: 'Customer changed their mind',
      });
      if (v.ok) {
        count(o.stats, 'voids');
        o.ledger.voids.push({
          station: h.station.name,
          orderId: lastSale.orderId,
          ticketIds: lastSale.tickets.map((t) => t.ticketId),
        });
      } else count(o.stats, `void refused ${v.error.code}`);
      lastSale = null;
    }
  }
  s?.contract.close();
}

/** Scans ticket codes at the door as they are printed, some twice. */
export async function scanAt(
  h: StationHandle,
  o: { codes: string[]; rnd: Rnd; ledger: ChaosLedger; stats: WorkStats; stop: () => boolean },
): Promise<void> {
  let s = await session(h, o.stop);
  while (s !== null && !o.stop()) {
    await sleep(o.rnd.int(150, 500));
    if (o.codes.length === 0) continue;
    const code = o.rnd.pick(o.codes);
    const r = await s.contract.call('door:scan', { code });
    const scan = value<{ ok: boolean; result: string; ticket: { ticketId: string } | null }>(r);
    if (scan === null) {
      s.contract.close();
      s = await session(h, o.stop);
      continue;
    }
    count(o.stats, `door ${scan.result}`);
    if (scan.ok && scan.ticket !== null)
      o.ledger.admissions.push({ station: h.station.name, ticketId: scan.ticket.ticketId });
  }
  s?.contract.close();
}

/** An HTTP client for the online buyers: whichever server is up answers, as behind a load balancer. */
export function webClient(servers: () => string[], rnd: Rnd) {
  return async function request(
    method: string,
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    // Connection errors (a server killed under us) are retried on another server with the same
    // Idempotency-Key: a retry never pays twice.
    for (let attempt = 0; attempt < 40; attempt++) {
      const list = servers();
      const base = list[rnd.int(0, list.length - 1)] ?? '';
      try {
        const res = await fetch(`${base}${url}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        // A server that lost its database answers 503: try again in a moment, like a retrying client.
        if (res.status === 503 || res.status === 502) {
          await sleep(300);
          continue;
        }
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          json = { text };
        }
        return { status: res.status, json };
      } catch {
        await sleep(250);
      }
    }
    return { status: 0, json: {} };
  };
}

/** The `BO_…` code of an error answer, for the run's counts. */
function errorCode(json: Record<string, unknown>): string {
  const e = json.error;
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : '';
}

/** One online buyer: hold → book → pay with a test card; some abandon, some cards decline, some cancel. */
export async function webBuyer(
  request: ReturnType<typeof webClient>,
  o: { shows: string[]; adult: string; rnd: Rnd; ledger: ChaosLedger; stats: WorkStats },
): Promise<void> {
  const showId = o.rnd.pick(o.shows);
  const hold = await request('POST', '/api/v1/holds', { showId, count: o.rnd.int(1, 4) });
  if (hold.status !== 201) {
    count(o.stats, `web hold ${String(hold.status)}`);
    return;
  }
  const h = hold.json as { holdId: string; seatIds: string[]; holdSecret?: string };
  if (o.rnd.next() < 0.1) {
    count(o.stats, 'web buyer walked away from a hold');
    return;
  }
  const booked = await request(
    'POST',
    '/api/v1/bookings',
    {
      holdId: h.holdId,
      tickets: h.seatIds.map((seatId) => ({ seatId, ticketTypeId: o.adult })),
      guest: { email: `buyer-${randomUUID().slice(0, 8)}@example.com` },
    },
    { 'idempotency-key': randomUUID(), ...(h.holdSecret ? { 'hold-secret': h.holdSecret } : {}) },
  );
  if (booked.status !== 201) {
    count(o.stats, `web book ${String(booked.status)} ${errorCode(booked.json)}`);
    return;
  }
  const b = booked.json as {
    id: string;
    reference: string;
    totalMinor: number;
    bookingSecret?: string;
    tickets: { ticketId: string }[];
  };
  const secret: Record<string, string> =
    b.bookingSecret === undefined ? {} : { 'booking-secret': b.bookingSecret };
  const started = await request('POST', `/api/v1/bookings/${b.id}/payments`, undefined, {
    'idempotency-key': randomUUID(),
    ...secret,
  });
  if (started.status !== 201) {
    count(o.stats, `web pay start ${String(started.status)} ${errorCode(started.json)}`);
    return;
  }
  const next = started.json.next as { kind: string; url?: string };
  if (next.kind !== 'redirect' || next.url === undefined) return;
  const card = o.rnd.next() < 0.08 ? '4000000000000002' : '4242424242424242';
  const paid = await request('POST', new URL(next.url).pathname, { card });
  const status = typeof paid.json.status === 'string' ? paid.json.status : String(paid.status);
  count(o.stats, `web payment ${status}`);
  if (status !== 'succeeded') return;
  o.ledger.bookings.push({ bookingId: b.id, reference: b.reference, totalMinor: b.totalMinor });
  if (o.rnd.next() < 0.12) {
    const cancelled = await request(
      'POST',
      `/api/v1/bookings/${b.id}/cancel`,
      {},
      { 'idempotency-key': randomUUID(), ...secret },
    );
    count(o.stats, `web cancel ${String(cancelled.status)}`);
    if (cancelled.status === 200) {
      const refunds = (cancelled.json.refunds ?? []) as { refundId: string; amountMinor: number }[];
      for (const r of refunds)
        o.ledger.refunds.push({
          bookingId: b.id,
          refundId: r.refundId,
          amountMinor: r.amountMinor,
        });
    }
  }
}
