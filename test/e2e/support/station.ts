// Starts a station web shell on a free port with its own data folder, for one e2e test.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../db/pg/embedded.js';
import { startStation } from '../../../src-main/shell-web/main.js';
import { loadStationConfig } from '../../../src-main/station/config.js';

/** A station for a test: its URL and a stop function that removes its data. */
export async function startTestStation(
  overrides: { serverUrl?: string; stationId?: string; stationSecret?: string } = {},
): Promise<{ url: string; dataDir: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'marquee-e2e-station-'));
  const config = loadStationConfig(
    {},
    {
      port: await freePort(),
      dataDir,
      logLevel: 'warn',
      stationId: overrides.stationId ?? '00000000-0000-4000-8000-000000000001',
      stationSecret: overrides.stationSecret ?? 'e2e-secret-0123456789',
      ...(overrides.serverUrl === undefined ? {} : { serverUrl: overrides.serverUrl }),
    },
  );
  const running = await startStation(config);
  return {
    url: running.url,
    dataDir,
    stop: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
