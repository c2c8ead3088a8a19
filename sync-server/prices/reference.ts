// What prices are made of besides cards (issue 16): the chain's ticket types, the formats'
// multipliers, a cinema's taxes and its concessions menu. Each edit is audited and sent to the
// stations that price with it (the counter prices from its replica).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type {
  ConcessionInput,
  ConcessionView,
  FormatPriceView,
  TaxInput,
  TaxView,
  TicketTypeInput,
  TicketTypeView,
} from '../../common/api/admin-prices.js';
import { BoError } from '../../common/errors.js';
import { chainOfStaff, conflict, invalid, recordEdit, rowChanges } from '../admin/edit.js';
import type { NewChange } from '../services/change-log.js';
import type { Actor } from '../services/audit.js';
import { withTx, type Queryable, type Tx } from '../services/tx.js';

type Staff = Actor & { id: string };

async function rowOf(tx: Queryable, table: string, id: string) {
  const r = await tx.query<Record<string, unknown> & { id: string }>(
    `SELECT * FROM ${table} WHERE id = $1`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such record.');
  return row;
}

/** Upserts (or a delete) of a row to the cinemas given, or every cinema of a chain. */
async function toCinemas(
  tx: Tx,
  table: string,
  id: string,
  where: { chainId?: string; cinemaId?: string; all?: true },
  deleted = false,
): Promise<NewChange[]> {
  const cinemas = await tx.query<{ id: string }>(
    where.all
      ? 'SELECT id FROM cinemas'
      : where.chainId !== undefined
        ? 'SELECT id FROM cinemas WHERE chain_id = $1'
        : 'SELECT id FROM cinemas WHERE id = $1',
    where.all ? [] : [where.chainId ?? where.cinemaId],
  );
  const ids = cinemas.rows.map((c) => c.id);
  if (deleted)
    return ids.map((cinemaId) => ({
      cinemaId,
      showId: null,
      entity: table,
      entityId: id,
      op: 'delete' as const,
      data: null,
    }));
  return rowChanges(table, await rowOf(tx, table, id), ids);
}

// Ticket types --------------------------------------------------------------------------------

const typeView = (r: Record<string, unknown>): TicketTypeView => ({
  id: r['id'] as string,
  code: r['code'] as string,
  name: r['name'] as string,
  multiplierBp: r['multiplier_bp'] as number,
  sortOrder: r['sort_order'] as number,
});

export async function listTicketTypes(pool: pg.Pool, staffId: string): Promise<TicketTypeView[]> {
  const chain = await chainOfStaff(pool, staffId);
  const r = await pool.query(
    'SELECT * FROM ticket_types WHERE chain_id = $1 ORDER BY sort_order, code',
    [chain],
  );
  return r.rows.map(typeView);
}

export async function saveTicketType(
  pool: pg.Pool,
  actor: Staff,
  id: string | null,
  input: Partial<TicketTypeInput>,
): Promise<TicketTypeView> {
  return withTx(pool, async (tx) => {
    const chain = await chainOfStaff(tx, actor.id);
    let before: TicketTypeView | null = null;
    if (id !== null) {
      const r = await tx.query(
        'SELECT * FROM ticket_types WHERE id = $1 AND chain_id = $2 FOR UPDATE',
        [id, chain],
      );
      if (!r.rows[0]) throw new BoError('BO_NOT_FOUND', 'There is no such ticket type.');
      before = typeView(r.rows[0] as Record<string, unknown>);
    }
    const next = { ...before, ...input } as TicketTypeInput;
    const taken = await tx.query(
      'SELECT 1 FROM ticket_types WHERE chain_id = $1 AND upper(code) = upper($2) AND id IS DISTINCT FROM $3',
      [chain, next.code, id],
    );
    if (taken.rowCount)
      throw conflict('/code', `The chain already has a ticket type ${next.code}.`);
    const key = id ?? randomUUID();
    await tx.query(
      `INSERT INTO ticket_types (id, chain_id, code, name, multiplier_bp, sort_order) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET code = $3, name = $4, multiplier_bp = $5, sort_order = $6`,
      [key, chain, next.code, next.name, next.multiplierBp, next.sortOrder],
    );
    const after = typeView(await rowOf(tx, 'ticket_types', key));
    await recordEdit(tx, {
      actor,
      action: id === null ? 'ticket_type.create' : 'ticket_type.update',
      entity: 'ticket_type',
      entityId: key,
      before,
      after,
      changes: await toCinemas(tx, 'ticket_types', key, { chainId: chain }),
    });
    return after;
  });
}

// Formats -------------------------------------------------------------------------------------

const formatView = (r: Record<string, unknown>): FormatPriceView => ({
  id: r['id'] as string,
  code: r['code'] as string,
  name: r['name'] as string,
  multiplierBp: r['multiplier_bp'] as number,
});

export async function listFormatPrices(pool: pg.Pool): Promise<FormatPriceView[]> {
  const r = await pool.query('SELECT * FROM formats ORDER BY multiplier_bp, code');
  return r.rows.map(formatView);
}

/** Formats are every chain's: only admins change them, and every station is told. */
export async function patchFormat(
  pool: pg.Pool,
  actor: Staff,
  id: string,
  patch: { name?: string | undefined; multiplierBp?: number | undefined },
): Promise<FormatPriceView> {
  return withTx(pool, async (tx) => {
    const before = formatView(await rowOf(tx, 'formats', id));
    await tx.query(
      'UPDATE formats SET name = COALESCE($2, name), multiplier_bp = COALESCE($3, multiplier_bp) WHERE id = $1',
      [id, patch.name ?? null, patch.multiplierBp ?? null],
    );
    const after = formatView(await rowOf(tx, 'formats', id));
    await recordEdit(tx, {
      actor,
      action: 'format.update',
      entity: 'format',
      entityId: id,
      before,
      after,
      changes: await toCinemas(tx, 'formats', id, { all: true }),
    });
    return after;
  });
}

// Taxes ---------------------------------------------------------------------------------------

const taxView = (r: Record<string, unknown>): TaxView => ({
  id: r['id'] as string,
  cinemaId: r['cinema_id'] as string,
  name: r['name'] as string,
  rateBp: r['rate_bp'] as number,
  inclusive: r['inclusive'] as boolean,
  itemClass: r['item_class'] as TaxView['itemClass'],
});

export async function listTaxes(pool: pg.Pool, cinemaId: string): Promise<TaxView[]> {
  const r = await pool.query(
    'SELECT * FROM taxes WHERE cinema_id = $1 ORDER BY item_class, name, id',
    [cinemaId],
  );
  return r.rows.map(taxView);
}

export async function saveTax(
  pool: pg.Pool,
  actor: Actor,
  where: { cinemaId: string } | { id: string },
  input: TaxInput,
): Promise<TaxView> {
  return withTx(pool, async (tx) => {
    const before = 'id' in where ? taxView(await rowOf(tx, 'taxes', where.id)) : null;
    const cinemaId = 'id' in where ? (before?.cinemaId ?? '') : where.cinemaId;
    const id = 'id' in where ? where.id : randomUUID();
    await tx.query(
      `INSERT INTO taxes (id, cinema_id, name, rate_bp, inclusive, item_class) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = $3, rate_bp = $4, inclusive = $5, item_class = $6`,
      [id, cinemaId, input.name, input.rateBp, input.inclusive, input.itemClass],
    );
    const after = taxView(await rowOf(tx, 'taxes', id));
    await recordEdit(tx, {
      actor,
      action: before ? 'tax.update' : 'tax.create',
      entity: 'tax',
      entityId: id,
      before,
      after,
      changes: await toCinemas(tx, 'taxes', id, { cinemaId }),
    });
    return after;
  });
}

export async function deleteTax(pool: pg.Pool, actor: Actor, id: string): Promise<void> {
  await withTx(pool, async (tx) => {
    const before = taxView(await rowOf(tx, 'taxes', id));
    await tx.query('DELETE FROM taxes WHERE id = $1', [id]);
    await recordEdit(tx, {
      actor,
      action: 'tax.delete',
      entity: 'tax',
      entityId: id,
      before,
      after: null,
      changes: await toCinemas(tx, 'taxes', id, { cinemaId: before.cinemaId }, true),
    });
  });
}

// Concessions ---------------------------------------------------------------------------------

const itemView = (r: Record<string, unknown>): ConcessionView => ({
  id: r['id'] as string,
  cinemaId: r['cinema_id'] as string,
  name: r['name'] as string,
  category: r['category'] as string,
  priceMinor: r['price_minor'] as number,
  currency: r['currency'] as string,
  comboOf: (r['combo_of'] as string[] | null) ?? null,
  active: r['active'] as boolean,
});

export async function listConcessions(pool: pg.Pool, cinemaId: string): Promise<ConcessionView[]> {
  const r = await pool.query(
    'SELECT * FROM concession_items WHERE cinema_id = $1 ORDER BY category, name, id',
    [cinemaId],
  );
  return r.rows.map(itemView);
}

export async function saveConcession(
  pool: pg.Pool,
  actor: Actor,
  where: { cinemaId: string } | { id: string },
  input: ConcessionInput,
): Promise<ConcessionView> {
  return withTx(pool, async (tx) => {
    const before = 'id' in where ? itemView(await rowOf(tx, 'concession_items', where.id)) : null;
    const cinemaId = 'id' in where ? (before?.cinemaId ?? '') : where.cinemaId;
    const id = 'id' in where ? where.id : randomUUID();
    const c = await tx.query<{ currency: string }>('SELECT currency FROM cinemas WHERE id = $1', [
      cinemaId,
    ]);
    const fields: Record<string, string> = {};
    if (c.rows[0]?.currency !== input.currency)
      fields['/currency'] = `is not the cinema’s currency (${c.rows[0]?.currency ?? '?'})`;
    if (input.comboOf !== null) {
      const parts = await tx.query<{ id: string; combo_of: unknown }>(
        'SELECT id, combo_of FROM concession_items WHERE id = ANY($1::uuid[]) AND cinema_id = $2',
        [input.comboOf, cinemaId],
      );
      input.comboOf.forEach((part, i) => {
        const p = parts.rows.find((x) => x.id === part);
        if (!p || part === id)
          fields[`/comboOf/${String(i)}`] = 'is not an item of this cinema’s menu';
        else if (p.combo_of !== null) fields[`/comboOf/${String(i)}`] = 'is a combo itself';
      });
    }
    if (Object.keys(fields).length > 0) throw invalid(fields);
    await tx.query(
      `INSERT INTO concession_items (id, cinema_id, name, category, price_minor, currency, combo_of, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = $3, category = $4, price_minor = $5, currency = $6, combo_of = $7, active = $8`,
      [
        id,
        cinemaId,
        input.name,
        input.category,
        input.priceMinor,
        input.currency,
        input.comboOf === null ? null : JSON.stringify(input.comboOf),
        input.active,
      ],
    );
    const after = itemView(await rowOf(tx, 'concession_items', id));
    await recordEdit(tx, {
      actor,
      action: before ? 'concession.update' : 'concession.create',
      entity: 'concession_item',
      entityId: id,
      before,
      after,
      changes: await toCinemas(tx, 'concession_items', id, { cinemaId }),
    });
    return after;
  });
}
