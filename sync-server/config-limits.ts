// The sync server's limits (DESIGN §16, issue 12): what one client, socket or request may take, so
// the seat authority stays up under abuse. Every default is sized so a real user never meets it.
import { z } from 'zod';
import { envValue, type ConfigSpec } from '../common/config-schema.js';

/** Comma-separated list in an env value. */
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== ''),
);

export const limitsConfigSpec = {
  pgAcquireTimeoutMs: {
    env: 'PG_ACQUIRE_TIMEOUT_MS',
    default: 5000,
    description:
      'Longest wait for a free pool connection; then the request answers 503 BO_UNAVAILABLE instead of hanging.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  pgStatementTimeoutMs: {
    env: 'PG_STATEMENT_TIMEOUT_MS',
    default: 15_000,
    description:
      'Longest a single database statement may run before PostgreSQL cancels it (503 BO_UNAVAILABLE).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
  snapshotConcurrency: {
    env: 'SNAPSHOT_CONCURRENCY',
    default: 4,
    description:
      'Station snapshots read and sent at once by one server process; more wait their turn (one per station).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  snapshotQueueMax: {
    env: 'SNAPSHOT_QUEUE_MAX',
    default: 200,
    description:
      'Station snapshots that may wait for a turn; beyond it a station is told the server is busy and retries.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  snapshotReuseSeconds: {
    env: 'SNAPSHOT_REUSE_SECONDS',
    default: 30,
    description:
      'A cinema’s snapshot serves every station of it that asks within this many seconds of its read (they catch up the rest); 0: only stations asking while it is read.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (seconds)',
  },
  snapshotSendSeconds: {
    env: 'SNAPSHOT_SEND_SECONDS',
    default: 120,
    description:
      'A station must take in its snapshot within this, or it is dropped (it reconnects and starts again).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  holdMaxSeats: {
    env: 'HOLD_MAX_SEATS',
    default: 10,
    description: 'Most seats one public (web) hold may take; counters are not limited.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seats)',
  },
  holdsPerClientPerShow: {
    env: 'HOLDS_PER_CLIENT_PER_SHOW',
    default: 4,
    description:
      'Active web holds one client (signed-in customer, else address) may have on one show.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (0 = no cap)',
  },
  holdsPerClient: {
    env: 'HOLDS_PER_CLIENT',
    default: 12,
    description: 'Active web holds one client (signed-in customer, else address) may have in all.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (0 = no cap)',
  },
  heldSeatsPerClientPerShow: {
    env: 'HELD_SEATS_PER_CLIENT_PER_SHOW',
    default: 20,
    description:
      'Seats one client (signed-in customer, else address) may hold on one show through web holds.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (seats; 0 = no cap)',
  },
  holdWritesPerClientPerMinute: {
    env: 'HOLD_WRITES_PER_CLIENT_PER_MINUTE',
    default: 60,
    description:
      'Web hold requests (make, extend, release) one client may send a minute; more get 429.',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer (0 = no limit)',
  },
  liveMaxBufferedBytes: {
    env: 'LIVE_MAX_BUFFERED_BYTES',
    default: 1_048_576,
    description:
      'A station socket (/sync) with more unsent bytes than this is dropped and must resync.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (bytes)',
  },
  liveSocketMaxBufferedBytes: {
    env: 'LIVE_SOCKET_MAX_BUFFERED_BYTES',
    default: 262_144,
    description:
      'A public live seat-map socket (/api/v1/live) with more unsent bytes than this is dropped; it reconnects and takes a fresh snapshot (a 400-seat snapshot is about 40 kB).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (bytes)',
  },
  liveMaxPerAddress: {
    env: 'LIVE_MAX_PER_ADDRESS',
    default: 64,
    description:
      'Live seat-map sockets one IP address may keep open on one server process; more are refused (close code 4429).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  liveMaxConnections: {
    env: 'LIVE_MAX_CONNECTIONS',
    default: 5000,
    description:
      'Live seat-map sockets one server process keeps open in total; more are refused (close code 4503).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  syncMessagesPerSecond: {
    env: 'SYNC_MESSAGES_PER_SECOND',
    default: 50,
    description:
      'Messages a station may send on /sync per second, sustained; one over the burst and this rate gets BO_RATE_LIMITED and is closed (4429).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  syncMessageBurst: {
    env: 'SYNC_MESSAGE_BURST',
    default: 1000,
    description:
      'Messages a station may send on /sync at once, above the sustained rate (an outbox flushed at reconnect).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  syncHelloFailuresPerAddress: {
    env: 'SYNC_HELLO_FAILURES_PER_ADDRESS',
    default: 30,
    description:
      'Failed /sync hellos (unknown station or wrong secret) one address may make per window; then its hellos are refused with BO_RATE_LIMITED without checking the secret.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  syncHelloFailuresPerDevice: {
    env: 'SYNC_HELLO_FAILURES_PER_DEVICE',
    default: 10,
    description:
      'Failed /sync hellos against one station id per window; a station that already proved its secret from an address is judged there by its own failures only.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  syncHelloFailureWindowSeconds: {
    env: 'SYNC_HELLO_FAILURE_WINDOW_SECONDS',
    default: 900,
    description: 'Window over which failed /sync hellos are counted.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (seconds)',
  },
  syncHelloVerifyConcurrency: {
    env: 'SYNC_HELLO_VERIFY_CONCURRENCY',
    default: 2,
    description: 'Station secrets checked at once by one server process (each check is a scrypt).',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  syncHelloVerifyQueue: {
    env: 'SYNC_HELLO_VERIFY_QUEUE',
    default: 100,
    description: 'Hellos that may wait for a secret check; more are refused (close 1013, retry).',
    schema: envValue.nonNegativeInt,
    allowed: 'a non-negative integer',
  },
  bodyLimitBytes: {
    env: 'BODY_LIMIT_BYTES',
    default: 65_536,
    description: 'Largest accepted REST body; larger ones get 413.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (bytes)',
  },
  signInPerIpPerMinute: {
    env: 'SIGN_IN_PER_IP_PER_MINUTE',
    default: 20,
    description:
      'Sign-in, sign-up, refresh, PIN-exchange and station-enrollment attempts one IP address may make a minute.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  signInPerAccountPer15Minutes: {
    env: 'SIGN_IN_PER_ACCOUNT_PER_15_MINUTES',
    default: 10,
    description:
      'Sign-in or PIN attempts against one account (email or staff member) per 15 minutes.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer',
  },
  corsOrigins: {
    env: 'CORS_ORIGINS',
    default: [] as string[],
    description:
      'Web-shop origins whose pages may call the API from a browser, comma-separated (e.g. https://tickets.example.com); empty: none.',
    schema: list.pipe(z.array(z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/))),
    allowed:
      'comma-separated origins like https://tickets.example.com (scheme, host, port; no path)',
  },
  trustProxy: {
    env: 'TRUST_PROXY',
    default: [] as string[],
    description:
      'Reverse proxies (addresses, CIDRs, or loopback / linklocal / uniquelocal) whose X-Forwarded-For names the client; empty: the peer address is the client. Per-address limits count the client.',
    schema: list.pipe(
      z.array(z.string().regex(/^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i)),
    ),
    allowed: 'comma-separated IP addresses or CIDRs, or loopback, linklocal, uniquelocal',
  },
  requestTimeoutMs: {
    env: 'REQUEST_TIMEOUT_MS',
    default: 30_000,
    description:
      'A request’s headers and body must arrive within this; slower ones get 408 and the socket is closed.',
    schema: envValue.positiveInt,
    allowed: 'a positive integer (milliseconds)',
  },
} satisfies ConfigSpec;
