// npm start's lobby: a self-service kiosk and a door station of the demo cinema, beside its counter.
// Each is the same station app in its own process, port and data folder; each enrolls itself with a
// one-time code the first time, as a new device would (a door station is created for the demo once).
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { openContract } from './contract-client.js';
import { createStation, issueEnrollmentCode } from '../sync-server/stations/enrollment.js';

const SYSTEM = { kind: 'system', id: null, channel: 'system' } as const;

/** One lobby station as npm start runs it. */
export type LobbyStation = { name: string; url: string; process: ChildProcess };

type Spec = {
  name: string;
  kind: 'kiosk' | 'door';
  port: number;
  dataDir: string;
  env: Record<string, string>;
};

/** The demo cinema's station of `kind` (the door one is made on first start); null if none. */
async function stationOf(
  pool: pg.Pool,
  cinemaId: string,
  kind: 'kiosk' | 'door',
): Promise<{ id: string; code: string | null } | null> {
  const r = await pool.query<{ id: string; enrolled: boolean }>(
    'SELECT id, secret_hash IS NOT NULL AS enrolled FROM stations WHERE cinema_id = $1 AND kind = $2 AND revoked_at IS NULL ORDER BY created_at LIMIT 1',
    [cinemaId, kind],
  );
  const row = r.rows[0];
  if (row === undefined && kind === 'door') {
    const made = await createStation(
      pool,
      SYSTEM,
      cinemaId,
      { name: 'Main Door', kind: 'door' },
      { now: new Date(), codeHours: 1 },
    );
    return { id: made.station.id, code: made.code };
  }
  if (row === undefined) return null;
  const code = await issueEnrollmentCode(pool, SYSTEM, row.id, { now: new Date(), codeHours: 1 });
  return { id: row.id, code: code.code };
}

/** Starts the kiosk and the door station of `cinemaId`; resolves once each says where it runs. */
export async function startLobbyStations(o: {
  pool: pg.Pool;
  cinemaId: string;
  serverUrl: string;
  counterPort: number;
  printerInterface: string | null;
  onExit: (name: string, code: number | null) => void;
}): Promise<LobbyStation[]> {
  const specs: Spec[] = [
    {
      name: 'Kiosk',
      kind: 'kiosk',
      port: o.counterPort + 1,
      dataDir: '.data/kiosk',
      env: { STATION_KIOSK: 'true', PAYMENT_TERMINAL: process.env.PAYMENT_TERMINAL ?? 'simulated' },
    },
    {
      name: 'Door',
      kind: 'door',
      port: o.counterPort + 2,
      dataDir: '.data/door',
      env: { STATION_MODE: 'door', STATION_DOOR_NAME: 'Main Door' },
    },
  ];
  const started: LobbyStation[] = [];
  for (const spec of specs) {
    const station = await stationOf(o.pool, o.cinemaId, spec.kind);
    if (station === null) continue;
    // The counter's own settings (STATION_ID, STATION_KIOSK…) are not the lobby's.
    const own = new Set(['STATION_ID', 'STATION_SECRET', 'STATION_KIOSK', 'STATION_MODE']);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !own.has(k)));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/shell-web/main.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...env,
        ...spec.env,
        STATION_PORT: String(spec.port),
        STATION_DATA_DIR: spec.dataDir,
        SYNC_SERVER_URL: o.serverUrl,
        STATION_LOG_LEVEL: process.env.STATION_LOG_LEVEL ?? 'warn',
        ...(station.code === null ? {} : { STATION_ENROLL_CODE: station.code }),
        ...(o.printerInterface === null ? {} : { PRINTER_INTERFACE: o.printerInterface }),
      },
    });
    child.on('exit', (code) => o.onExit(spec.name, code));
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`${spec.name} stopped (${String(code)})`)));
      child.stdout.on('data', (chunk: Buffer) => {
        const m = /Marquee station on (\S+)/.exec(chunk.toString());
        if (m?.[1] !== undefined) resolve(m[1]);
      });
    });
    started.push({ name: spec.name, url, process: child });
  }
  return started;
}

/**
 * Opens the demo kiosk for customers as its cinema's manager would at the kiosk: signs in with the
 * PIN over the station's contract, then opens it (a card-only till in their name). Waits for the
 * kiosk to enroll and download its cinema first; false if it did not within `timeoutMs`.
 */
export async function openDemoKiosk(
  url: string,
  manager: { id: string; pin: string },
  timeoutMs = 60_000,
): Promise<boolean> {
  const contract = await openContract(url);
  const call = (channel: string, input: unknown = {}) => contract.call(channel, input);
  try {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const s = await call('kiosk:status');
      const reason = (
        s.ok ? (s.value as { outOfService: { reason: string } | null } | undefined) : undefined
      )?.outOfService?.reason;
      if (s.ok && reason !== 'not-enrolled' && reason !== 'catching-up') break;
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 500));
    }
    const signedIn = await call('auth:signIn', { staffId: manager.id, pin: manager.pin });
    if (!signedIn.ok) return false;
    return (await call('kiosk:open')).ok;
  } finally {
    contract.close();
  }
}
