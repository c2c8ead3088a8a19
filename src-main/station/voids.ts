// Voids and refunds (DESIGN §5, §7): a sale of this till's open session can be voided, offline too;
// anything else is a refund that needs a manager's PIN and the server, which checks that manager.
// Either way the money goes back the way it came (common/give-back.ts), a slip prints and the
// tickets are revoked at once.
import type { CinemaInfo, StaffInfo, VoidResult } from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import type { GiveBackLine } from '../../common/give-back.js';
import { giveBackOf } from './give-back-sources.js';
import type { LocalDb } from './local-db.js';
import { ask, type PrintPort, type SyncPort } from './ports.js';
import { refundSlipPrint } from './sale-prints.js';
import { saleView } from './sale-record.js';
import type { TillDetails, Tills } from './till.js';

export type VoidInput = {
  orderId: string;
  ticketIds?: string[] | undefined;
  reason: string;
  refund: boolean;
  managerPin?: string | undefined;
};

export type VoidDeps = {
  db: LocalDb;
  sync: SyncPort;
  tills: Tills;
  print: PrintPort;
  cinema: () => CinemaInfo;
  checkPin: (pin: string) => StaffInfo;
  onlineTimeoutMs?: number;
};

/** A valid ticket of the sale as a void reads it. */
type VoidTicket = {
  id: string;
  seat_id: string;
  seat_label: string;
  price_minor: number;
  tax_minor: number;
  show_id: string;
  type_name: string;
};

/** Who gives the money back and why, for the slip. */
type VoidPeople = { reason: string; cashier: string; approvedBy: string | null };

/**
 * What giving back a whole sale takes from the till besides its tickets: its food and drink, and the
 * taxes the sale recorded (a partial void leaves those with the tickets the customer keeps). A
 * training sale has no ticket rows, so its ticket types come from the sale's own record too.
 */
function wholeSaleReturn(
  db: LocalDb,
  orderId: string,
  training: boolean,
): { amountMinor: number; details: TillDetails } {
  const items = db.$client
    .prepare(
      "SELECT coalesce(c.name, 'Item') AS name, sum(i.quantity) AS count, sum(i.total_minor) AS amount FROM order_items i LEFT JOIN concession_items c ON c.id = i.concession_item_id WHERE i.order_id = ? GROUP BY 1",
    )
    .all(orderId) as { name: string; count: number; amount: number }[];
  const sale = db.$client
    .prepare(
      "SELECT details FROM till_events WHERE order_id = ? AND kind = 'sale' AND details IS NOT NULL LIMIT 1",
    )
    .get(orderId) as { details: string } | undefined;
  const recorded = sale === undefined ? {} : (JSON.parse(sale.details) as TillDetails);
  const concessions = items.map((i) => ({ name: i.name, count: i.count, amountMinor: i.amount }));
  const ticketTypes = training ? (recorded.ticketTypes ?? []) : [];
  const amountMinor = [...concessions, ...ticketTypes].reduce((a, x) => a + x.amountMinor, 0);
  return {
    amountMinor,
    details: {
      ...(recorded.taxes === undefined ? {} : { taxes: recorded.taxes }),
      ...(concessions.length === 0 ? {} : { concessions }),
      ...(ticketTypes.length === 0 ? {} : { ticketTypes }),
    },
  };
}

