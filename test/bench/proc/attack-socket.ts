// The pieces every P8 attacker shares: a tally of what the server did to it, and a socket that never
// reads but notices when it was dropped, then comes back (attackers do not give up).
import type net from 'node:net';
import WebSocket from 'ws';
import type { AttackResult } from './attack-io.js';

const MAX_SAMPLES = 20_000;
/** A non-reader cannot see the server's FIN; a write every second gets the RST that shows the drop. */
const SONAR_MS = 1000;

/** Counts, lifetimes and answer times, bounded. */
export type Tally = {
  count(name: string, n?: number): void;
  lifetime(ms: number): void;
  answer(ms: number): void;
  error(e: unknown): void;
  result(kind: string): AttackResult;
};

/** Creates an empty tally. */
export function createTally(): Tally {
  const counts: Record<string, number> = {};
  const lifetimesMs: number[] = [];
  const answerMs: number[] = [];
  const errorSamples: string[] = [];
  const count = (name: string, n = 1) => {
    counts[name] = (counts[name] ?? 0) + n;
  };
  return {
    count,
    lifetime: (ms) => {
      if (lifetimesMs.length < MAX_SAMPLES) lifetimesMs.push(Math.round(ms));
    },
    answer: (ms) => {
      if (answerMs.length < MAX_SAMPLES) answerMs.push(Math.round(ms * 100) / 100);
    },
    error(e) {
      const text = e instanceof Error ? e.message : String(e);
      // ws reports a refused upgrade as an error naming the HTTP status.
      const refused = /Unexpected server response: (\d+)/.exec(text);
      if (refused) count(`refusedHttp${refused[1] ?? ''}`);
      else count('socketErrors');
      if (errorSamples.length < 8 && !errorSamples.includes(text)) errorSamples.push(text);
    },
    result: (kind) => ({ kind, counts, lifetimesMs, answerMs, errorSamples }),
  };
}

/** Stops the network reads of a ws client: the server's sends pile up in its buffers. */
export function stopReading(ws: WebSocket): void {
  (ws as unknown as { _socket?: net.Socket })._socket?.pause();
}

/**
 * Keeps one socket to `url` open until `until` (wall ms): opens it, stops reading, runs `onOpen`,
 * and after every drop counts it and reconnects `backoffMs` later. Returns a function that cuts it.
 */
export function persistentNonReader(opts: {
  url: string;
  localAddress?: string;
  until: number;
  backoffMs: number;
  tally: Tally;
  onOpen(ws: WebSocket): void;
}): () => void {
  let current: WebSocket | null = null;
  let stopped = false;
  const connect = (): void => {
    if (stopped || Date.now() >= opts.until) return;
    const ws = new WebSocket(opts.url, {
      perMessageDeflate: false,
      ...(opts.localAddress === undefined ? {} : { localAddress: opts.localAddress }),
    });
    current = ws;
    let openedAt = 0;
    let sonar: NodeJS.Timeout | undefined;
    ws.on('open', () => {
      openedAt = performance.now();
      opts.tally.count('opened');
      stopReading(ws);
      sonar = setInterval(() => {
        try {
          ws.ping();
        } catch {
          // Closing already; the close event counts it.
        }
      }, SONAR_MS);
      opts.onOpen(ws);
    });
    ws.on('error', (e) => {
      opts.tally.error(e);
    });
    ws.on('close', (code) => {
      clearInterval(sonar);
      if (openedAt > 0) {
        const lived = performance.now() - openedAt;
        opts.tally.lifetime(lived);
        opts.tally.count(stopped ? 'cutByAttacker' : `dropped${String(code)}`);
        // A non-reader cannot see a refusal's close code; a refusal is cut within about 2 s.
        if (!stopped && lived < 2500) opts.tally.count('droppedWithin2500ms');
      }
      if (!stopped) setTimeout(connect, opts.backoffMs).unref();
    });
  };
  connect();
  return () => {
    stopped = true;
    // A socket the server never accepted in time is a refusal too, just a silent one.
    if (current?.readyState === WebSocket.CONNECTING) opts.tally.count('stillConnectingAtEnd');
    current?.terminate();
  };
}
