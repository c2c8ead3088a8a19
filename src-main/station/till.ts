// Tills (DESIGN §7): a till belongs to one staff member at this station. It opens with a float;
// sales, voids, refunds and drops land on it naming who did them; it closes with a (blind) count,
// and a variance over the cinema's limit needs a manager. A training till's sales never count.
import { randomUUID } from 'node:crypto';
import type { StaffInfo, TillInfo, ZReport } from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import { TENDER_LABELS, type CounterTender } from '../../common/tenders.js';
import { formatMoney } from '../../common/money.js';
import type { LocalDb } from './local-db.js';
import type { TillUpload } from '../../common/till-upload.js';
import { buildTillReport, staffNameOf, type TillDetails, type TillRow } from './till-report.js';
import { tillUploadOf } from './till-upload.js';

export type { TillDetails } from './till-report.js';

/** One money movement of a sale, void or refund, as it lands on a till. */
export type TillEventInput = {
  tillId: string;
  kind: 'sale' | 'refund' | 'void';
  tender: string;
  amountMinor: number;
  orderId: string;
  /** Who did it: always the owner of the till it lands on. */
  staffId: string;
  /** The manager who approved it, when one had to. */
  approvedBy?: string | null | undefined;
  details: TillDetails | null;
  reference?: string | undefined;
};

/** What closing a till takes: the count per tender and, for a variance over the limit, a note. */
export type TillCloseInput = {
  counted: Partial<Record<CounterTender, number>>;
  note?: string | undefined;
};

const isManager = (s: StaffInfo | null): s is StaffInfo =>
  s !== null && (s.role === 'manager' || s.role === 'admin');

