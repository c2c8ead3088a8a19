// What the station core needs from its sync engine and print queue (implemented in sync/ and printing/).
import type { Result } from '../../common/errors.js';
import type { MutationKind } from '../../common/sync-protocol.js';
import type { TicketPrintData } from '../printing/print-data.js';

/** A final answer of the server to a queued mutation. */
export type Outcome =
  | { mutation: { id: string; kind: string; payload: unknown }; outcome: 'ack'; result: unknown }
  | {
      mutation: { id: string; kind: string; payload: unknown };
      outcome: 'reject';
      code: string;
      message: string;
    };

/** The sync engine as sales use it. */
export type SyncPort = {
  isOnline(): boolean;
  enqueue(
    kind: MutationKind,
    payload: unknown,
    opts?: { offline?: boolean; id?: string; inTx?: () => void },
  ): string;
  request(kind: MutationKind, payload: unknown, timeoutMs?: number): Promise<Result<unknown>>;
  onOutcome(listener: (o: Outcome) => void): () => void;
  withdraw(id: string): boolean;
};

/** The print queue as sales and tills use it. */
export type PrintPort = {
  enqueue(kind: 'ticket' | 'receipt' | 'zreport' | 'test' | 'refund', payload: never): string;
  /** Queues a copy marked REPRINT n; `keep` picks the tickets of a ticket job it prints. */
  reprint(jobId: string, keep?: (ticket: TicketPrintData) => boolean): string;
};

/**
 * Sends a mutation and waits for the server's answer. With no answer in time, a mutation that was
 * never sent is withdrawn (nothing happened: 'withdrawn'); one already sent may still complete
 * ('late'), and `onLate` hears its answer when it comes (while this station runs).
 */
export async function ask(
  sync: SyncPort,
  kind: MutationKind,
  payload: unknown,
  timeoutMs: number,
  onLate?: (o: Outcome) => void,
): Promise<
  Result<unknown> | { ok: false; error: { code: 'BO_NO_ANSWER'; message: string }; late: boolean }
> {
  if (!sync.isOnline())
    return {
      ok: false,
      error: { code: 'BO_NO_ANSWER', message: 'The station is offline.' },
      late: false,
    };
  let off = (): void => undefined;
  const id = crypto.randomUUID();
  const answer = new Promise<Result<unknown> | null>((resolve) => {
    const timer = setTimeout(() => {
      resolve(null);
    }, timeoutMs);
    off = sync.onOutcome((o) => {
      if (o.mutation.id !== id) return;
      clearTimeout(timer);
      resolve(
        o.outcome === 'ack'
          ? { ok: true, value: o.result }
          : { ok: false, error: { code: o.code, message: o.message } },
      );
    });
  });
  sync.enqueue(kind, payload, { id });
  const r = await answer;
  off();
  if (r !== null) return r;
  const withdrawn = sync.withdraw(id);
  if (!withdrawn && onLate !== undefined) {
    const offLate = sync.onOutcome((o) => {
      if (o.mutation.id !== id) return;
      offLate();
      onLate(o);
    });
  }
  return {
    ok: false,
    error: { code: 'BO_NO_ANSWER', message: 'The server did not answer in time.' },
    late: !withdrawn,
  };
}
