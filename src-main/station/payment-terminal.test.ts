// The simulated card terminal answers as driven, says while the customer is at it, and cancels.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulatedTerminal, type TerminalState } from './payment-terminal.js';

const req = { paymentId: 'p1', amountMinor: 2000, currency: 'INR' };
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the simulated terminal', () => {
  it('approves after its delay with a reference, and reports the customer at the terminal meanwhile', async () => {
    const t = createSimulatedTerminal({ delayMs: 3000 });
    const states: TerminalState[] = [];
    t.onState((s) => states.push(s));
    const paid = t.pay(req);
    expect(t.state()).toBe('waiting-for-card');
    await vi.advanceTimersByTimeAsync(2999);
    expect(t.state()).toBe('waiting-for-card');
    await vi.advanceTimersByTimeAsync(1);
    expect(await paid).toEqual({ outcome: 'approved', reference: 'SIM-000001' });
    expect(states).toEqual(['waiting-for-card', 'idle']);
  });

  it('takes queued answers in order: declined, then approved', async () => {
    const t = createSimulatedTerminal({ delayMs: 0 });
    t.drive('decline');
    t.drive('timeout');
    const first = t.pay(req);
    await vi.advanceTimersByTimeAsync(0);
    expect(await first).toMatchObject({ outcome: 'declined' });
    const second = t.pay(req);
    await vi.advanceTimersByTimeAsync(0);
    expect(await second).toEqual({ outcome: 'timed-out' });
    const third = t.pay(req);
    await vi.advanceTimersByTimeAsync(0);
    expect(await third).toMatchObject({ outcome: 'approved' });
  });

  it('answers a payment in progress when driven, cancels on request, and takes one at a time', async () => {
    const t = createSimulatedTerminal({ delayMs: 60_000 });
    const paid = t.pay(req);
    await expect(t.pay(req)).rejects.toThrow(/another payment/);
    t.drive('decline');
    expect(await paid).toMatchObject({ outcome: 'declined' });
    const again = t.pay(req);
    expect(t.cancel()).toBe(true);
    expect(await again).toEqual({ outcome: 'cancelled' });
    expect(t.cancel()).toBe(false);
    expect(t.state()).toBe('idle');
  });
});
