// The card payment terminal port (issue 18): what a kiosk needs from a card terminal, and a
// simulated terminal for the demo and tests. A real integration implements PaymentTerminal: start
// a payment for an amount, answer once with its outcome, cancel on request, and say while the
// customer is at the terminal (so the kiosk's idle timer pauses). It never throws for a refusal:
// declined, cancelled and timed out are outcomes; only a broken connection may throw.

/** The one answer to a card payment. Only `approved` took money; its reference goes on the receipt. */
export type TerminalOutcome =
  | { outcome: 'approved'; reference: string }
  | { outcome: 'declined'; reason: string }
  | { outcome: 'cancelled' }
  | { outcome: 'timed-out' };

/** What the terminal is doing: anything but idle means the customer is at the terminal. */
export type TerminalState = 'idle' | 'waiting-for-card';

/** A card payment terminal, as the kiosk's core uses it. */
export type PaymentTerminal = {
  readonly kind: string;
  /** Starts a card payment; one at a time. Resolves once, with the outcome. */
  pay(req: { paymentId: string; amountMinor: number; currency: string }): Promise<TerminalOutcome>;
  /** Cancels the payment in progress (it then resolves `cancelled`); false when none was. */
  cancel(): boolean;
  /**
   * Gives an approved payment back (a reversal) when the sale it paid for could not be made;
   * resolves true once the money is back on the card.
   */
  reverse(req: { reference: string; amountMinor: number; currency: string }): Promise<boolean>;
  state(): TerminalState;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onState(listener: (s: TerminalState) => void): () => void;
};

/** How the simulated terminal answers: drive it for tests and the demo. */
export type SimulatedAnswer = 'approve' | 'decline' | 'cancel' | 'timeout';

/**
 * A simulated terminal: a payment waits `delayMs`, then takes the next queued answer (approve when
 * none). `drive` answers the payment in progress at once, or queues the answer for the next one.
 */
export function createSimulatedTerminal(opts: { delayMs: number }): PaymentTerminal & {
  drive(answer: SimulatedAnswer): void;
  /** References of the payments given back, oldest first. */
  reversals(): string[];
} {
  const reversed: string[] = [];
  const queued: SimulatedAnswer[] = [];
  const listeners = new Set<(s: TerminalState) => void>();
  let current: { finish: (a: SimulatedAnswer) => void } | null = null;
  let seq = 0;
  const setState = (s: TerminalState) => {
    for (const l of listeners) l(s);
  };
  const outcomeOf = (a: SimulatedAnswer): TerminalOutcome => {
    if (a === 'approve')
      return { outcome: 'approved', reference: `SIM-${String(++seq).padStart(6, '0')}` };
    if (a === 'decline') return { outcome: 'declined', reason: 'Card declined by the issuer.' };
    if (a === 'cancel') return { outcome: 'cancelled' };
    return { outcome: 'timed-out' };
  };
  return {
    kind: 'simulated',
    pay() {
      if (current !== null)
        return Promise.reject(new Error('The terminal is taking another payment.'));
      return new Promise<TerminalOutcome>((resolve) => {
        const timer = setTimeout(() => {
          finish(queued.shift() ?? 'approve');
        }, opts.delayMs);
        const finish = (a: SimulatedAnswer) => {
          clearTimeout(timer);
          current = null;
          setState('idle');
          resolve(outcomeOf(a));
        };
        current = { finish };
        setState('waiting-for-card');
      });
    },
    cancel() {
      if (current === null) return false;
      current.finish('cancel');
      return true;
    },
    reverse({ reference }) {
      reversed.push(reference);
      return Promise.resolve(true);
    },
    reversals: () => [...reversed],
    state: () => (current === null ? 'idle' : 'waiting-for-card'),
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    drive(answer) {
      if (current !== null) current.finish(answer);
      else queued.push(answer);
    },
  };
}
