import { describe, expect, it } from 'vitest';
import { isSaleClosed, saleClosesAt, showClosedMessage, startedAgo } from './show-sale-window.js';

// Instants are built from one fixed start, so nothing here depends on the machine's clock.
const start = Date.UTC(2026, 10, 4, 19, 30);
const min = (n: number) => start + n * 60_000;

describe('show sale window', () => {
  it('sells up to the grace period after the start, and not from then on', () => {
    expect(saleClosesAt(start, 30)).toBe(min(30));
    expect(isSaleClosed(start, 30, min(-120))).toBe(false);
    expect(isSaleClosed(start, 30, min(29))).toBe(false);
    expect(isSaleClosed(start, 30, min(30))).toBe(true);
    expect(isSaleClosed(start, 0, start)).toBe(true);
  });

  it('says how long ago a show started in words', () => {
    expect(startedAgo(start, min(0.5))).toBe('just now');
    expect(startedAgo(start, min(40))).toBe('40 min ago');
    expect(startedAgo(start, min(120))).toBe('2 h ago');
    expect(startedAgo(start, min(125))).toBe('2 h 5 min ago');
    expect(showClosedMessage(start, min(40))).toBe(
      'This show started 40 min ago and is closed for sale. Choose a later show.',
    );
  });
});
