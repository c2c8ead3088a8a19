// Live push to signed-in customers (DESIGN §9, §16). addNotification NOTIFYs `marquee_push` when
// its transaction commits; each server process keeps ONE dedicated LISTEN connection (reconnected
// when it breaks) and fans each notification out to that customer's sockets on this process.
// Sockets are bounded like the live seat map's: caps per address and in total before sign-in, a
// cap per customer after it, heartbeats that need a pong, and a slow reader is dropped.
import pg from 'pg';
import { z } from 'zod';
import type { NotificationView, PushServerMsg } from '../../../common/api/notifications.js';
import { createLiveGuard, SLOW_READER_CLOSE, type LiveRefusal } from '../../feed/live-guard.js';
import { dropSocket, type Socket } from '../../feed/socket.js';
import type { ServerConfig } from '../../config.js';
import { notificationView, PUSH_CHANNEL, readNotification, unreadCount } from './store.js';

/** Close code of a customer's socket over their cap. */
export const PUSH_CLOSE_TOO_MANY = 4429;

/** Where one customer socket's messages go (it may hold them until its `ready` is sent). */
export type PushSink = { socket: Socket; deliver(text: string): void };

export type PushHub = {
  /** Counts a new socket in (address and total caps, heartbeat) or says why not; before sign-in. */
  admit(socket: Socket, address: string): LiveRefusal | null;
  /** Subscribes a signed-in customer's socket; null when they have too many open already. */
  add(customerId: string, sink: PushSink): (() => void) | null;
  /** Sends one message, dropping a socket that is too far behind. */
  send(socket: Socket, msg: PushServerMsg): void;
  /** Sends one message already in JSON, dropping a socket that is too far behind. */
  sendText(socket: Socket, text: string): void;
  /** Subscribed sockets on this process. */
  size(): number;
  /** Whether the LISTEN connection is up (for tests and health). */
  listening(): boolean;
  /** Opens the LISTEN connection (a database that is down does not stop the server: it retries). */
  start(): Promise<void>;
  /** Closes the LISTEN connection and stops the timers. */
  stop(): Promise<void>;
};

/** What the hub needs: the database, the socket limits and somewhere to report trouble. */
export type PushHubOptions = {
  /** Opens the dedicated LISTEN connection. */
  listenUrl: string;
  /** Reads back notifications too long for a NOTIFY payload. */
  pool: pg.Pool;
  heartbeatMs: number;
  maxPerCustomer: number;
  maxPerAddress: number;
  maxTotal: number;
  /** Unsent bytes after which a socket is dropped. */
  maxBuffered: number;
  onError?: (e: unknown) => void;
};

const announced = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  kind: z.string().optional(),
  title: z.string().optional(),
  body: z.string().optional(),
  bookingId: z.uuid().nullable().optional(),
  createdAt: z.string().optional(),
  readAt: z.string().nullable().optional(),
});

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 30_000;

/** Creates the hub of one server process. */
export function createPushHub(opts: PushHubOptions): PushHub {
  const guard = createLiveGuard(opts);
  const subs = new Map<string, Set<PushSink>>();
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  let listenedBefore = false;

  const sendText = (socket: Socket, text: string): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > opts.maxBuffered) {
      dropSocket(socket, SLOW_READER_CLOSE, 'too slow; reconnect and read the list');
      return;
    }
    socket.send(text);
  };

  const viewOf = async (m: z.infer<typeof announced>): Promise<NotificationView | null> => {
    if (m.kind !== undefined && m.title !== undefined && m.body !== undefined && m.createdAt)
      return {
        id: m.id,
        kind: m.kind,
        title: m.title,
        body: m.body,
        bookingId: m.bookingId ?? null,
        createdAt: new Date(m.createdAt).toISOString(),
        readAt: m.readAt ? new Date(m.readAt).toISOString() : null,
      };
    // Too long for a NOTIFY payload: announced by id, read back here.
    const n = await readNotification(opts.pool, m.customerId, m.id);
    return n === null ? null : notificationView(n);
  };

  const onNotify = async (payload: string | undefined): Promise<void> => {
    let m;
    try {
      m = announced.parse(JSON.parse(payload ?? ''));
    } catch (e) {
      opts.onError?.(e);
      return;
    }
    // Most processes have no socket of this customer: they spend nothing on it.
    if (!subs.has(m.customerId)) return;
    const notification = await viewOf(m);
    const set = subs.get(m.customerId);
    if (notification === null || set === undefined) return;
    const text = JSON.stringify({ type: 'notification', notification } satisfies PushServerMsg);
    for (const sink of set) sink.deliver(text);
  };

  const resyncAll = async (): Promise<void> => {
    for (const [customerId, set] of subs) {
      const unread = await unreadCount(opts.pool, customerId).catch(() => null);
      if (unread === null) continue;
      const text = JSON.stringify({ type: 'resync', unread } satisfies PushServerMsg);
      for (const sink of set) sink.deliver(text);
    }
  };

  const retry = (): void => {
    if (stopped || retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void listen();
    }, retryMs);
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
  };

  const listen = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: opts.listenUrl });
    const lost = (e?: unknown) => {
      if (e !== undefined) opts.onError?.(e);
      if (client === c) client = null;
      void c.end().catch(() => undefined);
      retry();
    };
    c.on('error', lost);
    c.on('end', () => {
      if (client === c) lost();
    });
    c.on('notification', (n) => {
      if (n.channel === PUSH_CHANNEL)
        void onNotify(n.payload).catch((e: unknown) => opts.onError?.(e));
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${PUSH_CHANNEL}`);
      // stop() may have run while this connected (the compiler cannot see that).
      if (stopped as boolean) {
        await c.end();
        return;
      }
      client = c;
      retryMs = RETRY_MIN_MS;
      // While the feed was down, notifications were listed but not pushed: every socket is told to
      // read its list again, with its unread count, so none is missed silently.
      if (listenedBefore) await resyncAll();
      listenedBefore = true;
    } catch (e) {
      lost(e);
    }
  };

  return {
    admit: (socket, address) => guard.admit(socket, address),
    add(customerId, sink) {
      const set = subs.get(customerId) ?? new Set<PushSink>();
      if (set.size >= opts.maxPerCustomer) return null;
      set.add(sink);
      subs.set(customerId, set);
      return () => {
        set.delete(sink);
        if (set.size === 0 && subs.get(customerId) === set) subs.delete(customerId);
      };
    },
    send: (socket, msg) => {
      sendText(socket, JSON.stringify(msg));
    },
    sendText,
    size: () => [...subs.values()].reduce((n, s) => n + s.size, 0),
    listening: () => client !== null,
    async start() {
      stopped = false;
      await listen();
    },
    async stop() {
      stopped = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      guard.stop();
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/** The hub's options from the server's config: its pool, limits and logger. */
export function pushHubOptions(
  config: ServerConfig,
  pool: pg.Pool,
  log: { warn(details: object, message: string): void },
): PushHubOptions {
  return {
    listenUrl: pool.options.connectionString ?? config.databaseUrl,
    pool,
    heartbeatMs: config.heartbeatMs,
    maxPerCustomer: config.pushMaxSocketsPerCustomer,
    // Before sign-in a push socket is as anonymous as a seat map's: the same per-address and
    // total caps bound it (counted separately), and the same byte budget bounds a slow reader.
    maxPerAddress: config.liveMaxPerAddress,
    maxTotal: config.liveMaxConnections,
    maxBuffered: config.liveSocketMaxBufferedBytes,
    onError: (e) => {
      log.warn({ err: e }, 'live notification listener failed; reconnecting');
    },
  };
}
