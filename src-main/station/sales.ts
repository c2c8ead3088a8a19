// Counter sales (DESIGN §5): online through the server, offline only from this station's escrow.
import { randomUUID } from 'node:crypto';
import type { ConcessionLine } from '../../common/concession-lines.js';
import type { CinemaInfo, SaleView, StaffInfo } from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import {
  givesChange,
  REFERENCE_LABELS,
  REFERENCE_REQUIRED,
  TENDER_LABELS,
  type CounterTender,
} from '../../common/tenders.js';
import type { LocalDb } from './local-db.js';
import { ask, type PrintPort, type SyncPort } from './ports.js';
import { priceBasket } from './pricing-data.js';
import { receiptPrint, ticketPrints, type TicketSigner } from './sale-prints.js';
import {
  nextSaleNumber,
  recordSale,
  saleView,
  type SaleRecord,
  type SaleTender,
} from './sale-record.js';
import { assertShowSells } from './show-window.js';
import type { Tills } from './till.js';

export type SaleInput = {
  showId: string;
  holdId?: string | undefined;
  lines: { seatId: string; ticketTypeId: string }[];
  discountCode?: string | undefined;
  /** Food and drink; they take no seat, so they sell offline with the tickets. */
  concessions?: ConcessionLine[] | undefined;
  tenders: {
    tender: CounterTender;
    amountMinor: number;
    reference?: string | undefined;
  }[];
};

export type SalesDeps = {
  db: LocalDb;
  sync: SyncPort;
  print: PrintPort;
  tills: Tills;
  cinema: () => CinemaInfo;
  stationId: string;
  sign: TicketSigner;
  onlineTimeoutMs?: number;
  /** The station's clock (ms) and how long after its start a show still sells (item 7). */
  now?: () => number;
  saleGraceMinutes?: number;
  /** A self-service kiosk (STATION_KIOSK): it sells for card only (issue 18). */
  kiosk?: boolean;
};

/**
 * Splits what was tendered into amounts applied per tender and change due. Only cash gives change;
 * a voucher needs its code and a UPI / wallet payment its transaction reference.
 */
export function applyTenders(
  total: number,
  tendered: SaleInput['tenders'],
): { applied: SaleTender[]; changeDue: number } {
  for (const t of tendered) {
    const reference = t.reference?.trim() ?? '';
    if (REFERENCE_REQUIRED.has(t.tender) && reference === '')
      throw new BoError(
        'BO_VALIDATION',
        `${TENDER_LABELS[t.tender]}: type the ${REFERENCE_LABELS[t.tender].toLowerCase()} before taking the payment. Nothing was sold.`,
      );
    if (!givesChange(t.tender) && t.amountMinor <= 0)
      throw new BoError(
        'BO_VALIDATION',
        `A ${TENDER_LABELS[t.tender]} payment of nothing cannot be taken. Type its amount, or remove it.`,
      );
  }
  const nonCash = tendered
    .filter((t) => !givesChange(t.tender))
    .reduce((a, t) => a + t.amountMinor, 0);
  if (nonCash > total)
    throw new BoError(
      'BO_VALIDATION',
      'Card, voucher and UPI / wallet payments add up to more than the total, and only cash gives change. Take less on them; nothing was sold.',
    );
  const cash = tendered.filter((t) => givesChange(t.tender)).reduce((a, t) => a + t.amountMinor, 0);
  if (cash + nonCash < total)
    throw new BoError(
      'BO_VALIDATION',
      'The tenders do not cover the total. Take the rest before completing the sale.',
    );
  const changeDue = cash + nonCash - total;
  // Cash handed over in parts is one cash tender net of change, where the first part was taken:
  // the receipt adds the change back to it, and a till counts one cash line.
  const firstCash = tendered.findIndex((t) => givesChange(t.tender));
  const applied = tendered.flatMap((t, i): SaleTender[] => {
    if (givesChange(t.tender))
      return i === firstCash && cash - changeDue > 0
        ? [{ tender: t.tender, amountMinor: cash - changeDue }]
        : [];
    const reference = t.reference?.trim() ?? '';
    return [
      { tender: t.tender, amountMinor: t.amountMinor, ...(reference === '' ? {} : { reference }) },
    ];
  });
  return { applied, changeDue };
}

/** Where a sale made at this station keeps the ids of its print jobs (sync_state). */
export const printJobsKey = (orderId: string) => `print:${orderId}`;

