// Enrollment codes and revocations for tests, through the server's own service functions (the same
// ones the admin routes call), as the cinema's manager would do them.
import type pg from 'pg';
import {
  createStation,
  issueEnrollmentCode,
  revokeStation,
} from '../../sync-server/stations/enrollment.js';

const manager = (id: string) => ({ kind: 'staff' as const, id, channel: 'admin' as const });
const opts = () => ({ now: new Date(), codeHours: 24 });

/** A new counter station of `cinemaId` and its one-time code. */
export async function newStationCode(
  pool: pg.Pool,
  cinemaId: string,
  managerId: string,
  name = 'Counter 9',
): Promise<{ stationId: string; code: string }> {
  const r = await createStation(
    pool,
    manager(managerId),
    cinemaId,
    { name, kind: 'counter' },
    opts(),
  );
  return { stationId: r.station.id, code: r.code };
}

/** A fresh code for an existing station (after a revoke, new hardware). */
export async function reissueCode(
  pool: pg.Pool,
  stationId: string,
  managerId: string,
): Promise<string> {
  return (await issueEnrollmentCode(pool, manager(managerId), stationId, opts())).code;
}

/** Revokes a station as its manager. */
export async function revoke(pool: pg.Pool, stationId: string, managerId: string): Promise<void> {
  await revokeStation(pool, manager(managerId), stationId, new Date());
}
