// Which pg_dump may dump this server: one whose major version is at least the server's, as
// pg_dump itself refuses a newer server. Fake programs print the versions, so no install is needed.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { libpqEnv, pgDumpFits, pgDumpMajor, pgRestoreOf } from './pg-dump.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fake-pg-dump-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fake(name: string, version: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho "pg_dump (PostgreSQL) ${version}"\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('pg_dump choice', () => {
  it('reads the major version and compares it with server_version_num', async () => {
    const v15 = fake('pg_dump15', '15.14 (Debian 15.14-0+deb12u1)');
    const v18 = fake('pg_dump18', '18.1');
    expect(await pgDumpMajor(v15)).toBe(15);
    expect(await pgDumpFits(v15, 180001)).toBe(false);
    expect(await pgDumpFits(v18, 180001)).toBe(true);
    expect(await pgDumpFits(v18, 170005)).toBe(true);
  });

  it('treats a missing or odd program as none', async () => {
    expect(await pgDumpMajor(path.join(dir, 'absent'))).toBeNull();
    expect(await pgDumpMajor(fake('odd', 'who knows'))).toBeNull();
  });

  it('passes the URL through libpq variables and finds pg_restore beside pg_dump', () => {
    const env = libpqEnv('postgres://u%40x:p%2Fw@db.local:5433/marquee');
    expect(env).toMatchObject({
      PGHOST: 'db.local',
      PGPORT: '5433',
      PGUSER: 'u@x',
      PGPASSWORD: 'p/w',
      PGDATABASE: 'marquee',
    });
    expect(pgRestoreOf('/usr/lib/postgresql/18/bin/pg_dump')).toBe(
      '/usr/lib/postgresql/18/bin/pg_restore',
    );
  });
});
