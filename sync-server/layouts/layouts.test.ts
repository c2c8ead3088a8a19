// Issue 15: seat layouts are drawn, checked and versioned: a layout no show uses changes in place, a
// layout with sales becomes a new version while its show keeps its map; every write is audited and
// reaches the cinema's stations through the change log. Real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayoutSaved, LayoutSummary, LayoutView } from '../../common/api/admin-layouts.js';
import { startAdminHarness, type AdminHarness } from '../../test/support/admin.js';
import { acceptanceDraft } from '../../test/support/layout-drafts.js';

let h: AdminHarness;
let screenId = '';
beforeAll(async () => {
  h = await startAdminHarness();
  const r = await h.rows<{ screen_id: string }>(
    'SELECT screen_id FROM seat_layouts WHERE id = $1',
    [h.fx.layoutId],
  );
  screenId = r[0]?.screen_id ?? '';
});
afterAll(async () => {
  await h.close();
});

type Refusal = { error: { code: string; details?: { fields: Record<string, string> } } };

describe('seat layouts', () => {
  let created: LayoutView;

  it('draws the 120-seat room: numbered seats, categories, wheelchair pairs, a pillar; audited and sent to stations', async () => {
    const res = await h.call(
      'POST',
      `/admin/screens/${screenId}/layouts`,
      'manager',
      acceptanceDraft(),
    );
    expect(res.status, res.body).toBe(201);
    created = res.json<LayoutView>();
    expect(created).toMatchObject({
      version: 1,
      active: true,
      seatCount: 120,
      wheelchairCount: 2,
      companionCount: 2,
    });
    expect(created.draft).toEqual(acceptanceDraft());
    const labels = await h.rows<{ label: string; kind: string }>(
      "SELECT label, kind FROM seats WHERE layout_id = $1 AND row_label = 'A' ORDER BY x",
      [created.id],
    );
    expect(labels.map((s) => s.label)).toEqual(
      Array.from({ length: 12 }, (_, i) => `A${String(i + 1)}`),
    );
    expect(labels.map((s) => s.kind).slice(4, 8)).toEqual([
      'companion',
      'wheelchair',
      'wheelchair',
      'companion',
    ]);
    const layouts = (await h.call('GET', `/admin/screens/${screenId}/layouts`, 'manager')).json<
      LayoutSummary[]
    >();
    // The fixture's layout is no longer the one new shows get.
    expect(layouts.filter((l) => l.active).map((l) => l.id)).toEqual([created.id]);
    expect((await h.audit(created.id)).map((a) => a.action)).toEqual(['layout.create']);
    const sent = await h.rows<{ entity: string; n: number }>(
      "SELECT entity, count(*)::int AS n FROM change_log WHERE cinema_id = $1 AND entity IN ('seats', 'layout_rows', 'seat_layouts', 'seat_categories') AND seq > 0 GROUP BY entity ORDER BY entity",
      [h.fx.cinemaId],
    );
    expect(Object.fromEntries(sent.map((s) => [s.entity, s.n]))).toMatchObject({
      seats: 120,
      layout_rows: 10,
    });
  });

  it('refuses a layout that breaks a rule, naming the cells, and writes nothing', async () => {
    const before = await h.rows('SELECT count(*)::int AS n FROM seat_layouts');
    const draft = acceptanceDraft();
    const a = draft.rows[0];
    const b = draft.rows[1];
    if (!a || !b) throw new Error('draft');
    a.cells[4] = null; // the left wheelchair place loses its companion
    b.label = 'A'; // two rows called A
    const res = await h.call('POST', `/admin/screens/${screenId}/layouts`, 'manager', draft);
    expect(res.status).toBe(400);
    expect(res.json<Refusal>().error.details?.fields).toEqual({
      '/rows/0/cells/5': 'is a wheelchair place without a companion seat beside it',
      '/rows/1/label': 'is the label of another row',
    });
    const empty = await h.call('POST', `/admin/screens/${screenId}/layouts`, 'manager', {
      ...acceptanceDraft(),
      rows: [{ label: 'A', numbering: 'ltr', cells: Array.from({ length: 13 }, () => null) }],
    });
    expect(empty.json<Refusal>().error.details?.fields).toHaveProperty('/rows');
    expect(await h.rows('SELECT count(*)::int AS n FROM seat_layouts')).toEqual(before);
  });

  it('saves in place while no show uses the layout', async () => {
    const draft = acceptanceDraft('Main room, renumbered');
    for (const r of draft.rows) r.numbering = 'rtl';
    const res = await h.call('PUT', `/admin/layouts/${created.id}`, 'manager', draft);
    expect(res.status, res.body).toBe(200);
    const saved = res.json<LayoutSaved>();
    expect(saved.outcome).toBe('in-place');
    expect(saved.layout).toMatchObject({
      id: created.id,
      version: 1,
      name: 'Main room, renumbered',
    });
    const a1 = await h.rows<{ x: number }>(
      "SELECT x FROM seats WHERE layout_id = $1 AND label = 'A1'",
      [created.id],
    );
    const a12 = await h.rows<{ x: number }>(
      "SELECT x FROM seats WHERE layout_id = $1 AND label = 'A12'",
      [created.id],
    );
    expect((a1[0]?.x ?? 0) > (a12[0]?.x ?? 0)).toBe(true);
    // The stations drop the old seats.
    expect(
      (await h.rows("SELECT 1 FROM change_log WHERE entity = 'seats' AND op = 'delete'")).length,
    ).toBe(120);
  });

  it('makes a new version of a layout with sales; the show keeps its map', async () => {
    const show = h.fx.showId;
    await h.rows("UPDATE show_seats SET state = 'sold' WHERE show_id = $1 AND seat_id = $2", [
      show,
      h.fx.seatIds[0],
    ]);
    const seatsBefore = await h.rows(
      'SELECT seat_id, state FROM show_seats WHERE show_id = $1 ORDER BY seat_id',
      [show],
    );
    const fixture = (
      await h.call('GET', `/admin/layouts/${h.fx.layoutId}`, 'manager')
    ).json<LayoutView>();
    expect(fixture.soldCount).toBe(1);
    const res = await h.call(
      'PUT',
      `/admin/layouts/${h.fx.layoutId}`,
      'manager',
      acceptanceDraft('Fixture room v2'),
    );
    expect(res.status, res.body).toBe(200);
    const saved = res.json<LayoutSaved>();
    expect(saved.outcome).toBe('new-version');
    expect(saved.layout).toMatchObject({
      supersedesId: h.fx.layoutId,
      active: true,
      seatCount: 120,
    });
    expect(saved.layout.version).toBeGreaterThan(1);
    expect(saved.layout.id).not.toBe(h.fx.layoutId);
    expect(await h.rows('SELECT layout_id FROM shows WHERE id = $1', [show])).toEqual([
      { layout_id: h.fx.layoutId },
    ]);
    expect(
      await h.rows('SELECT seat_id, state FROM show_seats WHERE show_id = $1 ORDER BY seat_id', [
        show,
      ]),
    ).toEqual(seatsBefore);
    expect((await h.rows('SELECT 1 FROM seats WHERE layout_id = $1', [h.fx.layoutId])).length).toBe(
      h.fx.seatIds.length,
    );
    expect((await h.audit(saved.layout.id)).map((a) => a.action)).toEqual(['layout.new-version']);
  });

  it('never makes two versions with one number, and activates an older version on request', async () => {
    const base = (await h.call('GET', `/admin/screens/${screenId}/layouts`, 'manager')).json<
      LayoutSummary[]
    >();
    const used = base.find((l) => l.id === h.fx.layoutId);
    if (!used) throw new Error('fixture layout');
    const [x, y] = await Promise.all([
      h.call('PUT', `/admin/layouts/${h.fx.layoutId}`, 'manager', acceptanceDraft('Race one')),
      h.call('PUT', `/admin/layouts/${h.fx.layoutId}`, 'manager', acceptanceDraft('Race two')),
    ]);
    const versions = [x.json<LayoutSaved>().layout.version, y.json<LayoutSaved>().layout.version];
    expect(new Set(versions).size).toBe(2);
    const back = await h.call('POST', `/admin/layouts/${h.fx.layoutId}/activate`, 'manager', {});
    expect(back.json<LayoutView>().active).toBe(true);
    const after = (await h.call('GET', `/admin/screens/${screenId}/layouts`, 'manager')).json<
      LayoutSummary[]
    >();
    expect(after.filter((l) => l.active).map((l) => l.id)).toEqual([h.fx.layoutId]);
  });

  it('belongs to the cinema’s managers only', async () => {
    expect((await h.call('GET', `/admin/screens/${screenId}/layouts`, 'managerOther')).status).toBe(
      403,
    );
    expect((await h.call('GET', `/admin/layouts/${created.id}`, 'managerOther')).status).toBe(403);
    expect(
      (await h.call('PUT', `/admin/layouts/${created.id}`, 'managerOther', acceptanceDraft()))
        .status,
    ).toBe(403);
    expect(
      (await h.call('POST', `/admin/layouts/${created.id}/activate`, 'cashier', {})).status,
    ).toBe(403);
    expect((await h.call('GET', `/admin/layouts/${created.id}`, 'admin')).status).toBe(200);
  });
});