/** The station's sale operations. */
export function createSales(deps: SalesDeps) {
  const { db, sync, print, tills } = deps;
  // Sales whose answer the counter is still waiting for; an ack for any other is a late sale.
  const waiting = new Set<string>();

  const queuePrints = (sale: SaleRecord, cashier: string): string[] => {
    const ids = [
      ...(sale.training
        ? []
        : [print.enqueue('ticket', ticketPrints(db, deps.cinema(), sale, deps.sign) as never)]),
      print.enqueue('receipt', receiptPrint(db, deps.cinema(), sale, cashier) as never),
    ];
    db.$client
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(printJobsKey(sale.orderId), JSON.stringify(ids));
    return ids;
  };

  const mineAndFree = (showId: string, seatIds: string[]): string[] => {
    const rows = db.$client
      .prepare(
        `SELECT seat_id, state, station_id FROM show_seats WHERE show_id = ? AND seat_id IN (${seatIds.map(() => '?').join(',')})`,
      )
      .all(showId, ...seatIds) as { seat_id: string; state: string; station_id: string | null }[];
    const ok = new Set(
      rows
        .filter((r) => r.state === 'allocated' && r.station_id === deps.stationId)
        .map((r) => r.seat_id),
    );
    return seatIds.filter((id) => !ok.has(id));
  };

  return {
    /** True while the counter waits for the server's answer to this sale. */
    isWaiting: (orderId: string) => waiting.has(orderId),

    /** Sells seats: online through the server; offline only escrowed seats, queued for the server. */
    async create(input: SaleInput, staff: StaffInfo): Promise<SaleView> {
      // A kiosk has no drawer and nobody to check a voucher: anything but card is refused first.
      if (deps.kiosk === true) assertCardOnly(input.tenders);
      // A finished show is refused before anything else: no till check, no server call, no review item.
      assertShowSells(db, input.showId, deps.saleGraceMinutes ?? 30, (deps.now ?? Date.now)());
      const till = tills.requireOpenFor(staff, { action: 'sell' });
      if (new Set(input.lines.map((l) => l.seatId)).size !== input.lines.length)
        throw new BoError('BO_VALIDATION', 'A seat is in the basket twice.');
      const concessions = input.concessions ?? [];
      const priced = priceBasket(db, input.showId, input.lines, input.discountCode, concessions);
      const { applied, changeDue } = applyTenders(priced.totalMinor, input.tenders);
      const cinema = deps.cinema();
      const base = {
        orderId: randomUUID(),
        showId: input.showId,
        cinemaId: cinema.id,
        stationId: deps.stationId,
        staffId: staff.id,
        lines: input.lines.map((l) => ({ ...l, ticketId: randomUUID() })),
        concessions,
        priced,
        tenders: applied,
        changeDueMinor: changeDue,
        tillId: till.id,
        training: till.training,
        discountCode: input.discountCode,
      };
      const payload = (saleNumber: number) => ({
        orderId: base.orderId,
        showId: base.showId,
        ...(input.holdId === undefined ? {} : { holdId: input.holdId }),
        lines: base.lines,
        ...(input.discountCode === undefined ? {} : { discountCode: input.discountCode }),
        ...(concessions.length === 0 ? {} : { concessions }),
        staffId: staff.id,
        saleNumber,
        training: false,
        // What the customer handed over and the change given back: the server checks they make the total.
        tenders: input.tenders,
        changeMinor: changeDue,
        // What this counter charged, tickets and concessions together; the server records any difference.
        expectedTotalMinor: priced.totalMinor,
      });
      // The sale, its outbox row and its print jobs commit together: a crash never leaves a sale unprinted.
      const commitLocal = (sale: SaleRecord, enqueue: boolean) => {
        const printJobIds = db.$client.transaction(() => {
          if (enqueue)
            sync.enqueue('sell', payload(sale.saleNumber), { offline: true, id: sale.orderId });
          recordSale(db, tills, sale);
          return queuePrints(sale, staff.name);
        })();
        return saleView(db, sale.orderId, { changeDueMinor: changeDue, printJobIds });
      };

      if (till.training) {
        // Training sales never reach the server and never take a real seat.
        // …and count apart (T-1, T-2…): real sale numbers never advance for practice.
        const sale = { ...base, saleNumber: nextSaleNumber(db, true), offline: false };
        return commitLocal(sale, false) ?? fail();
      }
      if (!sync.isOnline()) {
        const notMine = mineAndFree(
          input.showId,
          input.lines.map((l) => l.seatId),
        );
        if (notMine.length > 0) {
          throw new BoError(
            'BO_SEAT_UNAVAILABLE',
            'Offline, this station can sell only the seats set aside for it (marked on the map). Choose a marked seat, or sell this one when the connection is back.',
            { seatIds: notMine },
          );
        }
        return (
          commitLocal({ ...base, saleNumber: nextSaleNumber(db), offline: true }, true) ?? fail()
        );
      }
      const saleNumber = nextSaleNumber(db);
      waiting.add(base.orderId);
      const r = await ask(sync, 'sell', payload(saleNumber), deps.onlineTimeoutMs ?? 8000).finally(
        () => waiting.delete(base.orderId),
      );
      if (r.ok) return commitLocal({ ...base, saleNumber, offline: false }, false) ?? fail();
      if ('late' in r) {
        if (!r.late)
          throw new BoError(
            'BO_UNAVAILABLE',
            'The server did not answer, and nothing was sold. Try again; if the connection is down, sell the seats marked for this station.',
          );
        throw new BoError(
          'BO_UNAVAILABLE',
          'The server did not answer in time, but it may still complete the sale. If it does, the sale appears in the manager’s review list to settle. Do not hand over tickets now.',
        );
      }
      // This station's copy of the menu is behind the server's: say so in the cashier's words.
      if (r.error.code === 'BO_CONCESSION_UNAVAILABLE')
        throw new BoError(
          'BO_CONCESSION_UNAVAILABLE',
          'The server no longer sells an item of this basket at this cinema, and nothing was sold. Take the item out of the basket and try again.',
          { serverCode: r.error.code },
        );
      throw new BoError(
        r.error.code === 'BO_SEAT_UNAVAILABLE' || r.error.code === 'BO_SHOW_NOT_ON_SALE'
          ? r.error.code
          : 'BO_CONFLICT',
        r.error.message,
        { serverCode: r.error.code },
      );
    },

    /** Recent sales of this station. */
    list(limit: number): SaleView[] {
      const ids = db.$client
        .prepare('SELECT id FROM orders WHERE station_id = ? ORDER BY created_at DESC LIMIT ?')
        .all(deps.stationId, limit) as { id: string }[];
      return ids.map((r) => saleView(db, r.id)).filter((v): v is SaleView => v !== null);
    },

    /**
     * Reprints the still valid tickets of a sale (marked REPRINT n, with their original codes): a
     * voided or refunded ticket never prints again, so a sale with none left cannot be reprinted.
     */
    reprint(orderId: string): string[] {
      const row = db.$client
        .prepare('SELECT value FROM sync_state WHERE key = ?')
        .get(printJobsKey(orderId)) as { value: string } | undefined;
      if (!row)
        throw new BoError(
          'BO_NOT_FOUND',
          'This sale was not printed at this station, so it cannot be reprinted here.',
        );
      const order = db.$client
        .prepare('SELECT sale_number, status, training FROM orders WHERE id = ?')
        .get(orderId) as
        { sale_number: number | null; status: string; training: number } | undefined;
      if (order?.training === 1)
        throw new BoError(
          'BO_NOT_FOUND',
          'A training sale prints no tickets, so there is nothing to reprint.',
        );
      const tickets = db.$client
        .prepare('SELECT id, status FROM tickets WHERE order_id = ?')
        .all(orderId) as { id: string; status: string }[];
      const valid = new Set(tickets.filter((t) => t.status === 'valid').map((t) => t.id));
      const sale = `Sale ${String(order?.sale_number ?? '')}`;
      if (valid.size === 0)
        throw new BoError(
          'BO_TICKET_NOT_VALID',
          `${sale} has no valid tickets left: they were ${order?.status === 'refunded' ? 'refunded' : 'voided'}, and their seats are on sale again. Nothing was reprinted.`,
        );
      const [ticketJob] = JSON.parse(row.value) as string[];
      if (ticketJob === undefined)
        throw new BoError('BO_NOT_FOUND', 'This sale has no tickets to reprint.');
      if (valid.size === tickets.length) return [print.reprint(ticketJob)];
      try {
        return [print.reprint(ticketJob, (t) => t.ticketId !== undefined && valid.has(t.ticketId))];
      } catch (e) {
        // Tickets printed before prints named their ticket ids cannot be told apart: print none.
        if (e instanceof BoError && e.code === 'BO_NOT_FOUND')
          throw new BoError(
            'BO_TICKET_NOT_VALID',
            `${sale} was partly given back, and its tickets were printed before a reprint could leave the given-back ones out. Nothing was reprinted; ask a manager.`,
          );
        throw e;
      }
    },
  };
}

/** Refuses any tender but card, before anything is priced, held or sent (a kiosk's rule). */
export function assertCardOnly(tenders: SaleInput['tenders']): void {
  const other = tenders.find((t) => t.tender !== 'card');
  if (other !== undefined)
    throw new BoError(
      'BO_KIOSK_CARD_ONLY',
      `This kiosk takes cards only, not ${TENDER_LABELS[other.tender].toLowerCase()}. Nothing was sold; pay by card, or at the counter.`,
    );
}

function fail(): never {
  throw new BoError('BO_INTERNAL', 'The sale was recorded but could not be read back.');
}

export type Sales = ReturnType<typeof createSales>;
