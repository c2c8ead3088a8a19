// What a staff PIN must be (DESIGN §10). A manager's or admin's PIN approves refunds and variances
// and unlocks others, so it is longer than a cashier's; PINs people guess first are refused.

/** The roles a PIN belongs to. */
export type PinRole = 'cashier' | 'manager' | 'admin';

/** Fewest digits per role: 4 for a cashier, 6 for anyone who approves (10^6 guesses, not 10^4). */
export const PIN_MIN_DIGITS: Record<PinRole, number> = { cashier: 4, manager: 6, admin: 6 };

/** Most digits of any PIN: more is a password, and the counter keypad is for quick hands. */
export const PIN_MAX_DIGITS = 8;

/** Fewest digits any PIN may have (the sign-in field's lower bound before the person is known). */
export const PIN_ANY_MIN_DIGITS = Math.min(...Object.values(PIN_MIN_DIGITS));

/** True for PINs people guess first: one repeated digit, or a straight run like 1234 or 98765. */
export function isTrivialPin(pin: string): boolean {
  const d = Array.from({ length: pin.length }, (_, i) => pin.charCodeAt(i) - 48);
  const steps = d.slice(1).map((v, i) => v - (d[i] ?? 0));
  return steps.every((s) => s === 0) || steps.every((s) => s === 1) || steps.every((s) => s === -1);
}

/** Why `pin` is not acceptable for `role`, as a sentence for the person choosing it; null when it is. */
export function pinProblem(pin: string, role: PinRole): string | null {
  const min = PIN_MIN_DIGITS[role];
  if (!/^\d+$/.test(pin)) return 'A PIN is digits only.';
  if (pin.length < min) return `A ${role}’s PIN has at least ${String(min)} digits.`;
  if (pin.length > PIN_MAX_DIGITS) return `A PIN has at most ${String(PIN_MAX_DIGITS)} digits.`;
  if (isTrivialPin(pin))
    return 'That PIN is too easy to guess (one digit repeated, or a straight run). Choose another.';
  return null;
}
