// Each server process tails the change log itself (DESIGN §4). A local commit wakes it at once;
// other processes are woken by at most one NOTIFY per batch window, never one per sale.
import pg from 'pg';
import {
  headPosition,
  readChanges,
  type LoggedChange,
  type LogPosition,
} from '../services/change-log.js';

const CHANNEL = 'marquee_changes';
const NOTIFY_WINDOW_MS = 20;
const BATCH = 1000;

export type ChangeFeed = {
  /** Call after committing changes: reads now, and tells other processes once per window. */
  wake(): void;
  /** Receives every change in log order, once. */
  subscribe(listener: (changes: LoggedChange[]) => void): () => void;
  /** Where the feed stands. */
  position(): LogPosition;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** Creates a feed over `pool`; `listenUrl` opens the dedicated LISTEN connection. */
export function createChangeFeed(
  pool: pg.Pool,
  opts: { listenUrl: string; pollMs: number; onError?: (e: unknown) => void },
): ChangeFeed {
  const listeners = new Set<(changes: LoggedChange[]) => void>();
  let pos: LogPosition = { txId: '0', seq: 0 };
  let reading: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let notifyTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let listenClient: pg.Client | null = null;

  let initialized = false;
  const reconnectListen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: opts.listenUrl });
    client.on('error', (e) => {
      opts.onError?.(e);
      if (listenClient === client) listenClient = null;
    });
    await client.connect();
    client.on('notification', () => {
      read();
    });
    await client.query(`LISTEN ${CHANNEL}`);
    listenClient = client;
  };

  const init = async (): Promise<void> => {
    pos = await headPosition(pool);
    await reconnectListen();
    initialized = true;
  };

  const readAll = async (): Promise<void> => {
    if (!initialized) await init();
    else if (listenClient === null) await reconnectListen();
    for (;;) {
      const batch = await readChanges(pool, pos, null, BATCH);
      const last = batch.at(-1);
      if (last === undefined) return;
      pos = { txId: last.txId, seq: last.seq };
      for (const l of listeners) l(batch);
      if (batch.length < BATCH) return;
    }
  };

  const read = (): void => {
    if (stopped) return;
    if (reading) {
      again = true;
      return;
    }
    reading = readAll()
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        reading = null;
        if (again) {
          again = false;
          read();
        }
      });
  };

  return {
    wake() {
      read();
      notifyTimer ??= setTimeout(() => {
        notifyTimer = null;
        if (!stopped) void pool.query(`NOTIFY ${CHANNEL}`).catch((e: unknown) => opts.onError?.(e));
      }, NOTIFY_WINDOW_MS);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    position: () => pos,
    async start() {
      // A database that is down at start must not stop the server: the poll retries.
      await init().catch((e: unknown) => opts.onError?.(e));
      // Stragglers (a commit that waited for an older transaction) are caught by the poll.
      pollTimer = setInterval(read, opts.pollMs);
    },
    async stop() {
      stopped = true;
      if (pollTimer) clearInterval(pollTimer);
      if (notifyTimer) clearTimeout(notifyTimer);
      await reading;
      await listenClient?.end().catch(() => undefined);
    },
  };
}
