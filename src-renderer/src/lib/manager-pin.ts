// The manager-PIN fields of the counter (till variance, closing for someone, refunds, unlocking) ask
// for the length the PIN rule gives managers, and say so when a shorter PIN is typed.
import { PIN_MAX_DIGITS, PIN_MIN_DIGITS } from '../../../common/pin-rule.js';

const MIN = PIN_MIN_DIGITS.manager;
const MANAGER_PIN = new RegExp(`^\\d{${String(MIN)},${String(PIN_MAX_DIGITS)}}$`);

/** What is wrong with a typed manager PIN (`missing` when none was typed); null when it may be sent. */
export function managerPinProblem(pin: string, missing: string): string | null {
  if (pin === '') return missing;
  if (!MANAGER_PIN.test(pin))
    return `That is not a manager’s PIN: a manager’s PIN has ${String(MIN)} to ${String(PIN_MAX_DIGITS)} digits.`;
  return null;
}
