// Turns a recorded sale into print data for its tickets and receipt (DESIGN §8).
import { divRound } from '../../common/money.js';
import { GIVE_BACK_HOW, type GiveBackLine } from '../../common/give-back.js';
import { saleNumberLabel } from '../../common/sale-number.js';
import { TENDER_LABELS } from '../../common/tenders.js';
import type { CinemaInfo } from '../../common/contract/station.js';
import type {
  CinemaPrintInfo,
  ReceiptPrintData,
  RefundSlipPrintData,
  TicketPrintData,
} from '../printing/print-data.js';
import type { LocalDb } from './local-db.js';
import { taxLabel, type SaleRecord } from './sale-record.js';

/** Signs a ticket code for a ticket; null when this station has no certified key yet. */
export type TicketSigner = (t: {
  ticketId: string;
  showId: string;
  seatLabel: string;
  issuedAt: number;
}) => string | null;

/** Print info of the cinema. */
export function cinemaPrintInfo(cinema: CinemaInfo): CinemaPrintInfo {
  return {
    name: cinema.name,
    locale: cinema.locale,
    currency: cinema.currency,
    timeZone: cinema.timeZone,
    // Read from the replica at each print: an address a manager changed prints on the next receipt.
    headerLines: [cinema.address, ...cinema.taxIds].filter((l) => l.trim() !== ''),
  };
}

/** The tickets of a sale as the printer needs them. */
export function ticketPrints(
  db: LocalDb,
  cinema: CinemaInfo,
  sale: Pick<SaleRecord, 'showId' | 'lines' | 'saleNumber'> & {
    // Only each ticket's price and taxes: a web booking picked up has no counter pricing.
    priced: { tickets: Pick<SaleRecord['priced']['tickets'][number], 'totalMinor' | 'taxes'>[] };
  },
  sign: TicketSigner,
): TicketPrintData[] {
  const show = db.$client
    .prepare(
      'SELECT m.title, m.certification, f.code AS format, sc.name AS screen, sh.starts_at FROM shows sh JOIN movies m ON m.id = sh.movie_id JOIN formats f ON f.id = sh.format_id JOIN screens sc ON sc.id = sh.screen_id WHERE sh.id = ?',
    )
    .get(sale.showId) as
    | { title: string; certification: string; format: string; screen: string; starts_at: number }
    | undefined;
  const seatOf = db.$client.prepare('SELECT label, row_label, number FROM seats WHERE id = ?');
  const typeOf = db.$client.prepare('SELECT name FROM ticket_types WHERE id = ?');
  return sale.lines.map((l, i) => {
    const seat = seatOf.get(l.seatId) as
      { label: string; row_label: string; number: number } | undefined;
    const line = sale.priced.tickets[i];
    const code =
      sign({
        ticketId: l.ticketId,
        showId: sale.showId,
        seatLabel: seat?.label ?? '',
        issuedAt: Date.now(),
      }) ?? `UNSIGNED:${l.ticketId}`;
    return {
      cinema: cinemaPrintInfo(cinema),
      movieTitle: show?.title ?? 'Film',
      certification: show?.certification ?? '',
      ...(show && show.format !== '2D' ? { format: show.format } : {}),
      screenName: show?.screen ?? '',
      startsAt: new Date(show?.starts_at ?? Date.now()).toISOString(),
      seat: seat ? { row: seat.row_label, number: String(seat.number) } : null,
      ticketType: (typeOf.get(l.ticketTypeId) as { name: string } | undefined)?.name ?? 'Ticket',
      priceMinor: line?.totalMinor ?? 0,
      taxes: (line?.taxes ?? []).map((t) => ({ label: taxLabel(t), amountMinor: t.amountMinor })),
      saleNumber: String(sale.saleNumber),
      reprintCount: 0,
      ticketCode: code,
      ticketId: l.ticketId,
    };
  });
}

/**
 * The receipt of a sale. Lines are at shelf price (inclusive taxes in), so a customer can add them
 * up: lines = subtotal, less the discount, plus added taxes = total.
 */