/** Till operations on the station's SQLite. */
export function createTills(
  db: LocalDb,
  currency: () => string,
  /** Queues the till's upload to the server (inside the caller's SQLite transaction). */
  upload: (payload: TillUpload) => void = () => undefined,
) {
  const c = db.$client;
  const send = (tillId: string) => {
    const payload = tillUploadOf(db, tillId, currency());
    if (payload !== null) upload(payload);
  };
  const openRow = () =>
    c
      .prepare('SELECT * FROM tills WHERE closed_at IS NULL ORDER BY opened_at DESC LIMIT 1')
      .get() as TillRow | undefined;
  const settings = () => {
    const row = c
      .prepare('SELECT blind_close, till_variance_limit_minor, locale FROM cinemas LIMIT 1')
      .get() as
      { blind_close: number; till_variance_limit_minor: number; locale: string } | undefined;
    return {
      blindClose: row ? row.blind_close === 1 : true,
      varianceLimitMinor: row?.till_variance_limit_minor ?? 1000,
      locale: row?.locale ?? 'en',
    };
  };
  const info = (t: TillRow | undefined): TillInfo => {
    if (!t) return null;
    const s = settings();
    return {
      id: t.id,
      openedAt: new Date(t.opened_at).toISOString(),
      staffId: t.staff_id,
      staffName: staffNameOf(db, t.staff_id),
      training: t.training === 1,
      float: JSON.parse(t.float) as Record<string, number>,
      blindClose: s.blindClose,
      varianceLimitMinor: s.varianceLimitMinor,
    };
  };
  const notYours = (t: TillRow, what: string) =>
    new BoError(
      'BO_TILL_NOT_YOURS',
      `The open till here is ${staffNameOf(db, t.staff_id)}’s, so you cannot ${what} on it. ${staffNameOf(db, t.staff_id)} counts and closes it (or a manager closes it for them); then open your own till.`,
      { ownerId: t.staff_id, ownerName: staffNameOf(db, t.staff_id) },
    );
  const addEvent = c.prepare(
    'INSERT INTO till_events (id, till_id, kind, tender, amount_minor, order_id, reference, staff_id, approved_by, details, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const money = (minor: number) => formatMoney(minor, currency(), settings().locale);

  const tills = {
    /** The open till of this station and whose it is, or null. */
    current: (): TillInfo => info(openRow()),

    /**
     * The open till of `staff` at this station, for money they take or give back. BO_TILL_NOT_OPEN
     * when none is open (or it is a training till and the money is real, or the reverse);
     * BO_TILL_NOT_YOURS when the open till is someone else's.
     */
    requireOpenFor(
      staff: StaffInfo,
      opts: { training?: boolean; action?: string } = {},
    ): { id: string; training: boolean } {
      const t = openRow();
      if (!t)
        throw new BoError(
          'BO_TILL_NOT_OPEN',
          'Open your till first (F4, count the float, Enter), then try again.',
        );
      if (t.staff_id !== staff.id) throw notYours(t, opts.action ?? 'sell or give money back');
      const training = t.training === 1;
      if (opts.training !== undefined && opts.training !== training)
        throw new BoError(
          'BO_TILL_NOT_OPEN',
          training
            ? 'Your till is a training till, and this is a real sale: its money cannot go back from a practice drawer. Close the training till, open your real till, then try again.'
            : 'This was a training sale: it took no real money. Give it back from a training till.',
        );
      return { id: t.id, training };
    },

    /** Opens a till of `staff` with a float per tender; one open till per station. */
    open(
      staff: StaffInfo,
      float: Partial<Record<CounterTender, number>>,
      training: boolean,
    ): TillInfo {
      const open = openRow();
      if (open && open.staff_id === staff.id)
        throw new BoError('BO_CONFLICT', 'Your till is open already. Press F2 to sell.');
      if (open) throw notYours(open, 'open another till');
      const id = randomUUID();
      const now = Date.now();
      c.transaction(() => {
        c.prepare(
          'INSERT INTO tills (id, staff_id, opened_at, training, float) VALUES (?, ?, ?, ?, ?)',
        ).run(id, staff.id, now, training ? 1 : 0, JSON.stringify(float));
        addEvent.run(
          randomUUID(),
          id,
          'open',
          'cash',
          float.cash ?? 0,
          null,
          null,
          staff.id,
          null,
          null,
          now,
        );
        send(id);
      })();
      return info(openRow());
    },

    /** Records a money movement of a sale, refund or void (inside the caller's transaction). */
    record(e: TillEventInput): void {
      addEvent.run(
        randomUUID(),
        e.tillId,
        e.kind,
        e.tender,
        e.amountMinor,
        e.orderId,
        e.reference ?? null,
        e.staffId,
        e.approvedBy ?? null,
        e.details ? JSON.stringify(e.details) : null,
        Date.now(),
      );
    },

    /** Records a cash drop from the signed-in person's own till. */
    drop(staff: StaffInfo, amountMinor: number, reference: string | undefined): TillInfo {
      const t = tills.requireOpenFor(staff, { action: 'record a cash drop' });
      const row = openRow();
      const cash = row
        ? buildTillReport(db, row, currency(), false).perTender.find((p) => p.tender === 'cash')
        : undefined;
      if (cash?.expected != null && amountMinor > cash.expected)
        throw new BoError(
          'BO_VALIDATION',
          'That is more cash than the drawer should hold. Count the drop again.',
        );
      c.transaction(() => {
        addEvent.run(
          randomUUID(),
          t.id,
          'drop',
          'cash',
          amountMinor,
          null,
          reference ?? null,
          staff.id,
          null,
          null,
          Date.now(),
        );
        send(t.id);
      })();
      return info(openRow());
    },

    /**
     * Closes the open till with the count. The owner closes their own; a manager (signed in, or
     * `approver` by PIN) closes anyone's. A difference over the cinema's limit in any tender needs a
     * manager (`approver`, or the signed-in manager closing someone else's till) and a note;
     * without them nothing changes and BO_TILL_VARIANCE carries the differences to show.
     */
    close(staff: StaffInfo, input: TillCloseInput, approver: StaffInfo | null): ZReport {
      const t = openRow();
      if (!t) throw new BoError('BO_TILL_NOT_OPEN', 'No till is open on this station.');
      if (approver !== null && !isManager(approver))
        throw new BoError(
          'BO_FORBIDDEN',
          'That PIN is not a manager’s. A manager enters their own PIN to approve.',
        );
      const manager = isManager(approver) ? approver : isManager(staff) ? staff : null;
      if (t.staff_id !== staff.id && manager === null) throw notYours(t, 'close it yourself');
      const counted = JSON.stringify(input.counted);
      const preview = buildTillReport(db, { ...t, counted }, currency(), false);
      const limit = settings().varianceLimitMinor;
      const over = preview.perTender.filter((p) => Math.abs(p.difference ?? 0) > limit);
      // A manager signs off a variance on someone else's till; on their own, another manager's PIN.
      const signer = approver ?? (manager !== null && t.staff_id !== manager.id ? manager : null);
      if (over.length > 0 && signer !== null && signer.id === t.staff_id)
        throw new BoError(
          'BO_FORBIDDEN',
          'A till’s owner cannot sign off its own variance. Another manager enters their PIN.',
        );
      if (over.length > 0 && (signer === null || input.note === undefined)) {
        const words = over
          .map(
            (p) =>
              `${TENDER_LABELS[p.tender as CounterTender]} ${(p.difference ?? 0) < 0 ? 'short by' : 'over by'} ${money(Math.abs(p.difference ?? 0))}`,
          )
          .join(', ');
        throw new BoError(
          'BO_TILL_VARIANCE',
          `The count differs from what the till expects: ${words}. That is more than the ${money(limit)} a till may close with alone. A manager enters their PIN and a note to close it, or count again.`,
          {
            limitMinor: limit,
            differences: preview.perTender.map((p) => ({
              tender: p.tender,
              expected: p.expected,
              counted: p.counted,
              difference: p.difference,
            })),
          },
        );
      }
      c.transaction(() => {
        c.prepare(
          'UPDATE tills SET closed_at = ?, counted = ?, closed_by = ?, variance_approved_by = ?, variance_note = ? WHERE id = ?',
        ).run(
          Date.now(),
          counted,
          t.staff_id === staff.id || manager === null ? staff.id : manager.id,
          over.length > 0 ? (signer?.id ?? null) : null,
          input.note ?? null,
          t.id,
        );
        send(t.id);
      })();
      return tills.report(staff, t.id);
    },

    /**
     * The report of a till: the open one (X-report) by default, else a given or the last closed one.
     * On a blind-close cinema a cashier does not see the expected amounts of an open till.
     */
    report(viewer: StaffInfo | null, tillId?: string): ZReport {
      const t =
        (tillId === undefined
          ? openRow()
          : (c.prepare('SELECT * FROM tills WHERE id = ?').get(tillId) as TillRow | undefined)) ??
        (c.prepare('SELECT * FROM tills ORDER BY opened_at DESC LIMIT 1').get() as
          TillRow | undefined);
      if (!t) throw new BoError('BO_NOT_FOUND', 'No till has been opened on this station yet.');
      return buildTillReport(db, t, currency(), settings().blindClose && !isManager(viewer));
    },
  };
  return tills;
}

export type Tills = ReturnType<typeof createTills>;
