// A client of a station's contract over its web shell's WebSocket, as the renderer talks to it: for
// scripts that drive a running station process (npm start opening the demo kiosk, the chaos run's
// cashiers). One socket is one session: a sign-in lasts as long as the socket.
import WebSocket from 'ws';

/** A channel's answer as the station gives it. */
export type ContractResult =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

export type ContractClient = {
  call(channel: string, input?: unknown, timeoutMs?: number): Promise<ContractResult>;
  /** Resolves when the station closes the socket (or the process goes away). */
  closed: Promise<void>;
  close(): void;
};

/** Opens a contract session with the station at `url` (http://host:port). */
export async function openContract(url: string): Promise<ContractClient> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/contract`, { origin: url });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => undefined);
  let id = 0;
  const waiting = new Map<number, (r: ContractResult) => void>();
  const gone = (message: string) => {
    for (const [, resolve] of waiting)
      resolve({ ok: false, error: { code: 'CONTRACT_GONE', message } });
    waiting.clear();
  };
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      gone('the station closed the session');
      resolve();
    }),
  );
  socket.on('message', (data: Buffer) => {
    const frame = JSON.parse(data.toString()) as {
      t: string;
      id?: number;
      result?: ContractResult;
    };
    if (frame.t !== 'result' || frame.id === undefined || frame.result === undefined) return;
    waiting.get(frame.id)?.(frame.result);
    waiting.delete(frame.id);
  });
  return {
    closed,
    call: (channel, input = {}, timeoutMs = 60_000) =>
      new Promise<ContractResult>((resolve) => {
        if (socket.readyState !== WebSocket.OPEN) {
          resolve({ ok: false, error: { code: 'CONTRACT_GONE', message: 'not connected' } });
          return;
        }
        id += 1;
        const mine = id;
        const timer = setTimeout(() => {
          waiting.delete(mine);
          resolve({
            ok: false,
            error: { code: 'CONTRACT_TIMEOUT', message: `${channel} timed out` },
          });
        }, timeoutMs);
        waiting.set(mine, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        socket.send(JSON.stringify({ t: 'call', id: mine, channel, input }));
      }),
    close: () => socket.close(),
  };
}
