// Reconnect delays grow, stay under the cap, and are jittered.
import { describe, expect, it } from 'vitest';
import { backoffDelay, slowDelay } from './backoff.js';
import { socketUrl } from './link.js';

describe('reconnect backoff', () => {
  it('doubles from 500 ms up to the cap, with equal jitter', () => {
    expect(backoffDelay(0, 15_000, () => 0)).toBe(250);
    expect(backoffDelay(0, 15_000, () => 1)).toBe(500);
    expect(backoffDelay(3, 15_000, () => 1)).toBe(4000);
    expect(backoffDelay(10, 15_000, () => 1)).toBe(15_000);
    expect(backoffDelay(10, 15_000, () => 0)).toBe(7500);
    expect(backoffDelay(1000, 15_000, () => 0.5)).toBeLessThanOrEqual(15_000);
  });

  it('retries refusals near the cap', () => {
    expect(slowDelay(20_000, () => 0)).toBe(15_000);
    expect(slowDelay(20_000, () => 1)).toBe(20_000);
  });

  it('derives the station socket URL from the server URL', () => {
    expect(socketUrl('http://127.0.0.1:7300')).toBe('ws://127.0.0.1:7300/sync');
    expect(socketUrl('https://sync.example.com/')).toBe('wss://sync.example.com/sync');
    expect(socketUrl('https://example.com/marquee/')).toBe('wss://example.com/marquee/sync');
  });
});
