// The demo sign-in data (staff PINs, station ids and secrets), derivable from the seed alone.
import { buildChain } from './chain.js';
import { createRng, type Rng } from './rng.js';
import { buildStaff, buildStations } from './staff.js';
import type { DemoData } from './types.js';

/** A demo staff member and the PIN they sign in with. */
export type DemoStaffCredential = {
  id: string;
  name: string;
  role: string;
  cinemaId: string | null;
  cinemaName: string | null;
  pin: string;
  /** Password sign-in (admin view) for the chain admin and managers; null for cashiers. */
  login: { email: string; password: string } | null;
};

/** An email made of the person's name, and a password from the seed that passes the password rule. */
function demoLogin(rng: Rng, name: string): { email: string; password: string } {
  const local = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');
  return {
    email: `${local}@example.com`,
    password: `demo-${rng.hex(3)}-${rng.hex(3)}-${rng.hex(3)}`,
  };
}

/** A demo station and the device secret it authenticates with. */
export type DemoStationCredential = {
  id: string;
  name: string;
  kind: string;
  cinemaId: string;
  cinemaName: string;
  secret: string;
};

/** Everything a person or a station needs to sign in to the demo. */
export type DemoCredentials = { staff: DemoStaffCredential[]; stations: DemoStationCredential[] };

/** Picks the sign-in data out of generated demo rows. */
export function credentialsOf(
  data: Pick<DemoData, 'cinemas' | 'staff' | 'stations' | 'seed'>,
): DemoCredentials {
  const logins = createRng(data.seed).fork('logins');
  const cinemaName = new Map(data.cinemas.map((c) => [c.id, c.name]));
  return {
    staff: data.staff.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      cinemaId: p.cinemaId ?? null,
      cinemaName: p.cinemaId ? (cinemaName.get(p.cinemaId) ?? null) : null,
      pin: p.pin,
      login: p.role === 'cashier' ? null : demoLogin(logins.fork(p.id), p.name),
    })),
    stations: data.stations.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      cinemaId: s.cinemaId,
      cinemaName: cinemaName.get(s.cinemaId) ?? '',
      secret: s.secret,
    })),
  };
}

/**
 * The demo credentials of a seed without generating shows: they do not depend on `today`, so a start
 * on an already seeded database can print them again.
 */
export function deriveDemoCredentials(seed: number): DemoCredentials {
  const root = createRng(seed);
  // Same forks as generateDemo, so the ids and secrets are the ones in the database.
  const chain = buildChain(root.fork('chain'), new Date(0));
  return credentialsOf({
    seed,
    cinemas: chain.rows.cinemas,
    staff: buildStaff(root.fork('staff'), chain),
    stations: buildStations(root.fork('stations'), chain),
  });
}
