// One throwaway PostgreSQL per test run; each test file makes its own database (see pg.ts).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPg, type EmbeddedPg } from '../../db/pg/embedded.js';

declare module 'vitest' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let pg: EmbeddedPg | undefined;
let dir = '';

export async function setup(project: TestProject): Promise<void> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-test-pg-'));
  // The postgres OS user (used when running as root) must be able to enter it.
  await chmod(dir, 0o755);
  pg = await startEmbeddedPg(path.join(dir, 'data'), { persistent: false });
  project.provide('pgAdminUrl', pg.adminUrl);
}

export async function teardown(): Promise<void> {
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
}