/** The station's void/refund operation. */
export function createVoids(deps: VoidDeps) {
  const { db, sync, tills, print } = deps;

  // Frees the seats, settles the sale, revokes the tickets, puts the money on the till per tender
  // and prints the slip: one transaction with the caller's outbox row, if any.
  const applyLocally = (
    orderId: string,
    tickets: VoidTicket[],
    kind: 'void' | 'refund',
    tillId: string | null,
    training: boolean,
    people: VoidPeople,
    who: { staffId: string; approvedBy: string | null },
  ): { giveBack: GiveBackLine[]; slipJobId: string } => {
    const status = kind === 'void' ? 'void' : 'refunded';
    const setTicket = db.$client.prepare('UPDATE tickets SET status = ? WHERE id = ?');
    const freeSeat = db.$client.prepare(
      "UPDATE show_seats SET state = 'available', ticket_id = NULL WHERE show_id = ? AND seat_id = ? AND ticket_id = ?",
    );
    for (const t of tickets) {
      setTicket.run(status, t.id);
      if (!training) freeSeat.run(t.show_id, t.seat_id, t.id);
    }
    const before = (
      db.$client.prepare('SELECT status FROM orders WHERE id = ?').get(orderId) as
        { status: string } | undefined
    )?.status;
    const remaining = db.$client
      .prepare("SELECT count(*) AS n FROM tickets WHERE order_id = ? AND status = 'valid'")
      .get(orderId) as { n: number };
    db.$client
      .prepare('UPDATE orders SET status = ? WHERE id = ?')
      .run(remaining.n > 0 ? 'partially_refunded' : status, orderId);
    // The last ticket given back takes the whole sale with it, once.
    const whole =
      remaining.n === 0 && before !== 'void' && before !== 'refunded'
        ? wholeSaleReturn(db, orderId, training && tickets.length === 0)
        : null;
    const amount = tickets.reduce((a, t) => a + t.price_minor, 0) + (whole?.amountMinor ?? 0);
    // Split before this void's own till events exist: they are what the next split subtracts.
    const giveBack = giveBackOf(db, orderId, amount);
    if (!training) {
      // Revoked at once, offline too: the server's revocation arrives later and changes nothing.
      const revoke = db.$client.prepare(
        'INSERT INTO revoked_tickets (ticket_id, show_id, status, revoked_at) VALUES (?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING',
      );
      for (const t of tickets) revoke.run(t.id, t.show_id, status, Date.now());
    }
    if (tillId !== null) {
      const byType = new Map<string, { count: number; amountMinor: number }>();
      for (const t of tickets) {
        const cur = byType.get(t.type_name) ?? { count: 0, amountMinor: 0 };
        byType.set(t.type_name, {
          count: cur.count + 1,
          amountMinor: cur.amountMinor + t.price_minor,
        });
      }
      const details: TillDetails = {
        ticketTypes: [...byType].map(([name, v]) => ({ name, ...v })),
        ...whole?.details,
      };
      // One event per tender the money goes back on; the details (ticket types, food, taxes) once.
      const lines = giveBack.length > 0 ? giveBack : [{ tender: 'cash', amountMinor: 0 }];
      lines.forEach((g, i) =>
        tills.record({
          tillId,
          kind,
          tender: g.tender,
          amountMinor: g.amountMinor,
          orderId,
          staffId: who.staffId,
          approvedBy: who.approvedBy,
          details: i === 0 ? details : null,
        }),
      );
    }
    const order = db.$client
      .prepare('SELECT sale_number, show_id FROM orders WHERE id = ?')
      .get(orderId) as { sale_number: number | null; show_id: string };
    const slipJobId = print.enqueue(
      'refund',
      refundSlipPrint(db, deps.cinema(), {
        kind,
        saleNumber: order.sale_number,
        showId: order.show_id,
        tickets: tickets.map((t) => ({
          seatLabel: t.seat_label,
          typeName: t.type_name,
          priceMinor: t.price_minor,
        })),
        concessions: [...(whole?.details.concessions ?? []), ...(whole?.details.ticketTypes ?? [])],
        amountMinor: amount,
        giveBack,
        ...people,
        training,
      }) as never,
    );
    return { giveBack, slipJobId };
  };

  return {
    /** Voids or refunds tickets of a sale; seats are free again. */
    async run(input: VoidInput, staff: StaffInfo): Promise<VoidResult> {
      const order = db.$client
        .prepare('SELECT id, training FROM orders WHERE id = ?')
        .get(input.orderId) as { id: string; training: number } | undefined;
      if (!order)
        throw new BoError(
          'BO_NOT_FOUND',
          'No such sale at this station. Look it up by its sale number.',
        );
      const tickets = db.$client
        .prepare(
          "SELECT t.id, t.seat_id, coalesce(s.label, '') AS seat_label, t.price_minor, t.tax_minor, t.show_id, tt.name AS type_name FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id LEFT JOIN seats s ON s.id = t.seat_id WHERE t.order_id = ? AND t.status = 'valid' ORDER BY s.label",
        )
        .all(input.orderId) as VoidTicket[];
      const chosen =
        input.ticketIds === undefined
          ? tickets
          : tickets.filter((t) => input.ticketIds?.includes(t.id));
      if (chosen.length === 0 && order.training === 0)
        throw new BoError('BO_TICKET_NOT_VALID', 'These tickets were voided or refunded already.');
      // The money goes back from the open till of the person doing it, never from nowhere.
      const open = tills.requireOpenFor(staff, {
        training: order.training === 1,
        action: 'give money back',
      });
      const inSession =
        db.$client
          .prepare("SELECT 1 FROM till_events WHERE till_id = ? AND order_id = ? AND kind = 'sale'")
          .get(open.id, input.orderId) !== undefined;
      const kind = input.refund || !inSession ? 'refund' : 'void';
      let manager: StaffInfo | null = null;
      if (kind === 'refund') {
        if (input.managerPin === undefined)
          throw new BoError(
            'BO_FORBIDDEN',
            'A refund needs a manager. Ask a manager to enter their PIN.',
          );
        manager = deps.checkPin(input.managerPin);
        if (manager.role === 'cashier')
          throw new BoError(
            'BO_FORBIDDEN',
            'That PIN is not a manager’s. A refund needs a manager’s PIN.',
          );
        if (!sync.isOnline())
          throw new BoError(
            'BO_UNAVAILABLE',
            'Refunds of other sales need the server, and this station is offline. Try again when the connection is back, or void a sale of this till session instead.',
          );
      }
      const payload = {
        ticketIds: chosen.map((t) => t.id),
        reason: input.reason,
        refund: kind === 'refund',
        staffId: staff.id,
        ...(manager === null ? {} : { approvedBy: manager.id }),
      };
      const tillId = open.id;
      const who = { staffId: staff.id, approvedBy: manager?.id ?? null };
      const people: VoidPeople = {
        reason: input.reason,
        cashier: staff.name,
        approvedBy: manager?.name ?? null,
      };
      let done: { giveBack: GiveBackLine[]; slipJobId: string };
      if (order.training === 1 || chosen.length === 0) {
        done = db.$client.transaction(() =>
          applyLocally(input.orderId, chosen, kind, tillId, true, people, who),
        )();
      } else if (sync.isOnline()) {
        const r = await ask(sync, 'void', payload, deps.onlineTimeoutMs ?? 8000);
        if (!r.ok) {
          if ('late' in r)
            throw new BoError(
              'BO_UNAVAILABLE',
              r.late
                ? 'The server did not answer in time; the void may still go through. Check the sale again in a minute.'
                : 'The server did not answer; nothing was voided. Try again.',
            );
          // The server's words are the cashier's; a refused approver stays a permission problem.
          throw new BoError(
            r.error.code === 'BO_FORBIDDEN' ? 'BO_FORBIDDEN' : 'BO_CONFLICT',
            r.error.message,
            { serverCode: r.error.code },
          );
        }
        done = db.$client.transaction(() =>
          applyLocally(input.orderId, chosen, kind, tillId, false, people, who),
        )();
      } else {
        done = db.$client.transaction(() => {
          sync.enqueue('void', payload, { offline: true });
          return applyLocally(input.orderId, chosen, kind, tillId, false, people, who);
        })();
      }
      const view = saleView(db, input.orderId);
      if (!view)
        throw new BoError(
          'BO_INTERNAL',
          'The void was recorded but the sale could not be read back.',
        );
      return { ...view, ...done };
    },
  };
}
