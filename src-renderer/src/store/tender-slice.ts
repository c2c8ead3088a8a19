// Taking payment: cash with change, card with the terminal's reference, voucher with its code, UPI /
// wallet with its transaction reference, split tenders; then the sale, which the station prints. A
// hold keeps the seats while the customer pays (online only). Tenders taken stay on the sale until it
// completes or the cashier confirms handing them back (leave-sale-slice).
import type { SaleView } from '../../../common/contract/station.js';
import { saleNumberLabel } from '../../../common/sale-number.js';
import {
  cashNeedsConfirmation,
  givesChange,
  REFERENCE_LABELS,
  REFERENCE_REQUIRED,
  TENDER_LABELS,
  type CounterTender,
} from '../../../common/tenders.js';
import { ask } from './call.js';
import type { SliceDeps } from './types.js';

export type TenderKind = CounterTender;
export type TenderLine = { tender: TenderKind; amountMinor: number; reference?: string };

export type TenderSlice = {
  tenderMode: TenderKind;
  /** Tenders taken so far on this sale (a split payment has several); kept when the cashier steps back. */
  tenders: TenderLine[];
  /** Cash typed far above what is due, waiting for the cashier to confirm it. */
  largeCash: { line: TenderLine; dueMinor: number } | null;
  selling: boolean;
  lastSale: SaleView | null;
  /** Text preview of the last sale's receipt, as the paper shows it. */
  receiptText: string | null;
  /** F5/F6: opens payment (or switches tender) for the basket. */
  startTender: (mode: TenderKind) => Promise<void>;
  /** Takes one tender (amount null: exactly what is due); completes the sale once the tenders cover the total. */
  takeTender: (
    line: Omit<TenderLine, 'amountMinor'> & { amountMinor: number | null },
    opts?: { largeCashConfirmed?: boolean },
  ) => Promise<void>;
  /** Answers the large-cash question: take it as typed, or go back to correct it. */
  confirmLargeCash: (take: boolean) => Promise<void>;
  removeTender: (index: number) => void;
  /** Esc on payment: back to the seats, asking first when tenders are taken. */
  cancelTender: () => void;
  /** Back to the seats, keeping whatever tenders the sale holds. */
  backToSeats: () => void;
  releaseHold: () => void;
  /** F2: a fresh basket on the show list (asks first when tenders are taken). */
  newSale: () => void;
  /** F9: reprints the tickets of the last sale of this counter. */
  reprintLast: () => Promise<void>;
};

/** Sum of minor amounts. */
export const sumTenders = (lines: readonly TenderLine[]): number =>
  lines.reduce((a, t) => a + t.amountMinor, 0);

