// Seat layouts, versioned (DESIGN §3, §13): a layout no show uses is changed in place; one that shows
// use is never changed, its save becomes the next version, active for new shows, and the shows keep
// the version they have. Placing and checking a drawn grid is common/layout-draft.ts, the same code
// the editor previews with, so the counter draws exactly what the manager saw.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { LayoutDraft, LayoutSummary, LayoutView } from '../../common/api/admin-layouts.js';
import { BoError } from '../../common/errors.js';
import { draftOfStored, draftProblems, placeDraft } from '../../common/layout-draft.js';
import type { SeatKind } from '../../common/seat-map.js';
import { invalid, recordEdit } from '../admin/edit.js';
import type { Actor } from '../services/audit.js';
import type { NewChange } from '../services/change-log.js';
import { withTx, type Tx } from '../services/tx.js';

type Db = pg.Pool | Tx;

const SUMMARY_SQL = `SELECT l.id, l.screen_id, l.name, l.version, l.active, l.supersedes_id, l.created_at,
  (SELECT count(*)::int FROM seats x WHERE x.layout_id = l.id) AS seat_count,
  (SELECT count(*)::int FROM seats x WHERE x.layout_id = l.id AND x.kind = 'wheelchair') AS wheelchair_count,
  (SELECT count(*)::int FROM seats x WHERE x.layout_id = l.id AND x.kind = 'companion') AS companion_count,
  (SELECT count(*)::int FROM seats x WHERE x.layout_id = l.id AND x.restricted_view) AS restricted_count,
  (SELECT count(*)::int FROM shows s WHERE s.layout_id = l.id) AS show_count,
  (SELECT count(*)::int FROM show_seats ss JOIN shows s ON s.id = ss.show_id WHERE s.layout_id = l.id AND ss.state IN ('sold', 'held')) AS sold_count
  FROM seat_layouts l`;
type SummaryRow = {
  id: string;
  screen_id: string;
  name: string;
  version: number;
  active: boolean;
  supersedes_id: string | null;
  created_at: Date;
  seat_count: number;
  wheelchair_count: number;
  companion_count: number;
  restricted_count: number;
  show_count: number;
  sold_count: number;
};
const summary = (r: SummaryRow): LayoutSummary => ({
  id: r.id,
  screenId: r.screen_id,
  name: r.name,
  version: r.version,
  active: r.active,
  supersedesId: r.supersedes_id,
  createdAt: r.created_at.toISOString(),
  seatCount: r.seat_count,
  wheelchairCount: r.wheelchair_count,
  companionCount: r.companion_count,
  restrictedCount: r.restricted_count,
  showCount: r.show_count,
  soldCount: r.sold_count,
});

/** Every version of a screen's layouts, newest first. */
export async function listLayouts(db: Db, screenId: string): Promise<LayoutSummary[]> {
  const r = await db.query<SummaryRow>(
    `${SUMMARY_SQL} WHERE l.screen_id = $1 ORDER BY l.created_at DESC, l.version DESC`,
    [screenId],
  );
  return r.rows.map(summary);
}

