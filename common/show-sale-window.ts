// When a show stops selling at the counter: its start plus a grace period for latecomers. One rule
// for the station's sell path and the show list, so the list never offers what the sale refuses.

const MINUTE_MS = 60_000;

/** The instant (ms) after which a show that started at `startsAtMs` no longer sells. */
export function saleClosesAt(startsAtMs: number, graceMinutes: number): number {
  return startsAtMs + graceMinutes * MINUTE_MS;
}

/** True when the show's sale window has passed at `nowMs`. */
export function isSaleClosed(startsAtMs: number, graceMinutes: number, nowMs: number): boolean {
  return nowMs >= saleClosesAt(startsAtMs, graceMinutes);
}

/** How long ago a show started, for people: "40 min ago", "2 h 5 min ago"; "just now" under a minute. */
export function startedAgo(startsAtMs: number, nowMs: number): string {
  const minutes = Math.floor((nowMs - startsAtMs) / MINUTE_MS);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${String(minutes)} min ago`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${String(h)} h ago` : `${String(h)} h ${String(m)} min ago`;
}

/** Why a show cannot be sold any more, in the cashier's words. */
export function showClosedMessage(startsAtMs: number, nowMs: number): string {
  return `This show started ${startedAgo(startsAtMs, nowMs)} and is closed for sale. Choose a later show.`;
}
