// The only way the renderer talks to the station (STYLE 13): Electron's preload bridge, or the web shell's WebSocket.
import type { EventPayload, InvokeOf } from '../../common/contract/define.js';
import type { StationContract, StationEvents } from '../../common/contract/station.js';
import { serverFrame } from '../../common/contract/wire.js';
import type { Result } from '../../common/errors.js';

type Bridge = {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(name: string, listener: (payload: unknown) => void): () => void;
};

declare global {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    marquee?: Bridge;
  }
}

/** A typed client of the station contract. */
export type StationClient = {
  invoke: InvokeOf<StationContract>;
  on<K extends keyof StationEvents>(
    name: K,
    listener: (payload: EventPayload<StationEvents, K>) => void,
  ): () => void;
  onConnection(listener: (connected: boolean) => void): () => void;
};

// Longer than the station's own server timeouts (8 s for a sale), so its answer always wins.
const CALL_TIMEOUT_MS = 30_000;

function webSocketBridge(
  url: string,
): Bridge & { onConnection(l: (c: boolean) => void): () => void } {
  let ws: WebSocket | undefined;
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const connectionListeners = new Set<(c: boolean) => void>();
  let opened: Promise<WebSocket> | undefined;
  let delay = 250;

  const connect = (): Promise<WebSocket> => {
    opened ??= new Promise((resolve) => {
      const sock = new WebSocket(url);
      sock.onopen = () => {
        ws = sock;
        delay = 250;
        connectionListeners.forEach((l) => {
          l(true);
        });
        resolve(sock);
      };
      sock.onmessage = (ev: MessageEvent<string>) => {
        let raw: unknown;
        try {
          raw = JSON.parse(ev.data);
        } catch {
          return;
        }
        const frame = serverFrame.safeParse(raw);
        if (!frame.success) return;
        if (frame.data.t === 'result') {
          pending.get(frame.data.id)?.(frame.data.result);
          pending.delete(frame.data.id);
        } else {
          const payload = frame.data.payload;
          listeners.get(frame.data.name)?.forEach((l) => {
            l(payload);
          });
        }
      };
      sock.onclose = () => {
        ws = undefined;
        opened = undefined;
        connectionListeners.forEach((l) => {
          l(false);
        });
        for (const [id, done] of pending) {
          done({
            ok: false,
            error: {
              code: 'BO_UNAVAILABLE',
              message:
                'Lost the connection to the station; it reconnects by itself. Try again in a moment.',
            },
          });
          pending.delete(id);
        }
        setTimeout(() => void connect(), delay);
        delay = Math.min(delay * 2, 5000);
      };
    });
    return opened;
  };
  void connect();

  return {
    async invoke(channel, input) {
      const sock = ws ?? (await connect());
      const id = nextId++;
      return new Promise((resolve) => {
        // A station that never answers must not leave the counter waiting for ever.
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({
            ok: false,
            error: {
              code: 'BO_UNAVAILABLE',
              message:
                'The station did not answer in time. Try again; if it keeps happening, restart the station.',
            },
          });
        }, CALL_TIMEOUT_MS);
        pending.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        sock.send(JSON.stringify({ t: 'call', id, channel, input }));
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      // A late subscriber still learns the current state (the socket may have opened already).
      listener(ws !== undefined);
      return () => connectionListeners.delete(listener);
    },
  };
}

/** Creates the client: Electron's bridge when present, else a WebSocket to the serving web shell. */
export function createStationClient(): StationClient {
  const electron = window.marquee;
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/contract`;
  const bridge = electron ?? webSocketBridge(wsUrl);
  // Electron's bridge is in-process: it is always connected.
  const onConnection =
    'onConnection' in bridge
      ? (bridge.onConnection as (l: (c: boolean) => void) => () => void)
      : (l: (c: boolean) => void) => {
          l(true);
          return () => undefined;
        };
  return {
    invoke: ((channel: string, input: unknown) =>
      bridge.invoke(channel, input)) as InvokeOf<StationContract>,
    on: (name, listener) => bridge.on(name, listener as (p: unknown) => void),
    onConnection,
  };
}
