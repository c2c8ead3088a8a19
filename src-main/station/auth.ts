// Staff sign-in at the counter (DESIGN §10): the person is chosen first, then their PIN is checked
// against the replica's hash, so it works offline too. Wrong PINs lock only that person out.
import type { SignInPerson, StaffInfo } from '../../common/contract/station.js';
import { BoError } from '../../common/errors.js';
import { verifySecret } from '../../db/secret-hash.js';
import type { LocalDb } from './local-db.js';
import { createLockouts } from './pin-lockouts.js';

type StaffRow = { id: string; name: string; role: 'cashier' | 'manager'; pin_hash: string };

/**
 * Lockout key of PIN-only manager approvals (till variance, refunds), where nobody is chosen first:
 * their wrong PINs are counted for the station, never for a person, so guessing a manager's PIN
 * there is as slow as at sign-in and locks no one out of signing in. Not a uuid: no staff id collides.
 */
const APPROVALS = 'approvals';

const WRONG_PIN = 'That PIN does not match. Check you chose yourself, and type your PIN again.';

const waitWords = (ms: number): string => {
  const s = Math.ceil(ms / 1000);
  return s < 120 ? `${String(s)} seconds` : `${String(Math.ceil(s / 60))} minutes`;
};

/** Signs people in, lifts lockouts and checks managers' approvals, with the station's clock. */
export function createPinChecker(db: LocalDb, cinemaId: () => string | null, now: () => number) {
  const lockouts = createLockouts(db, now);
  // Only this cinema's cashiers and managers may sign in, even if an old replica still held others.
  const people = (): StaffRow[] =>
    db.$client
      .prepare<[string], StaffRow>(
        "SELECT id, name, role, pin_hash FROM staff WHERE active = 1 AND cinema_id = ? AND role IN ('cashier', 'manager') ORDER BY name",
      )
      .all(cinemaId() ?? '');
  const info = (s: StaffRow): StaffInfo => ({ id: s.id, name: s.name, role: s.role });

  const refuseLocked = (key: string, name: string | null): void => {
    const wait = lockouts.waitMs(key);
    if (wait > 0)
      throw new BoError(
        'BO_RATE_LIMITED',
        name === null
          ? `Too many wrong manager PINs at this station. Wait ${waitWords(wait)}, then try again.`
          : `Too many wrong PINs for ${name}. Wait ${waitWords(wait)}, or ask a manager to unlock, then try again.`,
      );
  };

  /** The person `staffId` if `pin` is theirs; counts a wrong PIN against them only. */
  const check = (staffId: string, pin: string): StaffRow => {
    const all = people();
    if (all.length === 0)
      throw new BoError(
        'BO_UNAUTHORIZED',
        'This station has no staff list yet. Connect it to the server once so it can download it.',
      );
    const person = all.find((s) => s.id === staffId);
    // Same words for someone unknown as for a wrong PIN: the answer says nothing of who exists.
    if (person === undefined) throw new BoError('BO_UNAUTHORIZED', WRONG_PIN);
    refuseLocked(person.id, person.name);
    if (!verifySecret(pin, person.pin_hash)) {
      const locked = lockouts.fail(person.id);
      if (locked > 0)
        throw new BoError(
          'BO_RATE_LIMITED',
          `Wrong PIN again. ${person.name} is locked out for ${waitWords(locked)}; a manager can unlock.`,
        );
      throw new BoError('BO_UNAUTHORIZED', WRONG_PIN);
    }
    lockouts.clear(person.id);
    return person;
  };

  return {
    /** The people who can sign in here, by name, with their lockout; never their hashes. */
    people(): SignInPerson[] {
      return people().map((s) => {
        const wait = lockouts.waitMs(s.id);
        return {
          ...info(s),
          role: s.role,
          lockedUntil: wait > 0 ? new Date(now() + wait).toISOString() : null,
          lockedSeconds: Math.ceil(wait / 1000),
        };
      });
    },
    /** The chosen person if the PIN is theirs; BO_UNAUTHORIZED or BO_RATE_LIMITED otherwise. */
    signIn(staffId: string, pin: string): StaffInfo {
      return info(check(staffId, pin));
    },
    /** Lifts `staffId`'s lockout when `managerId` is a manager here and `managerPin` is theirs. */
    unlock(staffId: string, managerId: string, managerPin: string): StaffInfo {
      const manager = check(managerId, managerPin);
      if (manager.role !== 'manager')
        throw new BoError('BO_FORBIDDEN', 'Only a manager can unlock someone. Ask a manager.');
      const person = people().find((s) => s.id === staffId);
      if (person === undefined)
        throw new BoError('BO_NOT_FOUND', 'That person is not on this cinema’s staff list.');
      lockouts.clear(person.id);
      return info(manager);
    },
    /**
     * The manager of this cinema whose PIN this is, for approvals that ask for a PIN only (till
     * variance, refunds). Wrong PINs slow down this station's approvals, and no one's sign-in.
     */
    approveByPin(pin: string): StaffInfo {
      refuseLocked(APPROVALS, null);
      const match = people().find(
        (s) => s.role === 'manager' && lockouts.waitMs(s.id) === 0 && verifySecret(pin, s.pin_hash),
      );
      if (match === undefined) {
        lockouts.fail(APPROVALS);
        throw new BoError(
          'BO_UNAUTHORIZED',
          'That PIN is not a manager’s here. A manager of this cinema types their own PIN.',
        );
      }
      lockouts.clear(APPROVALS);
      return info(match);
    },
  };
}

/** The station's PIN checker. */
export type PinChecker = ReturnType<typeof createPinChecker>;
