// The sync server's configuration: every key has a default, an env var and a description (STYLE 8).
import { z } from 'zod';
import { envValue, loadConfig, type ConfigOf, type ConfigSpec } from '../common/config-schema.js';
import { backupsConfigSpec } from './config-backups.js';
import { bookingsConfigSpec } from './config-bookings.js';
import { limitsConfigSpec } from './config-limits.js';
import { notificationsConfigSpec } from './config-notifications.js';

export const serverConfigSpec = {
  host: {
    env: 'HOST',
    default: '127.0.0.1',
    description: 'Address the sync server listens on.',
    schema: envValue.host,
    allowed: 'a host name or IP address',
  },
  port: {
    env: 'PORT',
    default: 7300,
    description: 'TCP port of the sync server (REST, /sync, /api/v1/live).',
    schema: envValue.port,
    allowed: 'an integer from 0 to 65535',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    default: '',
    description: 'PostgreSQL URL; empty starts an embedded PostgreSQL with data in PG_DATA_DIR.',
    schema: z.string().regex(/^postgres(ql)?:\/\//),
    allowed: 'a postgres:// URL',
    secret: true,
  },
  pgDataDir: {
    env: 'PG_DATA_DIR',
    default: '.data/pg',
    description: 'Data folder of the embedded PostgreSQL (used when DATABASE_URL is empty).',
    schema: envValue.text,
    allowed: 'a folder path',
  },
  pgDatabase: {
    env: 'PG_DATABASE',
    default: 'marquee',
    description: 'Database name inside the embedded PostgreSQL.',
    schema: z.string().regex(/^[a-z_][a-z0-9_]*$/),
    allowed: 'a lowercase identifier',
  },
  pgPoolSize: {
    env: 'PG_POOL_SIZE',
    default: 20,
    description: 'Connections in the PostgreSQL pool of one server process.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  holdTtlSeconds: {
    env: 'HOLD_TTL_SECONDS',
    default: 600,
    description: 'How long a seat hold lasts before it expires.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  holdExtendSeconds: {
    env: 'HOLD_EXTEND_SECONDS',
    default: 300,
    description: 'How much one extension (when payment starts) adds to a hold.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  holdMaxSeconds: {
    env: 'HOLD_MAX_SECONDS',
    default: 1200,
    description: 'Hard cap on a hold’s total life, extension included.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  holdSweepMs: {
    env: 'HOLD_SWEEP_MS',
    default: 5000,
    description: 'How often the sweeper releases expired holds.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  reportRollupMs: {
    env: 'REPORT_ROLLUP_MS',
    default: 10000,
    description:
      'How often sales’ report deltas are folded into the daily aggregates (reports read both, so they are current either way).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  liveBatchMs: {
    env: 'LIVE_BATCH_MS',
    default: 50,
    description: 'Seat changes are pushed to live subscribers in batches this often.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  changeLogPollMs: {
    env: 'CHANGE_LOG_POLL_MS',
    default: 250,
    description: 'Fallback interval at which each process tails the change log.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  changeLogKeep: {
    env: 'CHANGE_LOG_KEEP',
    default: 500_000,
    description: 'Change-log rows kept; a station whose cursor is older gets a snapshot.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  heartbeatMs: {
    env: 'HEARTBEAT_MS',
    default: 15_000,
    description: 'WebSocket ping interval; a peer that misses two is dropped.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  allocationCutoffMinutes: {
    env: 'ALLOCATION_CUTOFF_MINUTES',
    default: 30,
    description: 'Minutes before a show when seats escrowed to stations return to general sale.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (minutes)',
  },
  ticketSigningKey: {
    env: 'TICKET_SIGNING_KEY',
    default: '',
    description:
      'Ed25519 secret key (64 hex chars) that signs ticket codes and certifies station keys; empty: generated once and kept in the database.',
    schema: z.string().regex(/^[0-9a-f]{64}$/),
    allowed: '64 lowercase hex characters',
    secret: true,
  },
  authTokenKey: {
    env: 'AUTH_TOKEN_KEY',
    default: '',
    description:
      'HMAC key (64 hex chars) that signs access tokens; empty: generated once and kept in the database.',
    schema: z.string().regex(/^[0-9a-f]{64}$/),
    allowed: '64 lowercase hex characters',
    secret: true,
  },
  accessTokenSeconds: {
    env: 'ACCESS_TOKEN_SECONDS',
    default: 3600,
    description: 'Life of a customer access token (JWT).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  refreshTokenSeconds: {
    env: 'REFRESH_TOKEN_SECONDS',
    default: 604_800,
    description: 'Life of a customer sign-in: its refresh tokens rotate on every use within it.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  staffTokenSeconds: {
    env: 'STAFF_TOKEN_SECONDS',
    default: 900,
    description:
      'Life of a staff access token (admin view), from a PIN at a station or a password.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  staffSessionSeconds: {
    env: 'STAFF_SESSION_SECONDS',
    default: 43_200,
    description: 'Life of a staff sign-in (one shift); its refresh tokens rotate within it.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  enrollmentCodeHours: {
    env: 'ENROLLMENT_CODE_HOURS',
    default: 24,
    description: 'How long a station enrollment code stays valid (it is single use).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (hours)',
  },
  ...limitsConfigSpec,
  ...bookingsConfigSpec,
  ...notificationsConfigSpec,
  ...backupsConfigSpec,
  logLevel: {
    env: 'LOG_LEVEL',
    default: 'info',
    description: 'pino log level.',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    allowed: 'one of fatal, error, warn, info, debug, trace, silent',
  },
  demoSeed: {
    env: 'DEMO_SEED',
    default: 42,
    description: 'Seed of the demo data generator.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer',
  },
  demoHistoryDays: {
    env: 'DEMO_HISTORY_DAYS',
    default: 28,
    description:
      'Days of finished, sold shows a new demo gets before its week, so the reports have figures (0: none).',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (at most 366)',
  },
} satisfies ConfigSpec;

export type ServerConfig = ConfigOf<typeof serverConfigSpec>;

/** Reads the server config from the environment, with optional overrides for tests. */
export function loadServerConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  return loadConfig(serverConfigSpec, env, overrides);
}

/** The sync server's PostgreSQL pool options from its config. */
export function pgPoolOptions(config: ServerConfig): {
  max: number;
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
} {
  return {
    max: config.pgPoolSize,
    acquireTimeoutMs: config.pgAcquireTimeoutMs,
    statementTimeoutMs: config.pgStatementTimeoutMs,
  };
}
