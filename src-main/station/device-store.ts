// This device's stored credential (the `device` table, one row): written at enrollment, marked when
// the server refuses it. The secret is read here and handed only to the sync engine and REST calls.
import type { LocalDb } from './local-db.js';

/** The stored credential and where it came from. */
export type DeviceRow = {
  stationId: string;
  secret: string;
  cinemaId: string;
  name: string;
  kind: string;
  serverUrl: string;
  enrolledAt: number;
  revokedAt: number | null;
  revokedReason: string | null;
};

type Raw = {
  station_id: string;
  secret: string;
  cinema_id: string;
  name: string;
  kind: string;
  server_url: string;
  enrolled_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
};

/** The stored credential, or null when the station was never enrolled by a code. */
export function readDevice(db: LocalDb): DeviceRow | null {
  const r = db.$client.prepare('SELECT * FROM device WHERE slot = 1').get() as Raw | undefined;
  if (r === undefined) return null;
  return {
    stationId: r.station_id,
    secret: r.secret,
    cinemaId: r.cinema_id,
    name: r.name,
    kind: r.kind,
    serverUrl: r.server_url,
    enrolledAt: r.enrolled_at,
    revokedAt: r.revoked_at,
    revokedReason: r.revoked_reason,
  };
}

/** Stores a fresh credential, replacing any earlier one (and its revocation). */
export function saveDevice(db: LocalDb, d: Omit<DeviceRow, 'revokedAt' | 'revokedReason'>): void {
  db.$client
    .prepare(
      `INSERT INTO device (slot, station_id, secret, cinema_id, name, kind, server_url, enrolled_at)
       VALUES (1, @stationId, @secret, @cinemaId, @name, @kind, @serverUrl, @enrolledAt)
       ON CONFLICT (slot) DO UPDATE SET station_id = excluded.station_id, secret = excluded.secret,
         cinema_id = excluded.cinema_id, name = excluded.name, kind = excluded.kind,
         server_url = excluded.server_url, enrolled_at = excluded.enrolled_at,
         revoked_at = NULL, revoked_reason = NULL`,
    )
    .run(d);
}

/** Marks the stored credential refused, so a restart does not knock on the server in a loop. */
export function markDeviceRevoked(db: LocalDb, at: number, reason: string): void {
  db.$client
    .prepare('UPDATE device SET revoked_at = ?, revoked_reason = ? WHERE slot = 1')
    .run(at, reason);
}
