import { z } from 'zod';

/** One configuration key: where it comes from, what it defaults to and what it means. */
export type ConfigKey<T> = {
  env: string;
  default: T;
  description: string;
  schema: z.ZodType<T>;
  /** What the key accepts, in words, for the one-line error. */
  allowed: string;
  secret?: boolean;
};

/** A config spec is a map from key name to its definition. */
export type ConfigSpec = Record<string, ConfigKey<unknown>>;

/** The parsed values of a config spec. */
export type ConfigOf<S extends ConfigSpec> = { [K in keyof S]: S[K]['default'] };

/** Thrown when an environment value is not allowed; the message is one line naming the key. */
export class ConfigError extends Error {
  constructor(
    readonly env: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads every key from `env`, falling back to its default; throws ConfigError on the first bad value. */
export function loadConfig<S extends ConfigSpec>(
  spec: S,
  env: Record<string, string | undefined>,
  overrides: Partial<ConfigOf<S>> = {},
): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(spec)) {
    if (key in overrides) {
      out[key] = overrides[key];
      continue;
    }
    const raw = env[def.env];
    if (raw === undefined || raw === '') {
      out[key] = def.default;
      continue;
    }
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      const shown = def.secret === true ? '(hidden)' : JSON.stringify(raw);
      throw new ConfigError(def.env, `Invalid config ${def.env}=${shown}: ${def.allowed}.`);
    }
    out[key] = parsed.data;
  }
  return out as ConfigOf<S>;
}

/** A copy of the config with secret values masked, safe to log. */
export function redactConfig<S extends ConfigSpec>(
  spec: S,
  config: ConfigOf<S>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(spec)) {
    out[key] = spec[key]?.secret === true ? '***' : config[key];
  }
  return out;
}

/** Rows for the README config table: env var, default, description. */
export function describeConfig(
  spec: ConfigSpec,
): { env: string; default: string; description: string }[] {
  return Object.values(spec).map((d) => ({
    env: d.env,
    default: d.secret === true ? '(generated)' : JSON.stringify(d.default),
    description: d.description,
  }));
}

/** Common value schemas for env strings. */
export const envValue = {
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().regex(/^[A-Za-z0-9.:-]+$/),
  positiveInt: z.coerce.number().int().positive(),
  nonNegativeInt: z.coerce.number().int().min(0),
  bool: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
  text: z.string().min(1),
};
