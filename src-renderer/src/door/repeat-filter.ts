// One ticket held in front of the camera is one scan: the camera reads its code many times a
// second, so the same code is passed on again only after it has been out of sight for a while.

/** Remembers codes seen in the last `quietMs`; `fresh` says whether a code should be scanned now. */
export function createRepeatFilter(quietMs: number, now: () => number = Date.now) {
  const lastSeen = new Map<string, number>();
  return {
    /** True for a code not seen within `quietMs`; every sighting restarts its quiet time. */
    fresh(code: string): boolean {
      const t = now();
      for (const [c, at] of lastSeen) if (t - at >= quietMs) lastSeen.delete(c);
      const seen = lastSeen.has(code);
      lastSeen.set(code, t);
      return !seen;
    },
  };
}
