// fast-check arbitraries from a JSON Schema (issue 19): the zod schemas give one through
// z.toJSONSchema, the server's OpenAPI document has one for every REST body, param and query.
// `validish` follows the schema (refinements it cannot express aside); `invalid` breaks it.
import fc from 'fast-check';
import { z } from 'zod';

/** The part of JSON Schema (2020-12 and OpenAPI 3.0) the fuzzers understand. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  default?: unknown;
  [k: string]: unknown;
};

export type ArbOptions = {
  /** The document `$ref`s point into (an OpenAPI document, or the schema itself). */
  root?: unknown;
  /** Ids that exist (seats, shows, staff): a uuid is one of these half of the time. */
  ids?: readonly string[];
  /** Ids by property name (`showId`, `seatIds`…): such a property takes one of these half the time. */
  named?: Readonly<Record<string, readonly string[]>>;
  /** Optional properties are left out this often (0..1); default a half. */
  optionalFreq?: number;
};

const MAX_DEPTH = 6;
const LETTERS = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split('');
const word = fc.string({
  unit: fc.constantFrom(...LETTERS),
  minLength: 1,
  maxLength: 12,
});

/** The zod schema's input as JSON Schema (what a caller may send). */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function deref(s: JsonSchema, opts: ArbOptions): JsonSchema {
  let cur = s;
  for (let i = 0; cur.$ref !== undefined && i < 10; i++) {
    const ref = cur.$ref;
    if (!ref.startsWith('#/')) return {};
    let node: unknown = opts.root ?? s;
    for (const part of ref.slice(2).split('/'))
      node = (node as Record<string, unknown> | undefined)?.[
        part.replace(/~1/g, '/').replace(/~0/g, '~')
      ];
    if (node === undefined || node === null || typeof node !== 'object') return {};
    cur = {
      ...(node as JsonSchema),
      ...Object.fromEntries(Object.entries(cur).filter(([k]) => k !== '$ref')),
    };
  }
  return cur;
}

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === 'string') return [s.type];
  if (s.properties !== undefined || s.additionalProperties !== undefined) return ['object'];
  if (s.items !== undefined) return ['array'];
  return [];
}

function bounds(s: JsonSchema, integer: boolean): { min: number; max: number } {
  let min = s.minimum ?? -1_000_000;
  let max = s.maximum ?? 1_000_000;
  if (typeof s.exclusiveMinimum === 'number') min = s.exclusiveMinimum + (integer ? 1 : 1e-6);
  else if (s.exclusiveMinimum === true) min += integer ? 1 : 1e-6;
  if (typeof s.exclusiveMaximum === 'number') max = s.exclusiveMaximum - (integer ? 1 : 1e-6);
  else if (s.exclusiveMaximum === true) max -= integer ? 1 : 1e-6;
  min = Math.max(min, Number.MIN_SAFE_INTEGER);
  max = Math.min(max, Number.MAX_SAFE_INTEGER);
  return { min, max };
}

function isoDate(): fc.Arbitrary<Date> {
  return fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
}

function stringArb(s: JsonSchema, opts: ArbOptions): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = s.maxLength ?? Math.max(minLength, 40);
  switch (s.format) {
    case 'uuid': {
      const fresh = fc.uuid({ version: [4, 7] });
      return opts.ids !== undefined && opts.ids.length > 0
        ? fc.oneof(fc.constantFrom(...opts.ids), fresh)
        : fresh;
    }
    case 'date':
      return isoDate().map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return isoDate().map((d) => d.toISOString());
    case 'email':
      return fc.tuple(word, word).map(([a, b]) => `${a}@${b.toLowerCase()}.example`);
    case 'uri':
    case 'url':
      return word.map((w) => `https://${w.toLowerCase()}.example/`);
    default:
      break;
  }
  if (s.pattern !== undefined) {
    try {
      const re = new RegExp(s.pattern);
      // No filter on the length: a pattern's strings rarely fit tight bounds, and a filter that
      // never passes hangs generation. A string of the wrong length is still a fair input.
      return fc.stringMatching(re, { size: 'xsmall' });
    } catch {
      // A pattern JavaScript cannot read: fall through to plain words.
    }
  }
  return fc.string({
    unit: fc.constantFrom(...LETTERS, '-'),
    minLength,
    maxLength: Math.min(maxLength, minLength + 60),
  });
}

