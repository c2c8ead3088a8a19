// A signed-in customer's notification list (DESIGN §9). A new row and its push go out together:
// the NOTIFY sits in the INSERT's own statement, so PostgreSQL delivers it to every server process
// when, and only if, the transaction that wrote the row commits.
import { randomUUID } from 'node:crypto';
import { BoError } from '../../../common/errors.js';
import type { NotificationView } from '../../../common/api/notifications.js';
import type { Queryable } from '../../services/tx.js';

/** The channel every server process LISTENs on for new notifications. */
export const PUSH_CHANNEL = 'marquee_push';

/** One notification of a customer's list. */
export type Notification = {
  id: string;
  customerId: string;
  kind: string;
  title: string;
  body: string;
  bookingId: string | null;
  createdAt: Date;
  readAt: Date | null;
};

/** What addNotification needs; `id` makes a retried call the same notification. */
export type NewNotification = {
  customerId: string;
  kind: string;
  title: string;
  body: string;
  bookingId: string | null;
  id?: string;
};

type Row = {
  id: string;
  customer_id: string;
  kind: string;
  title: string;
  body: string;
  booking_id: string | null;
  created_at: Date;
  read_at: Date | null;
};

const COLUMNS = 'id, customer_id, kind, title, body, booking_id, created_at, read_at';
// PostgreSQL refuses NOTIFY payloads of 8000 bytes or more: a longer notification is announced by
// id only and each process that has a socket for its customer reads it back.
const MAX_PAYLOAD = 7900;

const fromRow = (r: Row): Notification => ({
  id: r.id,
  customerId: r.customer_id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  bookingId: r.booking_id,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** The notification as clients see it (no customer id: it is always their own). */
export function notificationView(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    bookingId: n.bookingId,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt === null ? null : n.readAt.toISOString(),
  };
}

/**
 * Adds a notification to a customer's list and, in the same statement, announces it on
 * `marquee_push` (delivered on commit). Called again with the same `id`, it changes nothing and
 * returns the stored row, so a retrying worker never lists or pushes it twice.
 */
export async function addNotification(db: Queryable, n: NewNotification): Promise<Notification> {
  const id = n.id ?? randomUUID();
  const r = await db.query<Row>({
    name: 'notify_inbox_add',
    text: `WITH ins AS (
        INSERT INTO notifications (id, customer_id, kind, title, body, booking_id)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (id) DO NOTHING
        RETURNING ${COLUMNS}
      ), msg AS (
        SELECT ins.*, json_build_object('id', id, 'customerId', customer_id, 'kind', kind,
          'title', title, 'body', body, 'bookingId', booking_id, 'createdAt', created_at,
          'readAt', read_at)::text AS full_json
        FROM ins
      )
      SELECT ${COLUMNS}, pg_notify('${PUSH_CHANNEL}', CASE WHEN octet_length(full_json) <= ${String(MAX_PAYLOAD)}
        THEN full_json ELSE json_build_object('id', id, 'customerId', customer_id)::text END)
      FROM msg`,
    values: [id, n.customerId, n.kind, n.title, n.body, n.bookingId],
  });
  const row = r.rows[0];
  if (row !== undefined) return fromRow(row);
  const existing = await readNotification(db, n.customerId, id);
  if (existing === null)
    throw new BoError('BO_CONFLICT', 'That notification id is taken by another customer.');
  return existing;
}

/** One notification of a customer, or null (unknown, or someone else's). */
export async function readNotification(
  db: Queryable,
  customerId: string,
  id: string,
): Promise<Notification | null> {
  const r = await db.query<Row>({
    name: 'notify_inbox_read_one',
    text: `SELECT ${COLUMNS} FROM notifications WHERE id = $1 AND customer_id = $2`,
    values: [id, customerId],
  });
  const row = r.rows[0];
  return row === undefined ? null : fromRow(row);
}

/** A page of a customer's list, newest first, and the cursor of the next (older) page. */
export async function listNotifications(
  db: Queryable,
  customerId: string,
  page: { limit: number; before?: string | undefined },
): Promise<{ items: Notification[]; next: string | null }> {
  // Keyset paging on (created_at, id): rows added meanwhile never shift or repeat a page. A cursor
  // that is not one of this customer's rows finds nothing rather than someone else's position.
  const r = await db.query<Row>({
    name: 'notify_inbox_list',
    text: `SELECT ${COLUMNS} FROM notifications
      WHERE customer_id = $1
        AND ($2::uuid IS NULL OR (created_at, id) <
          (SELECT created_at, id FROM notifications WHERE id = $2 AND customer_id = $1))
      ORDER BY created_at DESC, id DESC
      LIMIT $3`,
    values: [customerId, page.before ?? null, page.limit + 1],
  });
  const items = r.rows.slice(0, page.limit).map(fromRow);
  const next = r.rows.length > page.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, next };
}

/** How many of a customer's notifications are unread. */
export async function unreadCount(db: Queryable, customerId: string): Promise<number> {
  const r = await db.query<{ n: number }>({
    name: 'notify_inbox_unread',
    text: 'SELECT count(*)::int AS n FROM notifications WHERE customer_id = $1 AND read_at IS NULL',
    values: [customerId],
  });
  return r.rows[0]?.n ?? 0;
}

/** Marks one of a customer's notifications read (again: keeps the first time); BO_NOT_FOUND if not theirs. */
export async function markRead(
  db: Queryable,
  customerId: string,
  id: string,
  now: Date,
): Promise<Notification> {
  const r = await db.query<Row>({
    name: 'notify_inbox_mark',
    text: `UPDATE notifications SET read_at = COALESCE(read_at, $3)
      WHERE id = $1 AND customer_id = $2 RETURNING ${COLUMNS}`,
    values: [id, customerId, now],
  });
  const row = r.rows[0];
  if (row === undefined) throw new BoError('BO_NOT_FOUND', 'No such notification.');
  return fromRow(row);
}

/** Marks every unread notification of a customer read; returns how many it marked. */
export async function markAllRead(db: Queryable, customerId: string, now: Date): Promise<number> {
  const r = await db.query({
    name: 'notify_inbox_mark_all',
    text: 'UPDATE notifications SET read_at = $2 WHERE customer_id = $1 AND read_at IS NULL',
    values: [customerId, now],
  });
  return r.rowCount ?? 0;
}
