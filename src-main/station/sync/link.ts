// One WebSocket to the sync server at a time: connect, heartbeat, detect a dead link, reconnect with
// backoff. It knows nothing of the protocol beyond ping; the engine says hello and reads messages.
import WebSocket from 'ws';
import type { ClientMsg } from '../../../common/sync-protocol.js';
import { backoffDelay, slowDelay } from './backoff.js';

/** Close codes after which retrying soon cannot help (see sync-server station-session CLOSE). */
export const REFUSED_CODES: ReadonlySet<number> = new Set([4401, 4426]);

/** Why the link went down. */
export type LinkDown = { code: number; reason: string; error: string | null; retryInMs: number };

export type LinkOptions = {
  /** Read at each connect: enrollment may point the station at another server. */
  url: () => string;
  reconnectMaxMs: number;
  heartbeatMs: number;
  deadAfterMs: number;
  /** Outbox items waiting, sent with each ping so managers see it in the station list. */
  pending?: () => number | undefined;
  onConnecting(): void;
  onOpen(): void;
  onMessage(text: string): void;
  onDown(down: LinkDown): void;
};

/** A self-reconnecting link. */
export type Link = {
  start(): void;
  stop(): Promise<void>;
  /** Sends if the socket is open; false otherwise. */
  send(msg: ClientMsg): boolean;
  /** The session worked (welcome): the next outage starts the backoff from the beginning. */
  succeeded(): void;
  /** Drops the current socket (it reconnects after the usual delay). */
  drop(reason: string): void;
};

/** The station socket URL for a server base URL: http(s)://host:port → ws(s)://host:port/sync. */
export function socketUrl(serverUrl: string): string {
  const u = new URL(serverUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/sync`;
  u.search = '';
  u.hash = '';
  return u.toString();
}

/** Creates a link; nothing happens until start(). */
export function createLink(opts: LinkOptions): Link {
  let running = false;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  let deadTimer: NodeJS.Timeout | null = null;
  let dropReason: string | null = null;

  const clearBeat = (): void => {
    if (pingTimer) clearInterval(pingTimer);
    if (deadTimer) clearTimeout(deadTimer);
    pingTimer = null;
    deadTimer = null;
  };

  const connect = (): void => {
    retryTimer = null;
    if (!running) return;
    opts.onConnecting();
    const ws = new WebSocket(opts.url(), {
      handshakeTimeout: opts.deadAfterMs,
      maxPayload: 64 * 1024 * 1024,
    });
    socket = ws;
    let lastError: string | null = null;
    dropReason = null;
    const alive = (): void => {
      deadTimer?.refresh();
    };
    ws.on('open', () => {
      deadTimer = setTimeout(() => {
        // No message, ping or pong for deadAfterMs: the link is dead even if TCP has not noticed.
        lastError = `no message from the server for ${String(Math.round(opts.deadAfterMs / 1000))} s`;
        ws.terminate();
      }, opts.deadAfterMs);
      pingTimer = setInterval(() => {
        if (ws.readyState !== WebSocket.OPEN) return;
        const pending = opts.pending?.();
        ws.send(
          JSON.stringify({
            type: 'ping',
            t: Date.now(),
            ...(pending === undefined ? {} : { pending }),
          } satisfies ClientMsg),
        );
      }, opts.heartbeatMs);
      opts.onOpen();
    });
    ws.on('message', (data: WebSocket.RawData) => {
      // A socket being closed by stop() or drop() may still deliver: its messages are stale.
      if (!running || socket !== ws) return;
      alive();
      opts.onMessage(
        Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Array.isArray(data)
            ? Buffer.concat(data).toString('utf8')
            : Buffer.from(data).toString('utf8'),
      );
    });
    ws.on('ping', alive);
    ws.on('pong', alive);
    ws.on('error', (e: Error & { code?: string }) => {
      lastError = e.code !== undefined ? `${e.code}: ${e.message}` : e.message;
    });
    ws.on('close', (code: number, reason: Buffer) => {
      clearBeat();
      if (socket === ws) socket = null;
      if (!running) return;
      const retryInMs = REFUSED_CODES.has(code)
        ? slowDelay(opts.reconnectMaxMs)
        : backoffDelay(attempt++, opts.reconnectMaxMs);
      retryTimer = setTimeout(connect, retryInMs);
      opts.onDown({
        code,
        reason: dropReason ?? reason.toString('utf8'),
        error: lastError,
        retryInMs,
      });
    });
  };

  return {
    start() {
      if (running) return;
      running = true;
      attempt = 0;
      connect();
    },
    async stop() {
      running = false;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      clearBeat();
      const ws = socket;
      socket = null;
      if (ws === null || ws.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          ws.terminate();
          resolve();
        }, 1000);
        ws.once('close', () => {
          clearTimeout(force);
          resolve();
        });
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000, 'station stopping');
      });
    },
    send(msg) {
      if (socket?.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(msg));
      return true;
    },
    succeeded() {
      attempt = 0;
    },
    drop(reason) {
      // terminate, not close: a half-dead peer would keep a closing handshake waiting for 30 s.
      if (socket === null) return;
      dropReason = reason;
      socket.terminate();
    },
  };
}
