// The audit trail (issue 17 item 6): admin edits appear with their before/after, filtered by who,
// what, cinema and time; a manager reads only their cinemas' rows, an admin every row.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../common/api/admin-audit.js';
import type { TaxView } from '../../common/api/admin-prices.js';
import { startAdminHarness, type AdminHarness } from '../../test/support/admin.js';

let h: AdminHarness;
let ours: TaxView;
let theirs: TaxView;
const tax = { name: 'VAT', rateBp: 2000, inclusive: true, itemClass: 'ticket' } as const;

beforeAll(async () => {
  h = await startAdminHarness();
  const a = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/taxes`, 'manager', tax);
  expect(a.status, a.body).toBe(201);
  ours = a.json<TaxView>();
  const edit = await h.call('PUT', `/admin/taxes/${ours.id}`, 'manager', { ...tax, rateBp: 500 });
  expect(edit.status, edit.body).toBe(200);
  const b = await h.call('POST', `/admin/cinemas/${h.otherCinemaId}/taxes`, 'managerOther', tax);
  expect(b.status, b.body).toBe(201);
  theirs = b.json<TaxView>();
}, 120_000);
afterAll(async () => {
  await h.close();
});

async function page(as: 'manager' | 'admin' | 'cashier', query: string) {
  const res = await h.call('GET', `/admin/audit?${query}`, as);
  return { status: res.status, page: res.status === 200 ? res.json<AuditPage>() : null };
}

describe('GET /admin/audit', () => {
  it('shows an edit with its cinema, who made it and its before/after', async () => {
    const { page: p } = await page('manager', `entityId=${ours.id}`);
    expect(p?.items.map((i) => i.action)).toHaveLength(2);
    const update = p?.items[0];
    expect(update).toMatchObject({
      entity: 'tax',
      cinemaId: h.fx.cinemaId,
      actorId: h.people.manager,
      channel: 'admin',
    });
    expect(update?.actorName).toBeTruthy();
    expect(update?.details).toMatchObject({ before: { rateBp: 2000 }, after: { rateBp: 500 } });
  });

  it('gives managers their cinemas only and admins every cinema', async () => {
    const mine = await page('manager', 'entity=tax');
    const ids = mine.page?.items.map((i) => i.entityId) ?? [];
    expect(ids).toContain(ours.id);
    expect(ids).not.toContain(theirs.id);
    const all = await page('admin', 'entity=tax');
    expect(all.page?.items.map((i) => i.entityId)).toEqual(
      expect.arrayContaining([ours.id, theirs.id]),
    );
    expect((await page('manager', `cinemaId=${h.otherCinemaId}`)).status).toBe(403);
    expect((await page('cashier', '')).status).toBe(403);
  });

  it('filters by cinema, actor, action prefix and time, and pages', async () => {
    const other = await page('admin', `cinemaId=${h.otherCinemaId}&entity=tax`);
    expect(other.page?.items.map((i) => i.entityId)).toEqual([theirs.id]);
    const byActor = await page('admin', `actor=${h.people.managerOther}`);
    expect(new Set(byActor.page?.items.map((i) => i.actorId))).toEqual(
      new Set([h.people.managerOther]),
    );
    const updates = await page('admin', 'action=tax.up');
    expect(updates.page?.items.every((i) => i.action.startsWith('tax.up'))).toBe(true);
    expect(updates.page?.total).toBeGreaterThan(0);
    const future = await page('admin', 'from=2999-01-01T00:00:00Z');
    expect(future.page).toMatchObject({ items: [], total: 0 });
    const past = await page('admin', 'to=2000-01-01T00:00:00Z');
    expect(past.page?.total).toBe(0);
    const one = await page('admin', 'entity=tax&pageSize=1&page=2');
    expect(one.page).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(one.page?.items).toHaveLength(1);
    const beyond = await page('admin', 'entity=tax&pageSize=1&page=9');
    expect(beyond.page).toMatchObject({ items: [], total: 3 });
  });

  it('finds the cinema of a row by its entity, or by its before state once the entity is gone', async () => {
    const gone = randomUUID();
    await h.rows(
      `INSERT INTO audit_log (actor_kind, channel, action, entity, entity_id, details) VALUES
         ('system', 'system', 'probe.show', 'show', $1, '{}'),
         ('system', 'system', 'probe.gone', 'price_card', $2, $3)`,
      [h.fx.showId, gone, JSON.stringify({ before: { cinemaId: h.otherCinemaId }, after: null })],
    );
    const all = await page('admin', 'action=probe.');
    const byAction = Object.fromEntries(all.page?.items.map((i) => [i.action, i.cinemaId]) ?? []);
    expect(byAction).toEqual({ 'probe.show': h.fx.cinemaId, 'probe.gone': h.otherCinemaId });
    const mine = await page('manager', 'action=probe.');
    expect(mine.page?.items.map((i) => i.action)).toEqual(['probe.show']);
  });

  it('refuses bad filters with 400', async () => {
    expect((await page('admin', 'from=yesterday')).status).toBe(400);
    expect((await page('admin', 'cinemaId=nope')).status).toBe(400);
    expect((await page('admin', 'colour=red')).status).toBe(400);
  });
});
