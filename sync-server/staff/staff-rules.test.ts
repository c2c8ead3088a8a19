// Issue 15, staff rules beyond the happy path: the list's filters, sort, paging and lockouts by the
// server's clock; who may give which role and cinemas; PIN resets that end sessions and lift
// lockouts; the replica rows each change sends. Real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAdminView, StaffPage, StaffWithPin } from '../../common/api/admin-staff.js';
import { PIN_MIN_DIGITS } from '../../common/pin-rule.js';
import { startAdminHarness, type AdminHarness } from '../../test/support/admin.js';

// The server's clock runs ten minutes behind the database's: a lockout ending five minutes ago by
// the database still holds by the server, which is the clock that counts.
const LAG_MS = 10 * 60_000;
let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness({ now: () => new Date(Date.now() - LAG_MS) });
});
afterAll(async () => {
  await h.close();
});

type Refusal = { error: { code: string; details?: { fields: Record<string, string> } } };
const staffUrl = () => `/admin/cinemas/${h.fx.cinemaId}/staff`;
const fields = (r: { body: string }) => (JSON.parse(r.body) as Refusal).error.details?.fields ?? {};

describe('the staff list', () => {
  it('filters by role, active and name, sorts both ways and pages', async () => {
    const all = (await h.call('GET', `${staffUrl()}?pageSize=100`, 'manager')).json<StaffPage>();
    expect(all.items.map((s) => s.name)).toEqual([
      'Casey Cashier',
      'Morgan Manager',
      'Robin Cashier',
    ]);
    const cashiers = (
      await h.call('GET', `${staffUrl()}?role=cashier`, 'manager')
    ).json<StaffPage>();
    expect(cashiers.items.map((s) => s.role)).toEqual(['cashier', 'cashier']);
    const byRole = (
      await h.call('GET', `${staffUrl()}?sort=role&dir=desc`, 'manager')
    ).json<StaffPage>();
    expect(byRole.items[0]?.name).toBe('Morgan Manager');
    const second = (
      await h.call('GET', `${staffUrl()}?pageSize=1&page=2&dir=desc`, 'manager')
    ).json<StaffPage>();
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(second.items.map((s) => s.name)).toEqual(['Morgan Manager']);
    // LIKE's own characters are searched for literally.
    expect((await h.call('GET', `${staffUrl()}?q=%25`, 'manager')).json<StaffPage>().total).toBe(0);
    expect(
      (await h.call('GET', `${staffUrl()}?active=false`, 'manager')).json<StaffPage>().total,
    ).toBe(0);
    expect((await h.call('GET', `${staffUrl()}?sort=pin`, 'manager')).status).toBe(400);
    expect((await h.call('GET', `${staffUrl()}?pageSize=0`, 'manager')).status).toBe(400);
  });

  it('shows a lockout while it lasts by the server’s clock, not after', async () => {
    await h.rows(
      `INSERT INTO pin_lockouts (staff_id, failures, locked_until) VALUES
         ($1, 5, now() - interval '5 minutes'), ($2, 5, now() - interval '15 minutes')`,
      [h.fx.staff.cashier, h.fx.staff.cashier2],
    );
    const page = (await h.call('GET', staffUrl(), 'manager')).json<StaffPage>();
    const lock = Object.fromEntries(page.items.map((s) => [s.id, s.lockedUntil]));
    expect(lock[h.fx.staff.cashier]).not.toBeNull();
    expect(lock[h.fx.staff.cashier2]).toBeNull();
  });
});

