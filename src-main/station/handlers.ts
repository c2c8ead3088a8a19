// The station contract's handlers: thin, each delegating to a station module.
import type { HandlersOf } from '../../common/contract/define.js';
import type {
  CinemaInfo,
  ReviewItemView,
  StaffInfo,
  StationContract,
} from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import type { PrintQueue } from '../printing/print-queue.js';
import { previewJob } from '../printing/ticket-preview.js';
import type { PinChecker } from './auth.js';
import { listConcessions, listShows, seatMap, type ShowContext } from './catalog.js';
import { printerSettings, type StationConfig } from './config.js';
import type { Enrollment } from './enrollment.js';
import type { LocalDb } from './local-db.js';
import { ask } from './ports.js';
import { priceBasket } from './pricing-data.js';
import { reviewSummary } from './review-summary.js';
import type { Pickup } from './pickup.js';
import type { Sales } from './sales.js';
import type { CallContext } from './dispatch.js';
import type { SyncEngine } from './sync/engine.js';
import type { Tills } from './till.js';
import { zReportPrint } from './till-print.js';
import type { createVoids } from './voids.js';
import type { Door } from './door.js';
import type { Kiosk } from './kiosk.js';
import type { createSimulatedTerminal } from './payment-terminal.js';

type Deps = {
  config: StationConfig;
  db: LocalDb;
  engine: SyncEngine;
  enrollment: Enrollment;
  printQueue: PrintQueue;
  tills: Tills;
  pins: PinChecker;
  sales: Sales;
  voids: ReturnType<typeof createVoids>;
  door: Door;
  pickup: Pickup;
  kiosk: Kiosk;
  /** The simulated card terminal, when the kiosk uses one (its answers can be driven). */
  simulatedTerminal: ReturnType<typeof createSimulatedTerminal> | null;
  cinema: () => CinemaInfo;
  cinemaOrNull: () => CinemaInfo | null;
  /** The station's clock (ms), injectable for tests. */
  now: () => number;
};

const ADVICE: Record<string, string> = {
  BO_SEAT_UNAVAILABLE:
    'The seat was sold elsewhere first. Refund or move the customer to another seat, then dismiss.',
  BO_HOLD_EXPIRED:
    'The hold ran out before the sale reached the server. Sell again if the seats are free, then dismiss.',
  BO_LATE_SALE:
    'The server sold these seats after the counter gave up. Collect payment and reprint, or void the sale.',
  BO_FORBIDDEN: 'The server refused this station. Check the station enrollment, then retry.',
  BO_CONCESSION_UNAVAILABLE:
    'The server does not sell an item of this sale at this cinema. Refund the sale, sell the seats again without it, then dismiss.',
};

function staffOf(ctx: CallContext): StaffInfo {
  if (ctx.session.staff === null)
    throw new BoError('BO_UNAUTHORIZED', 'Sign in with your staff PIN first.');
  return ctx.session.staff;
}

