// Wrong-PIN counts and lockouts, per staff member, kept in the replica (table station_pin_lockouts).
import type { LocalDb } from './local-db.js';

/**
 * Wrong PINs allowed before any wait: a person in a hurry mistypes, and four tries cost an attacker
 * little (4 of 10^4 for a cashier, 4 of 10^6 for a manager).
 */
export const FREE_FAILURES = 4;

/**
 * The wait after each wrong PIN past the free ones: it grows so guessing gets slower and slower
 * (about 50 tries a day at the cap, so a 4-digit PIN holds for months), yet a person who mistyped
 * waits 30 s, not an hour, and a manager can lift it at once. The last step repeats.
 */
export const LOCK_STEPS_MS = [30_000, 60_000, 120_000, 300_000, 900_000, 1_800_000] as const;

/** How long the `failures`-th wrong PIN in a row locks its owner out; 0 for the free ones. */
export function lockoutMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  const i = Math.min(failures - FREE_FAILURES - 1, LOCK_STEPS_MS.length - 1);
  return LOCK_STEPS_MS[i] ?? 0;
}

/** The lockout state of one key (a staff id, or a station-wide key such as PIN-only approvals). */
export type LockState = { failures: number; lockedUntil: number | null };

/** Reads and updates station_pin_lockouts with the station's clock. */
export type Lockouts = {
  state(key: string): LockState;
  /** Milliseconds until `key` may try a PIN again; 0 when it may now. */
  waitMs(key: string): number;
  /** Counts a wrong PIN; returns the new lockout's length in ms (0 when it is still a free one). */
  fail(key: string): number;
  /** Forgets the wrong PINs of `key`: a right PIN, or a manager's unlock. */
  clear(key: string): void;
};

/** Creates the lockout store of a replica; `now` is the station's injectable clock. */
export function createLockouts(db: LocalDb, now: () => number): Lockouts {
  const c = db.$client;
  const get = c.prepare<[string], { failures: number; locked_until: number | null }>(
    'SELECT failures, locked_until FROM station_pin_lockouts WHERE staff_id = ?',
  );
  const put = c.prepare<[string, number, number | null]>(
    'INSERT INTO station_pin_lockouts (staff_id, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT(staff_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until',
  );
  const del = c.prepare<[string]>('DELETE FROM station_pin_lockouts WHERE staff_id = ?');
  const state = (key: string): LockState => {
    const r = get.get(key);
    return { failures: r?.failures ?? 0, lockedUntil: r?.locked_until ?? null };
  };
  return {
    state,
    waitMs(key) {
      const until = state(key).lockedUntil;
      return until === null ? 0 : Math.max(0, until - now());
    },
    fail(key) {
      const failures = state(key).failures + 1;
      const ms = lockoutMs(failures);
      put.run(key, failures, ms > 0 ? now() + ms : null);
      return ms;
    },
    clear(key) {
      del.run(key);
    },
  };
}
