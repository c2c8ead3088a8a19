// Demo staff with PINs that pass the PIN rule (cashiers 4 digits, managers and the admin 6) and one
// station per counter (plus a kiosk); PINs and secrets are demo data.
import { PIN_MIN_DIGITS, pinProblem, type PinRole } from '../../common/pin-rule.js';
import type { BuiltChain } from './chain.js';
import type { Rng } from './rng.js';
import type { DemoStaff, DemoStation } from './types.js';

const PEOPLE: Record<string, { manager: string; cashiers: string[] }> = {
  andheri: { manager: 'Neha Kulkarni', cashiers: ['Rahul Shinde', 'Pooja Nair'] },
  'lower-parel': { manager: 'Sameer Khan', cashiers: ['Divya Iyer', 'Arjun Pillai'] },
  shoreditch: { manager: 'Charlotte Evans', cashiers: ['Jamie Okafor'] },
  brooklyn: { manager: 'Marcus Rivera', cashiers: ['Ashley Chen'] },
};

const ADMIN = 'Alex Morgan';

/** Draws a PIN of the role's length that no other demo staff member has and that the PIN rule accepts. */
function drawPin(rng: Rng, taken: Set<string>, role: PinRole): string {
  const digits = PIN_MIN_DIGITS[role];
  for (;;) {
    const pin = String(rng.int(0, 10 ** digits - 1)).padStart(digits, '0');
    if (!taken.has(pin) && pinProblem(pin, role) === null) {
      taken.add(pin);
      return pin;
    }
  }
}

/** Builds a chain admin and, per cinema, a manager and its cashiers. */
export function buildStaff(rng: Rng, chain: BuiltChain): DemoStaff[] {
  const taken = new Set<string>();
  const person = (name: string, role: PinRole, cinemaId: string | null): DemoStaff => ({
    id: rng.uuid(),
    chainId: chain.chainId,
    cinemaId,
    name,
    role,
    active: true,
    pin: drawPin(rng, taken, role),
    pinSalt: rng.hex(16),
  });
  const staff = [person(ADMIN, 'admin', null)];
  for (const cinema of chain.cinemas) {
    const people = PEOPLE[cinema.spec.key];
    if (!people) throw new Error(`No demo staff for ${cinema.spec.key}`);
    staff.push(person(people.manager, 'manager', cinema.id));
    for (const name of people.cashiers) staff.push(person(name, 'cashier', cinema.id));
  }
  return staff;
}

/** Builds one counter station per cinema and a self-service kiosk in the first cinema. */
export function buildStations(rng: Rng, chain: BuiltChain): DemoStation[] {
  const station = (cinemaId: string, name: string, kind: 'counter' | 'kiosk'): DemoStation => ({
    id: rng.uuid(),
    cinemaId,
    name,
    kind,
    secret: `demo-${rng.hex(24)}`,
    secretSalt: rng.hex(16),
    publicKey: null,
    lastSeenAt: null,
  });
  const stations = chain.cinemas.map((c) => station(c.id, 'Counter 1', 'counter'));
  const first = chain.cinemas[0];
  if (first) stations.push(station(first.id, 'Lobby Kiosk 1', 'kiosk'));
  return stations;
}
