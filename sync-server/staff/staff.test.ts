// Issue 15: managers add staff (PIN shown once), change roles and cinemas, reset PINs and deactivate;
// audit rows never hold a PIN; replicas of the cinemas concerned get the row, or lose it. Real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffAdminView, StaffPage, StaffWithPin } from '../../common/api/admin-staff.js';
import { startAdminHarness, type AdminHarness } from '../../test/support/admin.js';

let h: AdminHarness;
beforeAll(async () => {
  h = await startAdminHarness();
});
afterAll(async () => {
  await h.close();
});

type Refusal = { error: { code: string; details?: { fields: Record<string, string> } } };

async function pinWorks(staffId: string, pin: string): Promise<number> {
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/staff/pin',
    headers: { authorization: `Station ${h.fx.station.id}:${h.fx.station.secret}` },
    payload: { staffId, pin },
  });
  return res.statusCode;
}

describe('staff', () => {
  let made: StaffWithPin;

  it('adds a cashier whose PIN is shown once and works at the station; audit holds no PIN', async () => {
    const res = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/staff`, 'manager', {
      name: 'Priya New',
      role: 'cashier',
    });
    expect(res.status, res.body).toBe(201);
    made = res.json<StaffWithPin>();
    expect(made.pin).toMatch(/^\d{4}$/);
    expect(made.staff).toMatchObject({
      name: 'Priya New',
      role: 'cashier',
      cinemaIds: [h.fx.cinemaId],
      active: true,
    });
    expect(await pinWorks(made.staff.id, made.pin)).toBe(200);
    const audit = await h.audit(made.staff.id);
    expect(JSON.stringify(audit)).not.toContain(made.pin);
    expect(audit[0]?.details.after).toMatchObject({ pinChanged: true });
    const changes = await h.changes(made.staff.id);
    expect(changes.map((c) => [c.cinema_id, c.op])).toEqual([[h.fx.cinemaId, 'upsert']]);
    const page = (
      await h.call('GET', `/admin/cinemas/${h.fx.cinemaId}/staff?q=priya`, 'manager')
    ).json<StaffPage>();
    expect(page.items.map((s) => s.id)).toEqual([made.staff.id]);
  });

  it('resets a PIN: the new one works, the old one does not', async () => {
    const res = await h.call('POST', `/admin/staff/${made.staff.id}/pin`, 'manager', {});
    expect(res.status, res.body).toBe(200);
    const fresh = res.json<StaffWithPin>();
    expect(await pinWorks(made.staff.id, fresh.pin)).toBe(200);
    if (fresh.pin !== made.pin) expect(await pinWorks(made.staff.id, made.pin)).toBe(401);
    expect(JSON.stringify(await h.audit(made.staff.id))).not.toContain(fresh.pin);
  });

  it('moves a person between cinemas and roles: replicas get the row or a delete', async () => {
    const res = await h.call('PATCH', `/admin/staff/${made.staff.id}`, 'admin', {
      role: 'manager',
      cinemaIds: [h.otherCinemaId],
    });
    expect(res.status, res.body).toBe(200);
    expect(res.json<StaffAdminView>()).toMatchObject({
      role: 'manager',
      cinemaIds: [h.otherCinemaId],
    });
    const last = (await h.changes(made.staff.id)).slice(-2);
    expect(last.map((c) => [c.cinema_id, c.op])).toEqual([
      [h.otherCinemaId, 'upsert'],
      [h.fx.cinemaId, 'delete'],
    ]);
  });

  it('deactivates a person and ends their sessions', async () => {
    const token = await h.token('managerOther');
    const ok = await h.app.inject({
      method: 'GET',
      url: '/api/v1/admin/formats',
      headers: { authorization: token },
    });
    expect(ok.statusCode).toBe(200);
    const res = await h.call('PATCH', `/admin/staff/${h.people.managerOther}`, 'admin', {
      active: false,
    });
    expect(res.json<StaffAdminView>().active).toBe(false);
    const after = await h.app.inject({
      method: 'GET',
      url: '/api/v1/admin/formats',
      headers: { authorization: token },
    });
    expect(after.statusCode).toBe(401);
    expect((await h.changes(h.people.managerOther)).at(-1)?.data).toMatchObject({ active: false });
  });

  it('keeps managers to their own cinemas and below admin; nobody deactivates themselves', async () => {
    const admin = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/staff`, 'manager', {
      name: 'Boss',
      role: 'admin',
    });
    expect(admin.status).toBe(403);
    const elsewhere = await h.call('POST', `/admin/cinemas/${h.fx.cinemaId}/staff`, 'manager', {
      name: 'Far',
      role: 'cashier',
      otherCinemaIds: [h.otherCinemaId],
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json<Refusal>().error.details?.fields).toHaveProperty('/otherCinemaIds/0');
    expect(
      (await h.call('PATCH', `/admin/staff/${h.people.manager}`, 'manager', { active: false }))
        .status,
    ).toBe(409);
    expect(
      (await h.call('PATCH', `/admin/staff/${h.people.cashier}`, 'manager', { name: '' })).status,
    ).toBe(400);
    expect((await h.call('GET', `/admin/cinemas/${h.otherCinemaId}/staff`, 'manager')).status).toBe(
      403,
    );
    expect((await h.rows("SELECT 1 FROM staff WHERE name IN ('Boss', 'Far')")).length).toBe(0);
  });
});