export function receiptPrint(
  db: LocalDb,
  cinema: CinemaInfo,
  sale: Pick<
    SaleRecord,
    'lines' | 'concessions' | 'priced' | 'saleNumber' | 'tenders' | 'changeDueMinor' | 'training'
  >,
  cashier: string,
): ReceiptPrintData {
  const typeOf = db.$client.prepare('SELECT name FROM ticket_types WHERE id = ?');
  const seatOf = db.$client.prepare('SELECT label FROM seats WHERE id = ?');
  const itemOf = db.$client.prepare('SELECT name FROM concession_items WHERE id = ?');
  const { priced } = sale;
  return {
    cinema: cinemaPrintInfo(cinema),
    saleNumber: saleNumberLabel(sale.saleNumber, sale.training),
    soldAt: new Date().toISOString(),
    cashier,
    lines: [
      ...sale.lines.map((l, i) => {
        const gross = priced.tickets[i]?.grossMinor ?? 0;
        const seat = (seatOf.get(l.seatId) as { label: string } | undefined)?.label ?? '';
        return {
          description: `${(typeOf.get(l.ticketTypeId) as { name: string } | undefined)?.name ?? 'Ticket'} ${seat}`,
          quantity: 1,
          unitPriceMinor: gross,
          totalMinor: gross,
        };
      }),
      ...sale.concessions.map((c, i) => {
        const line = priced.concessions[i];
        return {
          description: (itemOf.get(c.itemId) as { name: string } | undefined)?.name ?? 'Item',
          quantity: c.quantity,
          unitPriceMinor: line?.unitPriceMinor ?? 0,
          totalMinor: line?.grossMinor ?? 0,
        };
      }),
    ],
    subtotalMinor: priced.subtotalMinor,
    ...(priced.discount === null
      ? {}
      : { discount: { label: priced.discount.code, amountMinor: priced.discount.amountMinor } }),
    // A component with nothing on this sale (food tax on a tickets-only sale) is not printed.
    taxes: priced.taxes
      .filter((t) => t.amountMinor !== 0)
      .map((t) => ({ label: taxLabel(t), amountMinor: t.amountMinor, included: t.inclusive })),
    totalMinor: priced.totalMinor,
    tenders: sale.tenders.map((t) => ({
      kind: t.tender,
      label: TENDER_LABELS[t.tender],
      amountMinor: t.tender === 'cash' ? t.amountMinor + sale.changeDueMinor : t.amountMinor,
      ...(t.reference === undefined ? {} : { reference: t.reference }),
    })),
    changeMinor: sale.changeDueMinor,
    // Practice takes no money, so the drawer stays shut.
    openDrawer: !sale.training && sale.tenders.some((t) => t.tender === 'cash'),
    training: sale.training,
  };
}

/** What a void or refund gave back, as its slip needs it. */
export type RefundSlipInput = {
  kind: 'void' | 'refund';
  saleNumber: number | null;
  showId: string;
  tickets: { seatLabel: string; typeName: string; priceMinor: number }[];
  /** Food and drink that went back with the sale's last tickets. */
  concessions: { name: string; count: number; amountMinor: number }[];
  amountMinor: number;
  giveBack: GiveBackLine[];
  reason: string;
  cashier: string;
  approvedBy: string | null;
  training: boolean;
};

/** The refund slip (credit note) of a void or refund. */
export function refundSlipPrint(
  db: LocalDb,
  cinema: CinemaInfo,
  v: RefundSlipInput,
): RefundSlipPrintData {
  const show = db.$client
    .prepare(
      'SELECT m.title, sc.name AS screen, sh.starts_at FROM shows sh JOIN movies m ON m.id = sh.movie_id JOIN screens sc ON sc.id = sh.screen_id WHERE sh.id = ?',
    )
    .get(v.showId) as { title: string; screen: string; starts_at: number } | undefined;
  return {
    cinema: cinemaPrintInfo(cinema),
    kind: v.kind,
    saleNumber: saleNumberLabel(v.saleNumber, v.training),
    at: new Date().toISOString(),
    movieTitle: show?.title ?? 'Film',
    screenName: show?.screen ?? '',
    startsAt: new Date(show?.starts_at ?? Date.now()).toISOString(),
    lines: [
      ...v.tickets.map((t) => ({
        description: `${t.typeName} ${t.seatLabel}`,
        quantity: 1,
        unitPriceMinor: t.priceMinor,
        totalMinor: t.priceMinor,
      })),
      ...v.concessions.map((c) => ({
        description: c.name,
        quantity: c.count,
        unitPriceMinor: c.count === 0 ? 0 : divRound(c.amountMinor, c.count),
        totalMinor: c.amountMinor,
      })),
    ],
    totalMinor: v.amountMinor,
    giveBack: v.giveBack.map((g) => ({
      label: TENDER_LABELS[g.tender],
      how: GIVE_BACK_HOW[g.tender],
      amountMinor: g.amountMinor,
      ...(g.reference === null ? {} : { reference: g.reference }),
    })),
    reason: v.reason,
    cashier: v.cashier,
    ...(v.approvedBy === null ? {} : { approvedBy: v.approvedBy }),
    openDrawer: !v.training && v.giveBack.some((g) => g.tender === 'cash'),
    training: v.training,
  };
}
