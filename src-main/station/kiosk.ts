// A self-service kiosk (issue 18): staff open it (a till in their name that takes cards only), then
// customers buy with nobody signed in. The core decides whether the kiosk can serve (printer, paper,
// terminal, something to sell offline), takes the card on the payment terminal before selling, and
// gives the money back if the sale then fails. The holds a customer takes are tracked here, so an
// idle reset or a reloaded screen releases them even if the screen lost their ids.
import { randomUUID } from 'node:crypto';
import type { KioskPayResult, KioskStatus } from '../../common/contract/kiosk-types.js';
import type { StaffInfo, TillInfo } from '../../common/contract/station-types.js';
import { BoError } from '../../common/errors.js';
import type { ConcessionLine } from '../../common/concession-lines.js';
import type { LocalDb } from './local-db.js';
import type { PrintQueue } from '../printing/print-queue.js';
import type { StationConfig } from './config.js';
import { createSimulatedTerminal, type PaymentTerminal } from './payment-terminal.js';
import { priceBasket } from './pricing-data.js';
import type { Sales } from './sales.js';
import type { SyncEngine } from './sync/engine.js';
import type { Tills } from './till.js';

type Deps = {
  db: LocalDb;
  engine: SyncEngine;
  tills: Tills;
  sales: Sales;
  terminal: PaymentTerminal | null;
  printer: () => { connected: boolean; paper: string; lastError: string | null };
  enrolled: () => boolean;
  stationId: () => string;
  currency: () => string;
  idleSeconds: number;
  warnSeconds: number;
  languages: string[];
  graceMinutes: number;
  now: () => number;
};

/** What a customer pays for at the kiosk: the held seats, their ticket types, food and drink. */
export type KioskBasket = {
  showId: string;
  holdId?: string | undefined;
  lines: { seatId: string; ticketTypeId: string }[];
  discountCode?: string | undefined;
  concessions?: ConcessionLine[] | undefined;
};

