// A bare station session over /sync for load generators: hello, then mutations answered by ack or
// reject. The server also streams the cinema's changes to every station; those are skipped
// without parsing, since only answers matter here.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, type MutationKind } from '../../../common/sync-protocol.js';

export type Answer =
  { type: 'ack'; result: unknown } | { type: 'reject'; code: string; message: string };

/** A logged-in station connection. */
export type StationClient = {
  mutate(kind: MutationKind, payload: unknown): Promise<Answer>;
  close(): void;
};

const ANSWER_TIMEOUT_MS = 10_000;

type Incoming = { type?: string; id?: string; result?: unknown; code?: string; message?: string };

/** Connects to ws://…/sync, says hello with `cursor` and resolves after welcome. */
export async function connectStation(
  serverUrl: string,
  station: { id: string; secret: string },
  cursor: number,
): Promise<StationClient> {
  const ws = new WebSocket(`${serverUrl.replace(/^http/, 'ws')}/sync`, {
    perMessageDeflate: false,
  });
  const waiting = new Map<string, (a: Answer) => void>();
  let welcomed: (() => void) | null = null;
  let refused: ((e: Error) => void) | null = null;
  ws.on('message', (data: Buffer) => {
    // Answers and welcomes are small; change batches are not and are skipped unparsed.
    const head = data.subarray(0, 24).toString('latin1');
    if (head.startsWith('{"type":"changes"') || head.startsWith('{"type":"pong"')) return;
    const msg = JSON.parse(data.toString('utf8')) as Incoming;
    if (msg.type === 'welcome') welcomed?.();
    else if (msg.type === 'error')
      refused?.(new Error(`station ${station.id}: ${msg.code ?? ''} ${msg.message ?? ''}`));
    else if ((msg.type === 'ack' || msg.type === 'reject') && msg.id !== undefined) {
      const done = waiting.get(msg.id);
      waiting.delete(msg.id);
      done?.(
        msg.type === 'ack'
          ? { type: 'ack', result: msg.result }
          : { type: 'reject', code: msg.code ?? '', message: msg.message ?? '' },
      );
    }
  });
  ws.on('close', () => {
    for (const done of waiting.values())
      done({ type: 'reject', code: 'BENCH_CLOSED', message: 'socket closed' });
    waiting.clear();
    refused?.(new Error(`station ${station.id}: socket closed before welcome`));
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`station ${station.id}: no welcome within 15 s`));
    }, 15_000);
    welcomed = () => {
      clearTimeout(timer);
      welcomed = null;
      refused = null;
      resolve();
    };
    refused = (e) => {
      clearTimeout(timer);
      reject(e);
    };
    ws.once('open', () => {
      ws.send(
        JSON.stringify({
          type: 'hello',
          protocol: PROTOCOL_VERSION,
          device: station.id,
          secret: station.secret,
          cursor,
        }),
      );
    });
    ws.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  ws.on('error', () => undefined);
  return {
    mutate(kind, payload) {
      const id = randomUUID();
      return new Promise<Answer>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve({
            type: 'reject',
            code: 'BENCH_TIMEOUT',
            message: `no answer within ${String(ANSWER_TIMEOUT_MS)} ms`,
          });
        }, ANSWER_TIMEOUT_MS);
        waiting.set(id, (a) => {
          clearTimeout(timer);
          resolve(a);
        });
        ws.send(
          JSON.stringify({
            type: 'mutate',
            id,
            kind,
            payload,
            createdAt: new Date().toISOString(),
            offline: false,
          }),
        );
      });
    },
    close() {
      ws.close();
    },
  };
}
