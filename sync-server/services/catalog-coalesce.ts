// Request coalescing that never serves a read older than the request: a caller that arrives while a
// load for its key runs waits for it to finish and shares the *next* load, which starts after the
// caller arrived. So a customer who just held seats always sees them, yet a hundred callers of one
// hot key cost one load per round instead of a hundred.

/** Wraps `load` so concurrent calls per key share loads that all start after the call. */
export function coalesce<V>(load: (key: string) => Promise<V>): (key: string) => Promise<V> {
  const running = new Map<string, Promise<V>>();
  const next = new Map<string, Promise<V>>();

  const start = (key: string): Promise<V> => {
    const p = load(key);
    running.set(key, p);
    const done = (): void => {
      if (running.get(key) === p) running.delete(key);
    };
    void p.then(done, done);
    return p;
  };

  return (key) => {
    const queued = next.get(key);
    if (queued !== undefined) return queued;
    const current = running.get(key);
    if (current === undefined) return start(key);
    const settle = (): Promise<V> => {
      next.delete(key);
      return start(key);
    };
    const p = current.then(settle, settle);
    next.set(key, p);
    return p;
  };
}