/** The tender slice. */
export function createTenderSlice(d: SliceDeps): TenderSlice {
  const { set, get, client } = d;
  // The hold of the sale being paid; null when there is none (offline, or the server did not answer).
  let hold: Promise<string | null> = Promise.resolve(null);
  let holdId: string | null = null;

  const placeHold = (showId: string, seatIds: string[]): Promise<string | null> =>
    (async () => {
      if (!get().online()) return null;
      const r = await client.invoke('seats:hold', { showId, seatIds });
      if (r.ok) {
        holdId = r.value.holdId;
        get().markOwnHeld(r.value.seatIds);
        return r.value.holdId;
      }
      if (r.error.code === 'BO_SEAT_UNAVAILABLE' && get().view === 'tender') {
        // Someone else was faster: back to the map, which shows what is left; the money stays on the sale.
        set({ view: 'seats' });
        get().fail(r.error);
        void get().reloadMap();
      }
      // Any other failure: sell without a hold; the sale itself is still checked by the server.
      return null;
    })();

  const complete = async (tenders: TenderLine[]) => {
    const s = get();
    const map = s.map;
    if (!map) return;
    set({ selling: true });
    const usedHold = await hold;
    // The hold found the seats gone and went back to the map: there is nothing to sell.
    if (get().view !== 'tender') {
      set({ selling: false });
      return;
    }
    const r = await ask(d, 'sales:create', {
      showId: map.show.id,
      ...(usedHold === null ? {} : { holdId: usedHold }),
      lines: get().lines,
      ...(get().discountCode === '' ? {} : { discountCode: get().discountCode }),
      ...(get().concessionLines.length === 0 ? {} : { concessions: get().concessionLines }),
      tenders: tenders.map((t) => ({
        tender: t.tender,
        amountMinor: t.amountMinor,
        ...(t.reference === undefined || t.reference === '' ? {} : { reference: t.reference }),
      })),
    });
    set({ selling: false });
    if (!r.ok) {
      const serverCode = r.error.details?.serverCode;
      // A hold the server no longer has would fail every retry: the next try sells directly.
      // Any other failure keeps the hold, so a retry (another tender, a fixed promo code) still has the seats.
      if (typeof serverCode === 'string' && serverCode.startsWith('BO_HOLD_')) {
        hold = Promise.resolve(null);
        holdId = null;
      }
      if (r.error.code === 'BO_SEAT_UNAVAILABLE') {
        get().releaseHold();
        set({ view: 'seats' });
        void get().reloadMap();
      }
      return;
    }
    hold = Promise.resolve(null);
    holdId = null;
    get().clearBasket();
    set({ lastSale: r.value, receiptText: null, tenders: [], view: 'done' });
    void get().reloadMap();
    void get().refreshStatus();
    const receipt = r.value.printJobIds[r.value.printJobIds.length - 1];
    if (receipt !== undefined) {
      const p = await client.invoke('printer:preview', { jobId: receipt });
      if (p.ok && get().lastSale?.orderId === r.value.orderId) set({ receiptText: p.value.text });
    }
  };

  return {
    tenderMode: 'cash',
    tenders: [],
    largeCash: null,
    selling: false,
    lastSale: null,
    receiptText: null,
    async startTender(mode) {
      const s = get();
      if (s.view === 'tender') {
        set({ tenderMode: mode });
        return;
      }
      if (s.view !== 'seats' || !s.map) {
        s.notify(
          'error',
          'Choose a show and seats first (Enter on a show, then 1–9 for best available).',
        );
        return;
      }
      if (s.lines.length === 0) {
        s.notify(
          'error',
          'The basket is empty. Press 1–9 for the best seats together, or pick seats on the map.',
        );
        return;
      }
      if (s.status !== null && s.status.till === null) {
        s.notify('error', 'Open the till first (F4 Till), with the float in the drawer.');
        return;
      }
      s.clearNotice();
      // Tenders already taken stay: the amount due is what is left.
      set({ view: 'tender', tenderMode: mode });
      hold = placeHold(
        s.map.show.id,
        s.lines.map((l) => l.seatId),
      );
      const quote = await s.settledQuote();
      if (!quote && get().view === 'tender') {
        set({ view: 'seats' });
        get().notify(
          'error',
          get().quoteError ?? 'The basket could not be priced. Check the promo code, or remove it.',
        );
      }
    },
    async takeTender(input, opts = {}) {
      const s = get();
      if (s.selling) return;
      // Enter may come before the price does (a fast cashier): wait for it, then take the exact amount.
      const quote = await s.settledQuote();
      if (!quote) {
        s.notify('error', get().quoteError ?? 'The basket could not be priced.');
        return;
      }
      const taken = get().tenders;
      const due = quote.totalMinor - sumTenders(taken);
      // What is taken already covers a basket made smaller meanwhile: complete with it.
      if (due <= 0 && input.amountMinor === null) {
        s.clearNotice();
        await complete(taken);
        return;
      }
      const reference = input.reference?.trim() ?? '';
      const line: TenderLine = {
        tender: input.tender,
        amountMinor: input.amountMinor ?? due,
        ...(reference === '' ? {} : { reference }),
      };
      const name = TENDER_LABELS[line.tender];
      if (REFERENCE_REQUIRED.has(line.tender) && reference === '') {
        s.notify(
          'error',
          `${name}: type the ${REFERENCE_LABELS[line.tender].toLowerCase()} first, then Enter.`,
        );
        return;
      }
      if (!givesChange(line.tender) && line.amountMinor > due) {
        s.notify(
          'error',
          `A ${name} payment cannot be more than the amount due; only cash gives change. Enter the amount due or less.`,
        );
        return;
      }
      if (line.amountMinor <= 0 && due > 0) {
        s.notify(
          'error',
          'Enter an amount greater than zero, or press Enter with nothing typed for the exact amount.',
        );
        return;
      }
      const multiple = s.status?.cashConfirmMultiple ?? 10;
      if (
        line.tender === 'cash' &&
        opts.largeCashConfirmed !== true &&
        cashNeedsConfirmation(line.amountMinor, due, multiple)
      ) {
        set({ largeCash: { line, dueMinor: due } });
        return;
      }
      // Cash handed over in parts is one cash line: what the drawer holds for this sale.
      const cashAt = taken.findIndex((t) => t.tender === 'cash');
      const tenders =
        line.tender === 'cash' && cashAt >= 0
          ? taken.map((t, i) =>
              i === cashAt ? { ...t, amountMinor: t.amountMinor + line.amountMinor } : t,
            )
          : [...taken, line];
      if (sumTenders(tenders) >= quote.totalMinor) {
        s.clearNotice();
        await complete(tenders);
        return;
      }
      set({ tenders });
    },
    async confirmLargeCash(take) {
      const pending = get().largeCash;
      set({ largeCash: null });
      if (pending && take) await get().takeTender(pending.line, { largeCashConfirmed: true });
    },
    removeTender(index) {
      set({ tenders: get().tenders.filter((_, i) => i !== index) });
    },
    cancelTender() {
      if (get().selling) return;
      get().requestLeave('seats');
    },
    backToSeats() {
      if (get().selling) return;
      get().releaseHold();
      set({ view: 'seats' });
    },
    releaseHold() {
      if (holdId !== null) void client.invoke('seats:release', { holdId });
      holdId = null;
      hold = Promise.resolve(null);
    },
    newSale() {
      if (get().selling) return;
      if (get().tenders.length > 0) {
        get().requestLeave('new-sale');
        return;
      }
      get().releaseHold();
      get().clearBasket();
      set({ tenders: [], filter: '' });
      get().go('shows');
      set({ notice: null });
      void get().loadShows();
    },
    async reprintLast() {
      let sale = get().lastSale;
      if (!sale) {
        const r = await ask(d, 'sales:list', { limit: 1 });
        if (!r.ok) return;
        sale = r.value[0] ?? null;
      }
      if (!sale) {
        get().notify('error', 'No sale at this counter yet, so there is nothing to reprint.');
        return;
      }
      const r = await ask(d, 'sales:reprint', { orderId: sale.orderId });
      if (r.ok)
        get().notify(
          'success',
          `Reprinting the tickets of sale ${saleNumberLabel(sale.saleNumber, sale.training)} (marked REPRINT).`,
        );
    },
  };
}