describe('who may give which role and cinemas', () => {
  it('lets an admin add a manager to two cinemas: a 6-digit PIN, a replica row for each', async () => {
    const res = await h.call('POST', staffUrl(), 'admin', {
      name: 'Two Places',
      role: 'manager',
      otherCinemaIds: [h.otherCinemaId],
    });
    expect(res.status, res.body).toBe(201);
    const made = res.json<StaffWithPin>();
    expect(made.pin).toHaveLength(PIN_MIN_DIGITS.manager);
    expect([...made.staff.cinemaIds].sort()).toEqual([h.fx.cinemaId, h.otherCinemaId].sort());
    const changes = await h.changes(made.staff.id);
    expect(changes.map((c) => c.op)).toEqual(['upsert', 'upsert']);
    for (const c of changes) {
      expect(c.entity).toBe('staff');
      // Each cinema gets the row as its snapshot would: posted there, with the hash, never the PIN.
      expect(c.data).toMatchObject({ cinema_id: c.cinema_id, role: 'manager', active: true });
      expect(JSON.stringify(c.data)).not.toContain(made.pin);
    }
  });

  it('refuses shapes and cinemas that are not there, changing nothing', async () => {
    for (const body of [
      { name: '', role: 'cashier' },
      { name: 'X', role: 'boss' },
      { name: 'X', role: 'cashier', pin: '1234' },
      { name: 'X', role: 'cashier', otherCinemaIds: ['nope'] },
    ])
      expect((await h.call('POST', staffUrl(), 'admin', body)).status).toBe(400);
    const unknown = await h.call('POST', staffUrl(), 'admin', {
      name: 'Nowhere',
      role: 'cashier',
      otherCinemaIds: [randomUUID()],
    });
    expect(unknown.status).toBe(400);
    expect(fields(unknown)).toHaveProperty('/otherCinemaIds/0');
    const patch = await h.call('PATCH', `/admin/staff/${h.fx.staff.cashier2}`, 'admin', {
      cinemaIds: [h.fx.cinemaId, randomUUID()],
    });
    expect(patch.status).toBe(400);
    expect(fields(patch)).toHaveProperty('/cinemaIds/1');
    expect((await h.call('PATCH', `/admin/staff/${h.fx.staff.cashier2}`, 'admin', {})).status).toBe(
      400,
    );
    expect(
      (await h.call('PATCH', `/admin/staff/${randomUUID()}`, 'admin', { name: 'Y' })).status,
    ).toBe(404);
    expect((await h.rows("SELECT 1 FROM staff WHERE name = 'Nowhere'")).length).toBe(0);
    expect(await h.changes(h.fx.staff.cashier2)).toEqual([]);
  });

  it('keeps managers below admin: no admin made, none changed, no PIN of one reset', async () => {
    const promote = await h.call('PATCH', `/admin/staff/${h.fx.staff.cashier2}`, 'manager', {
      role: 'admin',
    });
    expect(promote.status).toBe(403);
    expect(fields(promote)).toHaveProperty('/role');
    const boss = (
      await h.call('POST', staffUrl(), 'admin', { name: 'Local Admin', role: 'admin' })
    ).json<StaffWithPin>();
    // An admin is never in a replica, not even at the cinema they are posted to.
    expect((await h.changes(boss.staff.id)).map((c) => c.op)).toEqual(['delete']);
    expect(
      (await h.call('PATCH', `/admin/staff/${boss.staff.id}`, 'manager', { name: 'Z' })).status,
    ).toBe(403);
    expect((await h.call('POST', `/admin/staff/${boss.staff.id}/pin`, 'manager', {})).status).toBe(
      403,
    );
    expect(
      (await h.call('POST', `/admin/staff/${h.fx.staff.cashier}/pin`, 'managerOther', {})).status,
    ).toBe(403);
    expect((await h.audit(boss.staff.id)).map((a) => a.action)).toEqual(['staff.create']);
  });

  it('stops anyone demoting or deactivating themselves, saying why', async () => {
    const res = await h.call('PATCH', `/admin/staff/${h.people.admin}`, 'admin', {
      role: 'manager',
    });
    expect(res.status).toBe(409);
    expect(res.json<Refusal>().error.code).toBe('BO_CONFLICT');
    expect(fields(res)).toHaveProperty('/role');
    const self = await h.call('PATCH', `/admin/staff/${h.people.manager}`, 'manager', {
      name: 'Me Renamed',
    });
    expect(self.status, self.body).toBe(200);
  });

  it('sends a delete to the cinemas of someone promoted to admin and ends their sessions', async () => {
    const token = await h.token('cashier');
    const res = await h.call('PATCH', `/admin/staff/${h.fx.staff.cashier}`, 'admin', {
      role: 'admin',
    });
    expect(res.json<StaffAdminView>().role).toBe('admin');
    expect((await h.changes(h.fx.staff.cashier)).map((c) => [c.cinema_id, c.op])).toEqual([
      [h.fx.cinemaId, 'delete'],
    ]);
    const after = await h.app.inject({
      method: 'GET',
      url: '/api/v1/admin/formats',
      headers: { authorization: token },
    });
    expect(after.statusCode).toBe(401);
  });
});

describe('a PIN reset', () => {
  it('ends the person’s sessions, lifts their lockout and logs no PIN', async () => {
    await h.rows(
      "INSERT INTO pin_lockouts (staff_id, failures, locked_until) VALUES ($1, 5, now() + interval '1 hour')",
      [h.fx.staff.manager],
    );
    const token = await h.token('manager');
    const res = await h.call('POST', `/admin/staff/${h.fx.staff.manager}/pin`, 'admin', {});
    expect(res.status, res.body).toBe(200);
    const out = res.json<StaffWithPin>();
    expect(out.pin).toHaveLength(PIN_MIN_DIGITS.manager);
    expect(out.staff.lockedUntil).toBeNull();
    expect(
      await h.rows('SELECT 1 FROM pin_lockouts WHERE staff_id = $1', [h.fx.staff.manager]),
    ).toEqual([]);
    const old = await h.app.inject({
      method: 'GET',
      url: '/api/v1/admin/formats',
      headers: { authorization: token },
    });
    expect(old.statusCode).toBe(401);
    const audit = (await h.audit(h.fx.staff.manager)).at(-1);
    expect(audit?.action).toBe('staff.pin-reset');
    expect(audit?.details.after).toMatchObject({ pinChanged: true });
    expect(JSON.stringify(audit)).not.toContain(out.pin);
    expect(JSON.stringify(audit)).not.toContain('pin_hash');
    const change = (await h.changes(h.fx.staff.manager)).at(-1);
    expect(change).toMatchObject({ cinema_id: h.fx.cinemaId, op: 'upsert' });
  });
});
