// Promo codes of a chain as managers edit them (issue 16): percent or fixed, a validity window, a
// usage limit, a minimum spend and the channels they may be used on. Every cinema of the chain's
// stations gets the row (the counter prices codes offline from its replica).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PromoInput, PromoView } from '../../common/api/admin-prices.js';
import type { z } from 'zod';
import type { promoListQuery } from '../../common/api/admin-prices.js';
import { BoError } from '../../common/errors.js';
import { chainOfStaff, conflict, invalid, recordEdit, rowChanges } from '../admin/edit.js';
import type { Actor } from '../services/audit.js';
import { withTx, type Queryable, type Tx } from '../services/tx.js';

type Row = {
  id: string;
  code: string;
  name: string;
  kind: 'percent' | 'fixed';
  value: number;
  currency: string | null;
  valid_from: Date | null;
  valid_to: Date | null;
  max_uses: number | null;
  uses: number;
  min_spend_minor: number | null;
  channels: PromoView['channels'];
  active: boolean;
};

const view = (r: Row): PromoView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  value: r.value,
  currency: r.currency,
  validFrom: r.valid_from?.toISOString() ?? null,
  validTo: r.valid_to?.toISOString() ?? null,
  maxUses: r.max_uses,
  uses: r.uses,
  minSpendMinor: r.min_spend_minor,
  channels: r.channels,
  active: r.active,
});

const COLS =
  'id, code, name, kind, value, currency, valid_from, valid_to, max_uses, uses, min_spend_minor, channels, active';
const SORTS = { code: 'lower(code)', name: 'lower(name)', validTo: 'valid_to', uses: 'uses' };

/** One page of the caller's chain's codes. */
export async function listPromos(
  pool: pg.Pool,
  staffId: string,
  q: z.infer<typeof promoListQuery>,
  now: Date,
): Promise<{ items: PromoView[]; total: number; page: number; pageSize: number }> {
  const chain = await chainOfStaff(pool, staffId);
  const values: unknown[] = [chain, now];
  const where = ['chain_id = $1'];
  if (q.q) {
    values.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(code ILIKE $${String(values.length)} OR name ILIKE $${String(values.length)})`);
  }
  if (q.status === 'current')
    where.push(
      'active AND (valid_to IS NULL OR valid_to > $2) AND (valid_from IS NULL OR valid_from <= $2)',
    );
  if (q.status === 'expired') where.push('valid_to IS NOT NULL AND valid_to <= $2');
  if (q.status === 'withdrawn') where.push('NOT active');
  const w = where.join(' AND ');
  const total = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM discounts WHERE ${w} AND $2::timestamptz IS NOT NULL`,
    values,
  );
  const rows = await pool.query<Row>(
    `SELECT ${COLS} FROM discounts WHERE ${w} AND $2::timestamptz IS NOT NULL
      ORDER BY ${SORTS[q.sort]} ${q.dir === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, id
      LIMIT ${String(q.pageSize)} OFFSET ${String((q.page - 1) * q.pageSize)}`,
    values,
  );
  return {
    items: rows.rows.map(view),
    total: total.rows[0]?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function one(db: Queryable, chain: string, id: string): Promise<Row> {
  const r = await db.query<Row>(`SELECT ${COLS} FROM discounts WHERE id = $1 AND chain_id = $2`, [
    id,
    chain,
  ]);
  const row = r.rows[0];
  if (!row) throw new BoError('BO_NOT_FOUND', 'There is no such promo code.');
  return row;
}

export async function getPromo(pool: pg.Pool, staffId: string, id: string): Promise<PromoView> {
  return view(await one(pool, await chainOfStaff(pool, staffId), id));
}

/** Checks what the contract cannot: the code is free, a fixed amount is in a currency of the chain. */
async function check(
  tx: Tx,
  chain: string,
  input: PromoInput,
  except: string | null,
): Promise<void> {
  const taken = await tx.query(
    'SELECT 1 FROM discounts WHERE upper(code) = upper($1) AND id IS DISTINCT FROM $2',
    [input.code, except],
  );
  if (taken.rowCount) throw conflict('/code', `The code ${input.code} is taken.`);
  if (input.currency !== null) {
    const c = await tx.query('SELECT 1 FROM cinemas WHERE chain_id = $1 AND currency = $2', [
      chain,
      input.currency,
    ]);
    if (!c.rowCount)
      throw invalid({ '/currency': 'is not the currency of any cinema of the chain' });
  }
}

async function changes(tx: Tx, chain: string, id: string) {
  const row = await tx.query<Record<string, unknown> & { id: string }>(
    'SELECT * FROM discounts WHERE id = $1',
    [id],
  );
  const cinemas = await tx.query<{ id: string }>('SELECT id FROM cinemas WHERE chain_id = $1', [
    chain,
  ]);
  const r = row.rows[0];
  return r
    ? rowChanges(
        'discounts',
        r,
        cinemas.rows.map((c) => c.id),
      )
    : [];
}

const VALUES = (p: PromoInput) => [
  p.code,
  p.name,
  p.kind,
  p.value,
  p.currency,
  p.validFrom,
  p.validTo,
  p.maxUses,
  p.minSpendMinor,
  JSON.stringify([...new Set(p.channels)]),
  p.active,
];

export async function createPromo(
  pool: pg.Pool,
  actor: Actor & { id: string },
  input: PromoInput,
  now: Date,
): Promise<PromoView> {
  return withTx(pool, async (tx) => {
    const chain = await chainOfStaff(tx, actor.id);
    await check(tx, chain, input, null);
    const id = randomUUID();
    await tx.query(
      `INSERT INTO discounts (id, chain_id, code, name, kind, value, currency, valid_from, valid_to, max_uses, min_spend_minor, channels, active, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [id, chain, ...VALUES(input), now],
    );
    const after = view(await one(tx, chain, id));
    await recordEdit(tx, {
      actor,
      action: 'promo.create',
      entity: 'discount',
      entityId: id,
      before: null,
      after,
      changes: await changes(tx, chain, id),
    });
    return after;
  });
}

export async function updatePromo(
  pool: pg.Pool,
  actor: Actor & { id: string },
  id: string,
  input: PromoInput,
  now: Date,
): Promise<PromoView> {
  return withTx(pool, async (tx) => {
    const chain = await chainOfStaff(tx, actor.id);
    await tx.query('SELECT 1 FROM discounts WHERE id = $1 FOR UPDATE', [id]);
    const before = view(await one(tx, chain, id));
    await check(tx, chain, input, id);
    if (input.maxUses !== null && input.maxUses < before.uses)
      throw invalid({ '/maxUses': `is below the ${String(before.uses)} uses so far` });
    await tx.query(
      `UPDATE discounts SET code = $2, name = $3, kind = $4, value = $5, currency = $6, valid_from = $7, valid_to = $8,
          max_uses = $9, min_spend_minor = $10, channels = $11, active = $12, updated_at = $13 WHERE id = $1`,
      [id, ...VALUES(input), now],
    );
    const after = view(await one(tx, chain, id));
    await recordEdit(tx, {
      actor,
      action: 'promo.update',
      entity: 'discount',
      entityId: id,
      before,
      after,
      changes: await changes(tx, chain, id),
    });
    return after;
  });
}
