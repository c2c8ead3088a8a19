// Staff sign-in with a PIN checked against the replica's hashes, so it works offline too.
import { eq } from 'drizzle-orm';
import type { StaffInfo } from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import { verifySecret } from '../../db/secret-hash.js';
import { staff } from '../../db/sqlite/schema.js';
import type { LocalDb } from './local-db.js';

const MAX_FAILURES = 5;
const LOCKOUT_MS = 30_000;

/** Checks PINs with a lockout after repeated failures (per station, not per person: PINs are all we get). */
export function createPinChecker(db: LocalDb, cinemaId: () => string | null) {
  let failures = 0;
  let lockedUntil = 0;
  return {
    /** The staff member whose PIN this is; BO_UNAUTHORIZED otherwise. */
    check(pin: string): StaffInfo {
      const now = Date.now();
      if (now < lockedUntil) {
        throw new BoError(
          'BO_RATE_LIMITED',
          `Too many wrong PINs. Wait ${String(Math.ceil((lockedUntil - now) / 1000))} seconds, then try again.`,
        );
      }
      const cinema = cinemaId();
      const rows = db.select().from(staff).where(eq(staff.active, true)).all();
      const match = rows.find(
        (s) => (s.cinemaId === null || s.cinemaId === cinema) && verifySecret(pin, s.pinHash),
      );
      if (!match) {
        failures += 1;
        if (failures >= MAX_FAILURES) {
          lockedUntil = now + LOCKOUT_MS;
          failures = 0;
        }
        if (rows.length === 0)
          throw new BoError(
            'BO_UNAUTHORIZED',
            'This station has no staff list yet. Connect it to the server once so it can download it.',
          );
        throw new BoError('BO_UNAUTHORIZED', 'That PIN is not known here. Check it and try again.');
      }
      failures = 0;
      const role = match.role === 'manager' || match.role === 'admin' ? match.role : 'cashier';
      return { id: match.id, name: match.name, role };
    },
  };
}
