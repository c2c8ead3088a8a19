// The station process in web-shell mode: config, station core, web shell. No logic of its own.
import { ConfigError } from '../../common/config-schema.js';
import { loadStationConfig, type StationConfig } from '../station/config.js';
import { createStation } from '../station/station.js';
import { buildShellWeb } from './server.js';

/** Starts a station with its web shell; returns its URL and a way to stop it. */
export async function startStation(
  config: StationConfig,
): Promise<{ url: string; close(): Promise<void> }> {
  const station = await createStation(config);
  const app = await buildShellWeb(station);
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : config.port;
  return {
    url: `http://${config.host}:${port}`,
    close: async () => {
      await app.close();
      await station.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  let config: StationConfig;
  try {
    config = loadStationConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const running = await startStation(config);
  process.stdout.write(`Marquee station on ${running.url}\n`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
