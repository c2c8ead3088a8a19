// Backups over REST (issue 17): admins only, answered at once and finished in the background, a
// damaged file refused with 422; and the daily schedule runs once per period, on one process.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupView } from '../../common/api/admin-backups.js';
import { startAdminHarness, type AdminHarness } from '../../test/support/admin.js';
import { until } from '../../test/support/until.js';
import { backupDeps } from './routes.js';
import { runScheduledBackup, scheduledBackupDue } from './schedule.js';

let h: AdminHarness;
let dir = '';
let clock = new Date('2026-04-01T01:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'marquee-backup-routes-'));
  h = await startAdminHarness({
    now: () => clock,
    config: { backupDir: dir, pgDumpPath: '/nonexistent/pg_dump', backupKeep: 3 },
  });
}, 120_000);
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

async function settled(id: string): Promise<BackupView> {
  return until(async () => {
    const b = (await h.call('GET', `/admin/backups/${id}`, 'admin')).json<BackupView>();
    return b.status === 'running' ? null : b;
  });
}

describe('/admin/backups', () => {
  it('is for admins only', async () => {
    for (const as of ['manager', 'cashier'] as const) {
      expect((await h.call('GET', '/admin/backups', as)).status).toBe(403);
      expect((await h.call('POST', '/admin/backups', as)).status).toBe(403);
    }
  });

  it('starts a backup, lists it with size, checksum and who, and refuses a damaged copy', async () => {
    const res = await h.call('POST', '/admin/backups', 'admin');
    expect(res.status, res.body).toBe(202);
    const done = await settled(res.json<BackupView>().id);
    expect(done).toMatchObject({
      kind: 'backup',
      status: 'succeeded',
      requestedBy: h.people.admin,
      requestedByName: 'Chain Admin',
      scheduled: false,
      available: true,
    });
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    const list = (await h.call('GET', '/admin/backups', 'admin')).json<{ items: BackupView[] }>();
    expect(list.items.map((b) => b.id)).toContain(done.id);

    const file = await h.app.inject({
      method: 'GET',
      url: `/api/v1/admin/backups/${done.id}/download`,
      headers: { authorization: await h.token('admin') },
    });
    expect(file.statusCode).toBe(200);
    expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(done.sha256);
    expect(file.headers['x-checksum-sha256']).toBe(done.sha256);
    expect((await h.call('GET', `/admin/backups/${done.id}/download`, 'manager')).status).toBe(403);

    const bad = await h.call('POST', `/admin/backups/${done.id}/restore`, 'admin', {
      targetDatabase: 'Not A Name',
    });
    expect(bad.status).toBe(400);
    writeFileSync(path.join(dir, done.fileName ?? ''), 'broken');
    const refused = await h.call('POST', `/admin/backups/${done.id}/restore`, 'admin', {});
    expect(refused.status).toBe(422);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('BO_BACKUP_CORRUPT');
    const missing = await h.call(
      'POST',
      '/admin/backups/00000000-0000-4000-8000-000000000000/restore',
      'admin',
      {},
    );
    expect(missing.status).toBe(404);
  });

  it('runs the scheduled backup once per period, by the injected clock', async () => {
    const deps = backupDeps(h.app);
    expect(await scheduledBackupDue(deps.pool, clock, 24)).toBe(true);
    const first = await runScheduledBackup(deps, 24);
    expect((await first?.done)?.scheduled).toBe(true);
    clock = new Date('2026-04-01T20:00:00Z');
    expect(await runScheduledBackup(deps, 24)).toBeNull();
    expect(await scheduledBackupDue(deps.pool, clock, 0)).toBe(false);
    clock = new Date('2026-04-02T01:30:00Z');
    const second = await runScheduledBackup(deps, 24);
    expect((await second?.done)?.status).toBe('succeeded');
    const log = await h.rows<{ actor_kind: string }>(
      "SELECT actor_kind FROM audit_log WHERE entity = 'backup' AND details->>'status' = 'succeeded'",
    );
    expect(log.filter((r) => r.actor_kind === 'system')).toHaveLength(2);
  });
});