/** The kiosk's core: status, opening and closing, card payments and its customers' holds. */
export function createKiosk(d: Deps) {
  const c = d.db.$client;
  // Holds taken by customers and not sold yet; released on reset (one customer at a time).
  const holds = new Set<string>();
  let paying = false;

  const till = (): TillInfo => d.tills.current();
  const staffOfTill = (t: NonNullable<TillInfo>): StaffInfo => {
    const row = c.prepare('SELECT id, name, role FROM staff WHERE id = ?').get(t.staffId) as
      StaffInfo | undefined;
    return row ?? { id: t.staffId, name: t.staffName, role: 'cashier' };
  };
  // Offline, a kiosk sells only seats escrowed to it for shows still on sale.
  const escrowedSeats = () =>
    (
      c
        .prepare(
          "SELECT count(*) AS n FROM show_seats ss JOIN shows sh ON sh.id = ss.show_id WHERE ss.state = 'allocated' AND ss.station_id = ? AND sh.status != 'cancelled' AND sh.starts_at + ? > ?",
        )
        .get(d.stationId(), d.graceMinutes * 60_000, d.now()) as { n: number }
    ).n;

  const outOfService = (): KioskStatus['outOfService'] => {
    if (!d.enrolled())
      return { reason: 'not-enrolled', detail: 'The kiosk is not enrolled with the server.' };
    const sync = d.engine.status();
    if (sync.catchUp !== null || c.prepare('SELECT 1 FROM cinemas').get() === undefined)
      return {
        reason: 'catching-up',
        detail: 'The kiosk is downloading its cinema’s schedule from the server.',
      };
    const t = till();
    if (t === null)
      return {
        reason: 'closed',
        detail: 'The kiosk is closed. A member of staff signs in and opens it.',
      };
    const p = d.printer();
    if (!p.connected)
      return {
        reason: 'printer',
        detail: `The ticket printer does not answer${p.lastError === null ? '' : ` (${p.lastError})`}. Check its power and cable.`,
      };
    if (p.paper === 'out')
      return { reason: 'paper', detail: 'The ticket printer is out of paper. Load a new roll.' };
    if (d.terminal === null)
      return {
        reason: 'terminal',
        detail: 'The kiosk has no card terminal (PAYMENT_TERMINAL=none); it cannot take payment.',
      };
    if (sync.state !== 'online' && escrowedSeats() === 0)
      return {
        reason: 'offline',
        detail:
          'The kiosk is offline and has no seats set aside for selling offline. It serves again once the server is back.',
      };
    return null;
  };

  const status = (): KioskStatus => {
    const t = till();
    return {
      open: t !== null,
      openedBy: t?.staffName ?? null,
      outOfService: outOfService(),
      offline: d.engine.status().state !== 'online',
      idleSeconds: d.idleSeconds,
      warnSeconds: d.warnSeconds,
      terminal: { kind: d.terminal?.kind ?? 'none', state: d.terminal?.state() ?? 'idle' },
      languages: d.languages,
    };
  };

  /** Releases every hold a customer took here and did not buy. */
  const reset = (): number => {
    const n = holds.size;
    for (const holdId of holds) d.engine.enqueue('release', { holdId });
    holds.clear();
    return n;
  };

  return {
    status,
    /** True while customers may use the kiosk's channels (a till is open for it). */
    isOpen: () => till() !== null,
    /** Opens the kiosk: a card-only till in the staff member's name (kept if theirs is open). */
    open(staff: StaffInfo): KioskStatus {
      const t = till();
      if (t === null) d.tills.open(staff, {}, false);
      else if (t.staffId !== staff.id)
        throw new BoError(
          'BO_TILL_NOT_YOURS',
          `The kiosk is open already, on ${t.staffName}’s till. ${t.staffName} or a manager closes it first.`,
        );
      return status();
    },
    /** Closes the kiosk: releases customers' holds and closes its till (nothing to count but cards). */
    close(staff: StaffInfo) {
      const t = till();
      if (t === null) throw new BoError('BO_TILL_NOT_OPEN', 'The kiosk is closed already.');
      if (paying)
        throw new BoError(
          'BO_CONFLICT',
          'A customer is paying at the terminal. Wait for the payment to end, then close.',
        );
      reset();
      const expected = d.tills.report({ ...staff, role: 'manager' }, t.id).perTender;
      const counted = Object.fromEntries(expected.map((p) => [p.tender, p.expected ?? 0]));
      return d.tills.close(staff, { counted }, null);
    },
    /** Remembers a customer's hold, so a reset releases it. */
    held(holdId: string) {
      holds.add(holdId);
    },
    /** The customer let go of a hold themselves. */
    released(holdId: string) {
      holds.delete(holdId);
    },
    reset,
    /**
     * Takes the basket's total on the card terminal, then sells as the kiosk's till (channel kiosk,
     * card only). Declined, cancelled or timed out: nothing sold, the seats stay held.
     */
    async pay(basket: KioskBasket): Promise<KioskPayResult> {
      const t = till();
      if (t === null)
        throw new BoError('BO_TILL_NOT_OPEN', 'The kiosk is closed. Please buy at the counter.');
      const oos = outOfService();
      if (oos !== null) throw new BoError('BO_UNAVAILABLE', oos.detail, { reason: oos.reason });
      if (d.terminal === null)
        throw new BoError('BO_UNAVAILABLE', 'This kiosk has no card terminal.');
      if (paying)
        throw new BoError('BO_CONFLICT', 'A payment is already in progress at the terminal.');
      // The price the sale will charge, from the one pricing function, before the card is asked.
      const price = priceBasket(
        d.db,
        basket.showId,
        basket.lines,
        basket.discountCode,
        basket.concessions ?? [],
      );
      const currency = d.currency();
      paying = true;
      try {
        const answer = await d.terminal.pay({
          paymentId: randomUUID(),
          amountMinor: price.totalMinor,
          currency,
        });
        if (answer.outcome !== 'approved') return answer;
        try {
          const sale = await d.sales.create(
            {
              ...basket,
              tenders: [
                { tender: 'card', amountMinor: price.totalMinor, reference: answer.reference },
              ],
            },
            staffOfTill(t),
          );
          if (basket.holdId !== undefined) holds.delete(basket.holdId);
          return { outcome: 'approved', reference: answer.reference, sale };
        } catch (e) {
          // The card paid for a sale that did not happen: the money goes back on the card.
          await d.terminal.reverse({
            reference: answer.reference,
            amountMinor: price.totalMinor,
            currency,
          });
          const err =
            e instanceof BoError
              ? e
              : new BoError('BO_INTERNAL', e instanceof Error ? e.message : String(e));
          return { outcome: 'reversed', code: err.code, message: err.message };
        }
      } finally {
        paying = false;
      }
    },
    /** Cancels the payment waiting at the terminal; false when none was. */
    cancelPayment: () => d.terminal?.cancel() ?? false,
  };
}

export type Kiosk = ReturnType<typeof createKiosk>;

/**
 * The kiosk of a station as its config makes it: the card terminal (simulated, or none) and the
 * kiosk's core over the station's parts.
 */
export function createKioskOf(
  config: StationConfig,
  d: Pick<
    Deps,
    'db' | 'engine' | 'tills' | 'sales' | 'enrolled' | 'stationId' | 'currency' | 'now'
  > & {
    printQueue: PrintQueue;
  },
) {
  const simulatedTerminal =
    config.kiosk && config.paymentTerminal === 'simulated'
      ? createSimulatedTerminal({ delayMs: config.terminalDelayMs })
      : null;
  const kiosk = createKiosk({
    ...d,
    terminal: simulatedTerminal,
    printer: () => {
      const p = d.printQueue.printerStatus();
      return {
        connected: p.connected === true,
        paper: p.paper,
        lastError: p.lastError?.message ?? null,
      };
    },
    idleSeconds: config.kioskIdleSeconds,
    warnSeconds: config.kioskWarnSeconds,
    languages: config.kioskLanguages,
    graceMinutes: config.saleGraceMinutes,
  });
  return { kiosk, simulatedTerminal };
}
