// The audit trail (issue 17 item 6): audit_log rows filtered by who, what, cinema and time. The log
// has no cinema column (one writer for every kind of row), so a row's cinema is found from the
// entity it names, or from the cinemaId its before/after states carry once the entity is deleted.
import type pg from 'pg';
import type { AuditEntryView, AuditPage, auditQuery } from '../../common/api/admin-audit.js';
import type { z } from 'zod';

/** Who is reading: admins see every row; managers their cinemas' rows and their own actions. */
export type AuditReader = { staffId: string; admin: boolean; cinemaIds: readonly string[] };

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

// One lateral per row: the entity's id as a uuid when it is one, then its cinema (hold ids are text).
const CINEMA_OF = `
  LEFT JOIN LATERAL (SELECT CASE WHEN a.entity_id ~* ${UUID} THEN a.entity_id::uuid END AS eid) e ON true
  LEFT JOIN LATERAL (SELECT COALESCE(
      CASE WHEN a.entity = 'cinema' THEN e.eid END,
      CASE WHEN a.entity IN ('show', 'shows') THEN (SELECT cinema_id FROM shows WHERE id = e.eid) END,
      CASE WHEN a.entity = 'screen' THEN (SELECT cinema_id FROM screens WHERE id = e.eid) END,
      CASE WHEN a.entity = 'station' THEN (SELECT cinema_id FROM stations WHERE id = e.eid) END,
      CASE WHEN a.entity = 'price_card' THEN (SELECT cinema_id FROM price_cards WHERE id = e.eid) END,
      CASE WHEN a.entity = 'tax' THEN (SELECT cinema_id FROM taxes WHERE id = e.eid) END,
      CASE WHEN a.entity = 'concession_item' THEN (SELECT cinema_id FROM concession_items WHERE id = e.eid) END,
      CASE WHEN a.entity = 'booking' THEN (SELECT cinema_id FROM bookings WHERE id = e.eid) END,
      CASE WHEN a.entity = 'order' THEN (SELECT cinema_id FROM orders WHERE id = e.eid) END,
      CASE WHEN a.entity = 'hold' THEN (SELECT sh.cinema_id FROM holds h JOIN shows sh ON sh.id = h.show_id WHERE h.id = a.entity_id) END,
      CASE WHEN a.entity = 'staff' THEN (SELECT cinema_id FROM staff WHERE id = e.eid) END,
      CASE WHEN a.entity = 'seat_layout' THEN (SELECT s.cinema_id FROM seat_layouts l JOIN screens s ON s.id = l.screen_id WHERE l.id = e.eid) END,
      (SELECT v::uuid FROM (VALUES (a.details->'after'->>'cinemaId'), (a.details->'before'->>'cinemaId'), (a.details->>'cinemaId')) AS d(v)
        WHERE v ~* ${UUID} LIMIT 1)
    ) AS cinema_id) c ON true
  LEFT JOIN cinemas ci ON ci.id = c.cinema_id
  LEFT JOIN staff st ON a.actor_kind = 'staff' AND a.actor_id ~* ${UUID} AND st.id = a.actor_id::uuid`;

type Row = {
  id: string;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  channel: string;
  action: string;
  entity: string;
  entity_id: string;
  cinema_id: string | null;
  cinema_name: string | null;
  details: Record<string, unknown> | null;
  total: string;
};

/** One page of the audit trail, newest first, as `reader` may see it. */
export async function queryAudit(
  pool: pg.Pool,
  reader: AuditReader,
  q: z.output<typeof auditQuery>,
): Promise<AuditPage> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: (n: string) => string, v: unknown) => {
    values.push(v);
    where.push(sql(`$${String(values.length)}`));
  };
  if (!reader.admin) {
    values.push(reader.cinemaIds, reader.staffId);
    where.push(`(c.cinema_id = ANY($1::uuid[]) OR (a.actor_kind = 'staff' AND a.actor_id = $2))`);
  }
  if (q.actor !== undefined)
    add((n) => `(a.actor_id = ${n} OR st.name ILIKE '%' || ${n} || '%')`, q.actor);
  if (q.action !== undefined) add((n) => `starts_with(a.action, ${n})`, q.action);
  if (q.entity !== undefined) add((n) => `a.entity = ${n}`, q.entity);
  if (q.entityId !== undefined) add((n) => `a.entity_id = ${n}`, q.entityId);
  if (q.cinemaId !== undefined) add((n) => `c.cinema_id = ${n}::uuid`, q.cinemaId);
  if (q.from !== undefined) add((n) => `a.at >= ${n}::timestamptz`, q.from);
  if (q.to !== undefined) add((n) => `a.at < ${n}::timestamptz`, q.to);
  values.push(q.pageSize, (q.page - 1) * q.pageSize);
  const limit = `$${String(values.length - 1)}`;
  const offset = `$${String(values.length)}`;
  const r = await pool.query<Row>(
    `SELECT a.id, a.at, a.actor_kind, a.actor_id, st.name AS actor_name, a.channel, a.action, a.entity,
            a.entity_id, c.cinema_id, ci.name AS cinema_name, a.details, count(*) OVER () AS total
       FROM audit_log a ${CINEMA_OF}
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY a.at DESC, a.id DESC LIMIT ${limit} OFFSET ${offset}`,
    values,
  );
  let total = Number(r.rows[0]?.total ?? 0);
  if (r.rows.length === 0 && q.page > 1) {
    // Past the last page the window count is gone with the rows; count alone.
    const n = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log a ${CINEMA_OF} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
      values.slice(0, -2),
    );
    total = Number(n.rows[0]?.n ?? 0);
  }
  return { items: r.rows.map(view), total, page: q.page, pageSize: q.pageSize };
}

function view(r: Row): AuditEntryView {
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorName: r.actor_name,
    channel: r.channel,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    cinemaId: r.cinema_id,
    cinemaName: r.cinema_name,
    details: r.details,
  };
}