/** Values that follow the schema (as far as JSON Schema can say). */
export function validish(
  schema: JsonSchema,
  opts: ArbOptions = {},
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = deref(schema, opts);
  const nextDepth = depth + 1;
  const inner = (sub: JsonSchema) => validish(sub, opts, nextDepth);
  const withNull = (a: fc.Arbitrary<unknown>) =>
    s.nullable === true
      ? fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) })
      : a;
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum !== undefined && s.enum.length > 0) return withNull(fc.constantFrom(...s.enum));
  const alts = s.anyOf ?? s.oneOf;
  if (alts !== undefined && alts.length > 0) return withNull(fc.oneof(...alts.map(inner)));
  if (s.allOf !== undefined && s.allOf.length > 0) {
    // Merged as one object: what the documents here use allOf for.
    const parts = s.allOf.map((p) => deref(p, opts));
    const merged: JsonSchema = {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<
        string,
        JsonSchema
      >,
      required: parts.flatMap((p) => p.required ?? []),
    };
    if (parts.every((p) => p.properties === undefined)) return withNull(inner(parts[0] ?? {}));
    return withNull(inner(merged));
  }
  const types = typesOf(s);
  if (types.length === 0)
    return depth >= MAX_DEPTH ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  const arbs = types.map((t): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer': {
        const { min, max } = bounds(s, true);
        return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      }
      case 'number': {
        const { min, max } = bounds(s, false);
        return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      }
      case 'string':
        return stringArb(s, opts);
      case 'array': {
        const minLength = s.minItems ?? 0;
        const maxLength = Math.min(s.maxItems ?? minLength + 4, minLength + 4);
        if (depth >= MAX_DEPTH) return fc.constant([]);
        return fc.array(inner(s.items ?? {}), { minLength, maxLength });
      }
      case 'object':
        return objectArb(s, opts, depth);
      default:
        return fc.constant(null);
    }
  });
  return withNull(arbs.length === 1 ? (arbs[0] as fc.Arbitrary<unknown>) : fc.oneof(...arbs));
}

function objectArb(s: JsonSchema, opts: ArbOptions, depth: number): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const inner = (sub: JsonSchema) => validish(sub, opts, depth + 1);
  const keys = Object.keys(props);
  if (keys.length === 0 && typeof s.additionalProperties === 'object') {
    // A record: keys from propertyNames (an enum) or words.
    const names = s.propertyNames?.enum;
    const key =
      names !== undefined && names.length > 0 ? fc.constantFrom(...names.map(String)) : word;
    return fc.dictionary(key, inner(s.additionalProperties), { maxKeys: 4 });
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) {
    const ids = opts.named?.[k];
    model[k] =
      ids === undefined
        ? inner(props[k] ?? {})
        : validish(props[k] ?? {}, { ...opts, ids }, depth + 1);
  }
  const requiredKeys = keys.filter((k) => required.has(k));
  const freq = opts.optionalFreq ?? 0.5;
  if (requiredKeys.length === keys.length) return fc.record(model);
  // Each optional property is present or not; fast-check shrinks towards leaving them out.
  return fc
    .tuple(
      fc.record(model),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
        minLength: keys.length,
        maxLength: keys.length,
      }),
    )
    .map(([full, coins]) =>
      Object.fromEntries(
        Object.entries(full).filter(([k], i) => required.has(k) || (coins[i] ?? 0) >= freq),
      ),
    );
}

/** Values that break the schema: anything at all, wrong types, missing or extra props, huge strings. */
export function invalid(schema: JsonSchema, opts: ArbOptions = {}): fc.Arbitrary<unknown> {
  const s = deref(schema, opts);
  const good = validish(s, opts);
  const huge = fc.string({ minLength: 5_000, maxLength: 70_000, unit: 'grapheme' });
  const arbs: fc.Arbitrary<unknown>[] = [
    fc.anything({ maxDepth: 3 }),
    fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string(), fc.boolean()),
    huge,
    fc.constantFrom(NaN, Infinity, -1, -0, 1e308, '__proto__', 'constructor', [], {}),
  ];
  if (typesOf(s).includes('object') || s.properties !== undefined) {
    const props = Object.keys(s.properties ?? {});
    arbs.push(
      // One property of the wrong type (or a huge string, or an object where a scalar goes).
      fc
        .tuple(
          good,
          fc.constantFrom(...(props.length > 0 ? props : ['x'])),
          fc.anything({ maxDepth: 2 }),
        )
        .map(([v, k, bad]) => ({ ...(isObject(v) ? v : {}), [k]: bad })),
      // A required property missing.
      fc.tuple(good, fc.constantFrom(...(s.required ?? props.concat('x')))).map(([v, k]) => {
        return Object.fromEntries(Object.entries(isObject(v) ? v : {}).filter(([n]) => n !== k));
      }),
      // An extra property, including ones that reach the prototype.
      fc
        .tuple(
          good,
          fc.constantFrom('extra', '__proto__', 'constructor', 'toString'),
          fc.jsonValue(),
        )
        .map(([v, k, x]) => {
          const o: Record<string, unknown> = { ...(isObject(v) ? v : {}) };
          Object.defineProperty(o, k, {
            value: x,
            enumerable: true,
            writable: true,
            configurable: true,
          });
          return o;
        }),
      fc
        .tuple(good, fc.constantFrom(...(props.length > 0 ? props : ['x'])), huge)
        .map(([v, k, h]) => ({
          ...(isObject(v) ? v : {}),
          [k]: h,
        })),
    );
  }
  return fc.oneof(...arbs);
}

/** Valid-ish three times out of four, invalid otherwise. */
export function anyInput(schema: JsonSchema, opts: ArbOptions = {}): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: validish(schema, opts) },
    { weight: 1, arbitrary: invalid(schema, opts) },
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** fast-check's parameters for a fuzz property: FUZZ_SEED replays a run, FUZZ_RUNS scales it. */
export function fuzzParams(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED;
  const runs = process.env.FUZZ_RUNS;
  return {
    numRuns: runs === undefined ? numRuns : Number(runs),
    ...(seed === undefined ? {} : { seed: Number(seed) }),
    ...(process.env.FUZZ_PATH === undefined ? {} : { path: process.env.FUZZ_PATH }),
    verbose: fc.VerbosityLevel.Verbose,
  };
}
