// Reconnect delays: exponential with "equal jitter", so a chain's stations that lost the server at
// the same moment do not all come back in the same millisecond.

const FIRST_MS = 500;

/** Delay before reconnect attempt `attempt` (0-based): between half and all of min(cap, 500 ms × 2^attempt). */
export function backoffDelay(
  attempt: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, FIRST_MS * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Delay after a refusal that retrying soon cannot fix (auth, protocol version): near the cap. */
export function slowDelay(capMs: number, random: () => number = Math.random): number {
  return Math.round(capMs * (0.75 + random() * 0.25));
}
