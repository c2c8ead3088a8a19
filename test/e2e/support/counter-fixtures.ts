// Playwright fixtures for the counter tests: one embedded PostgreSQL per worker, a fresh stack (own
// database, server, stations, printers) per test, stopped after it.
import { test as base } from '@playwright/test';
import {
  startE2ePg,
  startStack,
  type E2ePg,
  type E2eStack,
  type StackOptions,
} from './stack-e2e.js';

type TestFixtures = { startCounterStack: (opts?: StackOptions) => Promise<E2eStack> };
type WorkerFixtures = { e2ePg: E2ePg };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  e2ePg: [
    // Playwright reads the fixtures a function uses from its first parameter, so it must be a pattern.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const pg = await startE2ePg();
      await use(pg);
      await pg.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  startCounterStack: async ({ e2ePg }, use, testInfo) => {
    const stacks: E2eStack[] = [];
    await use(async (opts) => {
      const stack = await startStack(e2ePg, opts);
      stacks.push(stack);
      return stack;
    });
    // What the processes said is the first thing to read when a test fails.
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [i, s] of stacks.entries()) {
        await testInfo.attach(`stack-${String(i)}-server.log`, {
          body: s.server.output(),
          contentType: 'text/plain',
        });
        for (const st of s.stations)
          await testInfo.attach(`stack-${String(i)}-station-${st.id}.log`, {
            body: st.output(),
            contentType: 'text/plain',
          });
      }
    }
    await Promise.all(stacks.map((s) => s.stop()));
  },
});

export { expect } from '@playwright/test';
