// A WebSocket test client that records every message and waits for the one a test expects.
import WebSocket from 'ws';

export type TestSocket = {
  ws: WebSocket;
  messages: Record<string, unknown>[];
  send(msg: unknown): void;
  /** Resolves with the first message (from `from` on) that matches; rejects after `timeoutMs`. */
  next<T extends Record<string, unknown>>(
    match: (m: Record<string, unknown>) => boolean,
    timeoutMs?: number,
    from?: number,
  ): Promise<T>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
};

/** Opens a socket and resolves once it is open; `options` go to ws (e.g. autoPong, localAddress). */
export async function openSocket(
  url: string,
  options: WebSocket.ClientOptions = {},
): Promise<TestSocket> {
  const ws = new WebSocket(url, options);
  const messages: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data: Buffer) => {
    messages.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
    for (const w of waiters) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      resolve();
    });
    ws.once('error', reject);
  });
  return {
    ws,
    messages,
    closed,
    send: (msg) => {
      ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
    },
    next: <T extends Record<string, unknown>>(
      match: (m: Record<string, unknown>) => boolean,
      timeoutMs = 5000,
      from = 0,
    ) =>
      new Promise<T>((resolve, reject) => {
        let i = from;
        const check = () => {
          for (; i < messages.length; i++) {
            const m = messages[i];
            if (m !== undefined && match(m)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(m as T);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching message within ${String(timeoutMs)} ms; got ${JSON.stringify(messages.slice(-5)).slice(0, 800)}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => {
      ws.close();
    },
  };
}