/** Builds the handler map of the station contract. */
export function buildHandlers(d: Deps): HandlersOf<StationContract, CallContext> {
  const count = (sql: string) => (d.db.$client.prepare(sql).get() as { n: number }).n;
  const printer = () => {
    const p = d.printQueue.printerStatus();
    const queued = count(
      "SELECT count(*) AS n FROM print_jobs WHERE status IN ('queued', 'printing')",
    );
    return {
      connected: p.connected === true,
      paper: p.paper,
      queued,
      lastError: p.lastError?.message ?? null,
    };
  };
  // A counter or a kiosk never lets anyone in: a customer at a kiosk must not admit a ticket.
  const doorOnly = () => {
    if (d.config.mode !== 'door')
      throw new BoError('BO_FORBIDDEN', 'This station is not a door (STATION_MODE=door).');
  };
  const kioskOnly = () => {
    if (!d.config.kiosk)
      throw new BoError('BO_FORBIDDEN', 'This station is not a kiosk (STATION_KIOSK).');
  };
  // The printer is asked afresh at most every few seconds: a kiosk must notice it stopping.
  let printerAskedAt = 0;
  const freshPrinter = async () => {
    if (d.now() - printerAskedAt < 3000) return;
    printerAskedAt = d.now();
    await d.printQueue.checkPrinter().catch(() => undefined);
  };
  // A kiosk serves customers with nobody signed in; a counter's pick-up is a cashier's.
  const pickupBy = (ctx: CallContext): string | null =>
    d.config.kiosk ? (ctx.session.staff?.id ?? null) : staffOf(ctx).id;
  const showCtx = (): ShowContext => ({
    cinema: d.cinema(),
    stationId: d.config.stationId,
    graceMinutes: d.config.saleGraceMinutes,
    now: d.now(),
  });
  return {
    'station:status': (_input, ctx) => ({
      stationId: d.config.stationId,
      enrollment: d.enrollment.status(),
      kiosk: d.config.kiosk,
      mode: d.config.mode === 'door' ? 'door' : 'counter',
      cinema: d.cinemaOrNull(),
      sync: d.engine.status(),
      staff: ctx.session.staff,
      // Whose till is open, and its float, is nobody's business before they sign in.
      till: ctx.session.staff === null ? null : d.tills.current(),
      printer: printer(),
      counts: {
        shows: count('SELECT count(*) AS n FROM shows'),
        seats: count('SELECT count(*) AS n FROM show_seats'),
      },
      cashConfirmMultiple: d.config.cashConfirmMultiple,
    }),
    'station:enroll': ({ serverUrl, code }) => d.enrollment.enroll(serverUrl, code),
    'door:scan': ({ code }) => {
      doorOnly();
      return d.door.scan(code);
    },
    'door:status': () => {
      doorOnly();
      return d.door.status();
    },
    'kiosk:status': async () => {
      kioskOnly();
      await freshPrinter();
      return d.kiosk.status();
    },
    'kiosk:open': (_i, ctx) => {
      kioskOnly();
      const status = d.kiosk.open(staffOf(ctx));
      // The screen turns to customers: nobody stays signed in at a kiosk.
      ctx.session.staff = null;
      return { ...status, open: true };
    },
    'kiosk:close': (_i, ctx) => {
      kioskOnly();
      const report = d.kiosk.close(staffOf(ctx));
      d.printQueue.enqueue('zreport', zReportPrint(d.cinema(), report, d.config.stationId));
      return report;
    },
    'kiosk:pay': (basket) => {
      kioskOnly();
      return d.kiosk.pay(basket);
    },
    'kiosk:cancelPayment': () => {
      kioskOnly();
      return { cancelled: d.kiosk.cancelPayment() };
    },
    'kiosk:reset': () => {
      kioskOnly();
      return { released: d.kiosk.reset() };
    },
    'kiosk:terminal': ({ answer }) => {
      kioskOnly();
      if (d.simulatedTerminal === null)
        throw new BoError('BO_FORBIDDEN', 'Only a simulated terminal can be answered from here.');
      d.simulatedTerminal.drive(answer);
      return null;
    },
    'auth:staffToken': ({ pin }, ctx) => d.enrollment.staffToken(staffOf(ctx).id, pin),
    'auth:people': () => d.pins.people(),
    'auth:signIn': ({ staffId, pin }, ctx) => {
      const staff = d.pins.signIn(staffId, pin);
      ctx.session.staff = staff;
      return staff;
    },
    'auth:unlock': ({ staffId, managerId, managerPin }) => {
      d.pins.unlock(staffId, managerId, managerPin);
      return d.pins.people();
    },
    'auth:signOut': (_i, ctx) => {
      ctx.session.staff = null;
      return null;
    },
    'catalog:shows': ({ date }) => listShows(d.db, showCtx(), date),
    'catalog:concessions': () => listConcessions(d.db, d.cinema()),
    'seats:map': ({ showId }) => seatMap(d.db, showCtx(), showId),
    'seats:hold': async (input) => {
      // A hold that reaches the server after the counter stopped waiting holds seats nobody waits
      // for: it is released as soon as its answer comes.
      const r = await ask(d.engine, 'hold', input, 5000, (late) => {
        if (late.outcome === 'ack')
          d.engine.enqueue('release', { holdId: (late.result as { holdId: string }).holdId });
      });
      if (!r.ok)
        throw new BoError(
          r.error.code === 'BO_SEAT_UNAVAILABLE' ? 'BO_SEAT_UNAVAILABLE' : 'BO_UNAVAILABLE',
          'late' in r
            ? 'The server did not answer; the seats are not held. You can still sell them: the sale checks them again.'
            : r.error.message,
        );
      const held = r.value as { holdId: string; seatIds: string[]; expiresAt: string };
      if (d.config.kiosk) d.kiosk.held(held.holdId);
      return held;
    },
    'seats:release': ({ holdId }) => {
      if (d.config.kiosk) d.kiosk.released(holdId);
      d.engine.enqueue('release', { holdId });
      return null;
    },
    'sales:quote': ({ showId, lines, discountCode, concessions = [] }) => {
      const p = priceBasket(d.db, showId, lines, discountCode, concessions);
      return {
        totalMinor: p.totalMinor,
        taxMinor: p.taxMinor,
        discountMinor: p.discountMinor,
        subtotalMinor: p.subtotalMinor,
        lines: lines.map((l, i) => ({
          seatId: l.seatId,
          priceMinor: p.tickets[i]?.totalMinor ?? 0,
        })),
        concessions: concessions.map((c, i) => ({
          itemId: c.itemId,
          quantity: c.quantity,
          unitPriceMinor: p.concessions[i]?.unitPriceMinor ?? 0,
          totalMinor: p.concessions[i]?.totalMinor ?? 0,
        })),
      };
    },
    'sales:create': (input, ctx) => d.sales.create(input, staffOf(ctx)),
    'sales:list': ({ limit }) => d.sales.list(limit),
    'sales:void': (input, ctx) => d.voids.run(input, staffOf(ctx)),
    'sales:reprint': ({ orderId }) => ({ jobIds: d.sales.reprint(orderId) }),
    'pickup:find': ({ query }, ctx) => {
      pickupBy(ctx);
      return d.pickup.find(query);
    },
    'pickup:collect': ({ orderId }, ctx) => d.pickup.collect(orderId, pickupBy(ctx)),
    'pickup:reprint': ({ orderId, managerPin }) => {
      if (d.config.kiosk)
        throw new BoError(
          'BO_ALREADY_COLLECTED',
          'A kiosk prints a booking’s tickets once. Please ask at the counter.',
        );
      d.pins.approveByPin(managerPin);
      return { jobIds: d.pickup.reprint(orderId, (id) => d.sales.reprint(id)) };
    },
    'till:status': () => d.tills.current(),
    'till:open': ({ float, training }, ctx) => d.tills.open(staffOf(ctx), float, training),
    'till:drop': ({ amountMinor, reference }, ctx) =>
      d.tills.drop(staffOf(ctx), amountMinor, reference),
    'till:close': ({ counted, managerPin, note }, ctx) => {
      const approver = managerPin === undefined ? null : d.pins.approveByPin(managerPin);
      const report = d.tills.close(staffOf(ctx), { counted, note }, approver);
      d.printQueue.enqueue('zreport', zReportPrint(d.cinema(), report, d.config.stationId));
      return report;
    },
    'till:report': ({ tillId }, ctx) => d.tills.report(ctx.session.staff, tillId),
    'sync:status': () => d.engine.status(),
    'review:list': () =>
      d.engine.reviewItems().map((r): ReviewItemView => ({
        id: r.id,
        kind: r.kind,
        code: r.code,
        message: r.message,
        createdAt: r.createdAt.toISOString(),
        rejectedAt: r.rejectedAt.toISOString(),
        advice: ADVICE[r.code] ?? 'Read the message; retry once the cause is fixed, or dismiss.',
        summary: reviewSummary(d.db, r.kind, r.payload, d.cinemaOrNull()),
      })),
    'review:resolve': ({ id, resolution, note }, ctx) => {
      d.engine.resolveReview(id, staffOf(ctx).name, resolution, note);
      return null;
    },
    'printer:jobs': ({ limit }) =>
      d.printQueue.jobs({ limit }).map((j) => ({
        id: j.id,
        kind: j.kind,
        status: j.status,
        reprint: j.reprint,
        attempts: j.attempts,
        lastError: j.lastError?.message ?? null,
        createdAt: j.createdAt,
      })),
    'printer:test': () => ({
      jobId: d.printQueue.enqueue('test', {
        cinema: {
          name: d.cinema().name,
          locale: d.cinema().locale,
          currency: d.cinema().currency,
          timeZone: d.cinema().timeZone,
        },
        at: new Date().toISOString(),
      }),
    }),
    'printer:preview': ({ jobId }) => {
      const job = d.printQueue.job(jobId);
      if (!job) throw new BoError('BO_NOT_FOUND', 'No such print job.');
      const r = previewJob(job.kind, job.payload as never, printerSettings(d.config), {
        reprint: job.reprint,
      });
      if (!r.ok) throw new BoError('BO_VALIDATION', r.error.message);
      return { text: r.value.text };
    },
  };
}
