// The notification worker of one server process (DESIGN §9): events fanned out into messages,
// reminders queued when due, due messages delivered. A commit that writes an event or a message
// wakes every process at once (the trigger of migration 0008 NOTIFYs marquee_outbox); a poll
// catches retries as they fall due and anything a lost connection missed.
import pg from 'pg';
import { claimDue, deliverOne, type DeliverDeps } from './deliver.js';
import { fanOutEvents } from './fanout.js';
import { queueReminders } from './reminders.js';

const CHANNEL = 'marquee_outbox';
const BATCH = 200;
const ZERO = { events: 0, reminders: 0, sent: 0, retry: 0, dead: 0 } as const;

/** What one pass did. */
export type PassStats = {
  events: number;
  reminders: number;
  sent: number;
  retry: number;
  dead: number;
};

/** The worker's handle. */
export type NotificationWorker = {
  /** Runs a pass soon (after this process commits something the worker should see). */
  wake(): void;
  /** Runs passes until nothing is due; resolves with what they did (tests, the bench). */
  drain(): Promise<PassStats>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

/** Creates the worker; `start` listens and polls, `drain` works without either. */
export function createNotificationWorker(
  deps: DeliverDeps & {
    listenUrl: string;
    pollMs: number;
    concurrency: number;
    reminderHours: number;
    onError: (e: unknown) => void;
  },
): NotificationWorker {
  let running: Promise<PassStats> | null = null;
  let again = false;
  let stopped = false;
  let poll: NodeJS.Timeout | null = null;
  let listen: pg.Client | null = null;
  let connecting = false;

  const deliverAll = async (stats: PassStats): Promise<void> => {
    // Claim only what is sent at once: a lease then covers one send. Claimed in a larger batch, a
    // message waits behind the others first; when sends are slow its lease runs out while it
    // waits, another process takes it over and sends it, and this one still sends it too.
    const limit = Math.max(1, Math.min(BATCH, deps.concurrency));
    for (;;) {
      const claimed = await claimDue(deps.pool, deps.now(), deps.retry.leaseMs, limit);
      await Promise.all(
        claimed.map(async (m) => {
          stats[await deliverOne(deps, m)]++;
        }),
      );
      if (claimed.length < limit || stopped) return;
    }
  };

  const pass = async (): Promise<PassStats> => {
    const stats: PassStats = { events: 0, reminders: 0, sent: 0, retry: 0, dead: 0 };
    for (let n = BATCH; n === BATCH && !stopped; stats.events += n)
      n = await fanOutEvents(deps.pool, deps.now(), BATCH);
    for (let n = BATCH; n === BATCH && !stopped; stats.reminders += n)
      n = await queueReminders(deps.pool, deps.now(), deps.reminderHours, BATCH);
    await deliverAll(stats);
    return stats;
  };

  const run = (): Promise<PassStats> => {
    if (running) {
      again = true;
      return running;
    }
    const current = pass().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        void run().catch(deps.onError);
      }
    });
    running = current;
    return current;
  };

  const connect = async (): Promise<void> => {
    if (connecting || listen !== null) return;
    connecting = true;
    const client = new pg.Client({ connectionString: deps.listenUrl });
    client.on('error', (e) => {
      deps.onError(e);
      if (listen === client) listen = null;
    });
    client.on('notification', () => {
      if (!stopped) void run().catch(deps.onError);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      listen = client;
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    } finally {
      connecting = false;
    }
  };

  return {
    wake() {
      if (!stopped) void run().catch(deps.onError);
    },
    async drain() {
      const total: PassStats = { events: 0, reminders: 0, sent: 0, retry: 0, dead: 0 };
      const add = (s: PassStats) => {
        for (const k of Object.keys(total) as (keyof PassStats)[]) total[k] += s[k];
      };
      for (;;) {
        // A pass a NOTIFY started is counted too: it did work drain was asked to do, and dropping
        // its figures made drain's answer depend on when a notification happened to arrive.
        if (running) add(await running.catch(() => ZERO));
        const s = await run();
        add(s);
        if (s.events + s.reminders + s.sent + s.retry + s.dead === 0) return total;
      }
    },
    async start() {
      // A database that is down at start must not stop the server: the poll reconnects.
      await connect().catch(deps.onError);
      poll = setInterval(() => {
        void connect().catch(deps.onError);
        void run().catch(deps.onError);
      }, deps.pollMs);
      poll.unref();
      void run().catch(deps.onError);
    },
    async stop() {
      stopped = true;
      if (poll) clearInterval(poll);
      await running?.catch(() => undefined);
      await listen?.end().catch(() => undefined);
      listen = null;
    },
  };
}
