// What the clients of a chaos run were told succeeded, recorded as each answer comes back: the
// audit holds the end state to it (an acknowledged sale must be there, once). Its shape is the
// audit's (audit-types.ts).
import type { ChaosLedger } from './audit-types.js';

export type { ChaosLedger };

export function emptyLedger(): ChaosLedger {
  return { sales: [], voids: [], bookings: [], refunds: [], admissions: [] };
}
