// Movie rows and the chain-wide reference data: formats, ticket types, discounts.
import { addDays } from './time-zone.js';
import type { FormatCode } from './chain-spec.js';
import { MOVIES, type MovieSpec } from './movie-catalog.js';
import type { Rng } from './rng.js';
import type { DemoData } from './types.js';

/** A movie row with the catalogue entry the schedule plans from. */
export type BuiltMovie = {
  id: string;
  spec: MovieSpec;
  releaseDate: string;
  closeDate: string | null;
};

/** Builds the movie rows; dates are relative to `baseDate` (YYYY-MM-DD) so the demo always has films on. */
export function buildMovies(
  rng: Rng,
  baseDate: string,
  chainId: string,
): { movies: BuiltMovie[]; rows: DemoData['movies'] } {
  const movies = MOVIES.map((spec): BuiltMovie => ({
    id: rng.uuid(),
    spec,
    releaseDate: addDays(baseDate, spec.releaseInDays),
    closeDate: spec.closeInDays === null ? null : addDays(baseDate, spec.closeInDays),
  }));
  const rows = movies.map((m) => ({
    id: m.id,
    chainId,
    title: m.spec.title,
    synopsis: m.spec.synopsis,
    genres: m.spec.genres,
    languages: m.spec.languages,
    certification: m.spec.certification,
    cast: m.spec.cast,
    durationMinutes: m.spec.durationMinutes,
    ratingTenths: m.spec.ratingTenths,
    releaseDate: m.releaseDate,
    closeDate: m.closeDate,
    posterUrl: null,
  }));
  return { movies, rows };
}

const FORMATS: { code: FormatCode; name: string; multiplierBp: number }[] = [
  { code: '2D', name: '2D Digital', multiplierBp: 10000 },
  { code: '3D', name: '3D', multiplierBp: 12000 },
  { code: 'IMAX', name: 'IMAX', multiplierBp: 15000 },
  { code: '4DX', name: '4DX motion seats', multiplierBp: 17500 },
];

/** Builds the projection formats with their price multipliers; returns the id per code too. */
export function buildFormats(rng: Rng): {
  rows: DemoData['formats'];
  idOf: Record<FormatCode, string>;
} {
  const rows = FORMATS.map((f) => ({ id: rng.uuid(), ...f }));
  const idOf = { '2D': '', '3D': '', IMAX: '', '4DX': '' };
  for (const r of rows) idOf[r.code] = r.id;
  return { rows, idOf };
}

/** Builds the chain's ticket types: adult pays the seat price, others a share of it. */
export function buildTicketTypes(rng: Rng, chainId: string): DemoData['ticketTypes'] {
  const types = [
    { code: 'adult', name: 'Adult', multiplierBp: 10000 },
    { code: 'child', name: 'Child (under 12)', multiplierBp: 7000 },
    { code: 'senior', name: 'Senior (65+)', multiplierBp: 8000 },
    { code: 'student', name: 'Student', multiplierBp: 8500 },
  ];
  return types.map((t, i) => ({ id: rng.uuid(), chainId, ...t, sortOrder: i + 1 }));
}

/** Builds promo codes: percent and fixed, with windows and limits, including an expired and a used-up one. */
export function buildDiscounts(rng: Rng, chainId: string, today: Date): DemoData['discounts'] {
  const day = 86_400_000;
  const at = (days: number): Date => new Date(today.getTime() + days * day);
  return [
    {
      code: 'WELCOME10',
      name: 'Welcome 10 % off',
      kind: 'percent',
      value: 1000,
      currency: null,
      validFrom: at(-30),
      validTo: at(60),
      maxUses: 5000,
      uses: 412,
    },
    {
      code: 'MIDWEEK15',
      name: 'Midweek 15 % off',
      kind: 'percent',
      value: 1500,
      currency: null,
      validFrom: at(-1),
      validTo: at(14),
      maxUses: null,
      uses: 0,
    },
    {
      code: 'FLAT100',
      name: '₹100 off your booking',
      kind: 'fixed',
      value: 10000,
      currency: 'INR',
      validFrom: at(-7),
      validTo: at(30),
      maxUses: 1000,
      uses: 87,
    },
    {
      code: 'LONDON2',
      name: '£2 off in London',
      kind: 'fixed',
      value: 200,
      currency: 'GBP',
      validFrom: at(-7),
      validTo: at(30),
      maxUses: 500,
      uses: 23,
    },
    {
      code: 'NYC3OFF',
      name: '$3 off in New York',
      kind: 'fixed',
      value: 300,
      currency: 'USD',
      validFrom: null,
      validTo: at(45),
      maxUses: 500,
      uses: 41,
    },
    {
      code: 'SUMMER20',
      name: 'Summer 20 % off (ended)',
      kind: 'percent',
      value: 2000,
      currency: null,
      validFrom: at(-120),
      validTo: at(-30),
      maxUses: null,
      uses: 1290,
    },
    {
      code: 'LAUNCH50',
      name: 'Launch 50 % off (used up)',
      kind: 'percent',
      value: 5000,
      currency: null,
      validFrom: at(-10),
      validTo: at(20),
      maxUses: 100,
      uses: 100,
    },
  ].map((d) => ({ id: rng.uuid(), chainId, ...d }));
}
