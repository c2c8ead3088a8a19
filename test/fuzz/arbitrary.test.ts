// The schema arbitraries themselves: what `validish` makes parses with the zod schema it came from,
// and what `invalid` makes almost never does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { stationContract } from '../../common/contract/station.js';
import { fuzzParams, invalid, jsonSchemaOf, validish } from './arbitrary.js';

const own = z
  .object({
    id: z.uuid(),
    email: z.email(),
    day: z.iso.date(),
    at: z.iso.datetime(),
    kind: z.enum(['a', 'b']),
    seats: z.int().min(1).max(9),
    price: z.number().min(0).max(10),
    tags: z.array(z.string().min(2).max(5)).min(1).max(3),
    either: z.union([z.object({ x: z.int() }).strict(), z.literal('none')]),
    maybe: z.string().nullable(),
    later: z.boolean().optional(),
  })
  .strict();

const schemas: [string, z.ZodType][] = [
  ['own', own],
  ...(
    [
      'auth:signIn',
      'kiosk:terminal',
      'catalog:shows',
      'seats:hold',
      'till:open',
      'till:drop',
      'sales:list',
      'review:resolve',
      'printer:jobs',
    ] as const
  ).map((k): [string, z.ZodType] => [k, stationContract[k].input]),
];

describe('validish', () => {
  it.each(schemas)('%s: every value parses', (_name, schema) => {
    const arb = validish(jsonSchemaOf(schema), { ids: ['0b6f4a0e-6a8e-4a52-9d6e-3c1f2b7a9e10'] });
    fc.assert(
      fc.property(arb, (v) => {
        const r = schema.safeParse(v);
        if (!r.success) throw new Error(JSON.stringify(r.error.issues));
      }),
      fuzzParams(60),
    );
  });
});

describe('invalid', () => {
  // Schemas with a required property (dropping an optional one of the others stays valid).
  const strict = ['sales:list', 'printer:jobs', 'catalog:shows'];
  it.each(schemas.filter(([n]) => !strict.includes(n)))(
    '%s: nearly every value is refused',
    (_name, schema) => {
      const values = fc.sample(invalid(jsonSchemaOf(schema)), { numRuns: 200, seed: 19 });
      const refused = values.filter((v) => !schema.safeParse(v).success).length;
      expect(refused / values.length).toBeGreaterThan(0.9);
    },
  );
});