/** One version with its grid. */
export async function getLayout(db: Db, id: string): Promise<LayoutView> {
  const r = await db.query<SummaryRow & { width: number; blocks: { x: number; y: number }[] }>(
    `${SUMMARY_SQL.replace('SELECT l.id,', 'SELECT l.width, l.blocks, l.id,')} WHERE l.id = $1`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such layout.');
  const cats = await db.query<{ code: string; name: string; rank: number; color: string }>(
    'SELECT code, name, rank, color FROM seat_categories WHERE screen_id = $1 ORDER BY rank, code',
    [row.screen_id],
  );
  const rows = await db.query<{ label: string; sort_order: number; y: number; numbering: string }>(
    'SELECT label, sort_order, y, numbering FROM layout_rows WHERE layout_id = $1 ORDER BY sort_order',
    [id],
  );
  const seats = await db.query<{
    row_label: string;
    x: number;
    code: string;
    kind: SeatKind;
    restricted_view: boolean;
  }>(
    'SELECT s.row_label, s.x, c.code, s.kind, s.restricted_view FROM seats s JOIN seat_categories c ON c.id = s.category_id WHERE s.layout_id = $1',
    [id],
  );
  const used = new Set(seats.rows.map((s) => s.code));
  const draft = draftOfStored({
    name: row.name,
    width: row.width,
    // The screen's categories that this version uses, or all of them when it uses none.
    categories: cats.rows.filter((c) => used.size === 0 || used.has(c.code)),
    rows: rows.rows.map((x) => ({
      label: x.label,
      sortOrder: x.sort_order,
      y: x.y,
      numbering: x.numbering === 'rtl' ? 'rtl' : 'ltr',
    })),
    seats: seats.rows.map((s) => ({
      rowLabel: s.row_label,
      x: s.x,
      category: s.code,
      kind: s.kind,
      restrictedView: s.restricted_view,
    })),
    blocks: row.blocks,
  });
  return { ...summary(row), draft };
}

type Replica = Record<string, unknown> & { id: string };

/** Matches the draft's categories to the screen's by code: kept ids, updated looks, new rows. */
async function upsertCategories(
  tx: Tx,
  screenId: string,
  draft: LayoutDraft,
): Promise<{ ids: Map<string, string>; rows: Replica[] }> {
  const ids = new Map<string, string>();
  const rows: Replica[] = [];
  for (const c of draft.categories) {
    const r = await tx.query<Replica>(
      `INSERT INTO seat_categories (id, screen_id, code, name, rank, color)
       SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM seat_categories WHERE screen_id = $2 AND code = $3)
       RETURNING *`,
      [randomUUID(), screenId, c.code, c.name, c.rank, c.color],
    );
    const row =
      r.rows[0] ??
      (
        await tx.query<Replica>(
          'UPDATE seat_categories SET name = $3, rank = $4, color = $5 WHERE screen_id = $1 AND code = $2 RETURNING *',
          [screenId, c.code, c.name, c.rank, c.color],
        )
      ).rows[0];
    if (!row) throw new BoError('BO_CONFLICT', 'A category changed while saving; try again.');
    ids.set(c.code, row.id);
    rows.push(row);
  }
  return { ids, rows };
}

/** Writes the rows and seats of a placed draft into `layoutId`; returns the replica rows. */
async function writeSeats(
  tx: Tx,
  layoutId: string,
  draft: LayoutDraft,
  categoryIds: Map<string, string>,
): Promise<{ rows: Replica[]; seats: Replica[] }> {
  const placed = placeDraft(draft);
  const rowIds = new Map<string, string>();
  const rowValues = placed.rows.map((r) => {
    const id = randomUUID();
    rowIds.set(r.label, id);
    return [id, r.label, r.sortOrder, r.y, r.numbering] as const;
  });
  const rows = await tx.query<Replica>(
    `INSERT INTO layout_rows (id, layout_id, label, sort_order, y, numbering)
     SELECT r.id, $1, r.label, r.sort_order, r.y, r.numbering
     FROM unnest($2::uuid[], $3::text[], $4::int[], $5::int[], $6::text[]) AS r(id, label, sort_order, y, numbering)
     RETURNING *`,
    [layoutId, ...[0, 1, 2, 3, 4].map((i) => rowValues.map((v) => v[i]))],
  );
  const s = placed.seats;
  const seats = await tx.query<Replica>(
    `INSERT INTO seats (id, layout_id, row_id, row_label, number, label, category_id, kind, restricted_view, x, y)
     SELECT gen_random_uuid(), $1, s.row_id, s.row_label, s.number, s.label, s.category_id, s.kind, s.restricted, s.x, s.y
     FROM unnest($2::uuid[], $3::text[], $4::int[], $5::text[], $6::uuid[], $7::text[], $8::bool[], $9::int[], $10::int[])
       AS s(row_id, row_label, number, label, category_id, kind, restricted, x, y)
     RETURNING *`,
    [
      layoutId,
      s.map((x) => rowIds.get(x.rowLabel)),
      s.map((x) => x.rowLabel),
      s.map((x) => x.number),
      s.map((x) => x.label),
      s.map((x) => categoryIds.get(x.category)),
      s.map((x) => x.kind),
      s.map((x) => x.restrictedView),
      s.map((x) => x.x),
      s.map((x) => x.y),
    ],
  );
  return { rows: rows.rows, seats: seats.rows };
}

function checked(draft: LayoutDraft): void {
  const problems = draftProblems(draft);
  if (Object.keys(problems).length > 0) throw invalid(problems);
}

const upserts = (cinemaId: string, table: string, rows: readonly Replica[]): NewChange[] =>
  rows.map((row) => ({
    cinemaId,
    showId: null,
    entity: table,
    entityId: row.id,
    op: 'upsert',
    data: row,
  }));

async function screenOf(tx: Tx, screenId: string): Promise<{ cinemaId: string }> {
  // Locks the screen: two saves of its layouts take turns, so versions never repeat.
  const r = await tx.query<{ cinema_id: string }>(
    'SELECT cinema_id FROM screens WHERE id = $1 FOR UPDATE',
    [screenId],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such screen.');
  return { cinemaId: row.cinema_id };
}

/** Makes `layoutId` the one active layout of its screen; returns the layouts rows whose flag changed. */
async function activate(tx: Tx, screenId: string, layoutId: string): Promise<Replica[]> {
  const r = await tx.query<Replica>(
    `UPDATE seat_layouts SET active = (id = $2) WHERE screen_id = $1 AND active IS DISTINCT FROM (id = $2) RETURNING *`,
    [screenId, layoutId],
  );
  return r.rows;
}

const brief = (v: LayoutView) => ({
  name: v.name,
  version: v.version,
  active: v.active,
  seatCount: v.seatCount,
  wheelchairCount: v.wheelchairCount,
});

/** A new layout (version 1) for a screen, active for its new shows. */
export async function createLayout(
  pool: pg.Pool,
  actor: Actor,
  screenId: string,
  draft: LayoutDraft,
): Promise<LayoutView> {
  checked(draft);
  return withTx(pool, async (tx) => {
    const { cinemaId } = await screenOf(tx, screenId);
    const id = randomUUID();
    const placed = placeDraft(draft);
    await tx.query(
      `INSERT INTO seat_layouts (id, screen_id, name, width, height, active, version, blocks) VALUES ($1, $2, $3, $4, $5, false, 1, $6)`,
      [id, screenId, draft.name, placed.width, placed.height, JSON.stringify(placed.blocks)],
    );
    const cats = await upsertCategories(tx, screenId, draft);
    const written = await writeSeats(tx, id, draft, cats.ids);
    const flags = await activate(tx, screenId, id);
    const after = await getLayout(tx, id);
    await recordEdit(tx, {
      actor,
      action: 'layout.create',
      entity: 'seat_layout',
      entityId: id,
      before: null,
      after: { ...brief(after), draft },
      changes: [
        ...upserts(cinemaId, 'seat_categories', cats.rows),
        ...upserts(cinemaId, 'seat_layouts', flags),
        ...upserts(cinemaId, 'layout_rows', written.rows),
        ...upserts(cinemaId, 'seats', written.seats),
      ],
    });
    return after;
  });
}

/** Saves a layout: in place when no show uses it, else as the next version. */
export async function saveLayout(
  pool: pg.Pool,
  actor: Actor,
  layoutId: string,
  draft: LayoutDraft,
): Promise<{ outcome: 'in-place' | 'new-version'; layout: LayoutView }> {
  checked(draft);
  return withTx(pool, async (tx) => {
    const found = await tx.query<{ screen_id: string }>(
      'SELECT screen_id FROM seat_layouts WHERE id = $1',
      [layoutId],
    );
    const screenId = found.rows[0]?.screen_id;
    if (!screenId) throw new BoError('BO_NOT_FOUND', 'There is no such layout.');
    const { cinemaId } = await screenOf(tx, screenId);
    const before = await getLayout(tx, layoutId);
    const used = await tx.query('SELECT 1 FROM shows WHERE layout_id = $1 LIMIT 1', [layoutId]);
    const placed = placeDraft(draft);
    const cats = await upsertCategories(tx, screenId, draft);
    const changes: NewChange[] = upserts(cinemaId, 'seat_categories', cats.rows);
    let target = layoutId;
    let outcome: 'in-place' | 'new-version';
    if (used.rowCount) {
      outcome = 'new-version';
      target = randomUUID();
      const v = await tx.query<{ v: number }>(
        'SELECT max(version)::int AS v FROM seat_layouts WHERE screen_id = $1',
        [screenId],
      );
      await tx.query(
        `INSERT INTO seat_layouts (id, screen_id, name, width, height, active, version, supersedes_id, blocks)
         VALUES ($1, $2, $3, $4, $5, false, $6, $7, $8)`,
        [
          target,
          screenId,
          draft.name,
          placed.width,
          placed.height,
          (v.rows[0]?.v ?? 0) + 1,
          layoutId,
          JSON.stringify(placed.blocks),
        ],
      );
    } else {
      outcome = 'in-place';
      // Stations drop the seats first, then their rows (change-log order).
      const seatsGone = await tx.query<{ id: string }>(
        'DELETE FROM seats WHERE layout_id = $1 RETURNING id',
        [layoutId],
      );
      const rowsGone = await tx.query<{ id: string }>(
        'DELETE FROM layout_rows WHERE layout_id = $1 RETURNING id',
        [layoutId],
      );
      for (const [entity, gone] of [
        ['seats', seatsGone.rows],
        ['layout_rows', rowsGone.rows],
      ] as const)
        for (const g of gone)
          changes.push({
            cinemaId,
            showId: null,
            entity,
            entityId: g.id,
            op: 'delete',
            data: null,
          });
      await tx.query(
        'UPDATE seat_layouts SET name = $2, width = $3, height = $4, blocks = $5 WHERE id = $1',
        [layoutId, draft.name, placed.width, placed.height, JSON.stringify(placed.blocks)],
      );
    }
    const written = await writeSeats(tx, target, draft, cats.ids);
    await activate(tx, screenId, target);
    const layouts = await tx.query<Replica>('SELECT * FROM seat_layouts WHERE screen_id = $1', [
      screenId,
    ]);
    changes.push(
      ...upserts(cinemaId, 'seat_layouts', layouts.rows),
      ...upserts(cinemaId, 'layout_rows', written.rows),
      ...upserts(cinemaId, 'seats', written.seats),
    );
    const after = await getLayout(tx, target);
    await recordEdit(tx, {
      actor,
      action: outcome === 'in-place' ? 'layout.save' : 'layout.new-version',
      entity: 'seat_layout',
      entityId: target,
      before: { id: layoutId, ...brief(before), draft: before.draft },
      after: { id: target, ...brief(after), draft },
      changes,
    });
    return { outcome, layout: after };
  });
}

/** Makes a version the one new shows of its screen get. */
export async function activateLayout(
  pool: pg.Pool,
  actor: Actor,
  layoutId: string,
): Promise<LayoutView> {
  return withTx(pool, async (tx) => {
    const found = await tx.query<{ screen_id: string }>(
      'SELECT screen_id FROM seat_layouts WHERE id = $1',
      [layoutId],
    );
    const screenId = found.rows[0]?.screen_id;
    if (!screenId) throw new BoError('BO_NOT_FOUND', 'There is no such layout.');
    const { cinemaId } = await screenOf(tx, screenId);
    const before = await getLayout(tx, layoutId);
    const flags = await activate(tx, screenId, layoutId);
    const after = await getLayout(tx, layoutId);
    await recordEdit(tx, {
      actor,
      action: 'layout.activate',
      entity: 'seat_layout',
      entityId: layoutId,
      before: brief(before),
      after: brief(after),
      changes: upserts(cinemaId, 'seat_layouts', flags),
    });
    return after;
  });
}
