// pg_dump when the machine has one that can read this server: pg_dump refuses a server of a newer
// major version (the system's 15 against the embedded 18), so the version is checked first and
// Marquee's own archive is used otherwise.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type pg from 'pg';

const run = promisify(execFile);

/** A postgres:// URL as libpq's environment variables. */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
}

/**
 * The server's version number (e.g. 180004). `SHOW` names its column after the setting, so the
 * value is read as `current_setting(…)` under a name of our own.
 */
export async function serverVersionNum(client: pg.Pool | pg.ClientBase): Promise<number> {
  const r = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Number(r.rows[0]?.v ?? 0);
}

/** The major version of a pg_dump program, or null when there is none to run. */
export async function pgDumpMajor(program: string): Promise<number | null> {
  try {
    const { stdout } = await run(program, ['--version'], { timeout: 10_000 });
    const m = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** True when `program` can dump a server of `serverVersionNum` (SHOW server_version_num). */
export async function pgDumpFits(program: string, serverVersionNum: number): Promise<boolean> {
  const major = await pgDumpMajor(program);
  return major !== null && major >= Math.floor(serverVersionNum / 10_000);
}

/** Dumps the database at `url` into `file` in pg_dump's custom format. */
export async function pgDumpTo(program: string, url: string, file: string): Promise<void> {
  // The URL goes in the environment, not argv, so its password never shows in `ps`.
  await run(program, ['--format=custom', '--no-owner', `--file=${file}`], {
    env: libpqEnv(url),
    timeout: 6 * 3600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** pg_restore beside a pg_dump program (same folder, same version). */
export function pgRestoreOf(program: string): string {
  return program.replace(/pg_dump(\.exe)?$/, 'pg_restore$1');
}

/** Restores a custom-format dump into the (empty, existing) database at `url`. */
export async function pgRestoreInto(program: string, url: string, file: string): Promise<void> {
  await run(pgRestoreOf(program), ['--no-owner', '--exit-on-error', file], {
    env: libpqEnv(url),
    timeout: 6 * 3600_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}
