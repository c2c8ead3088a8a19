// A tiny typed listener set: a listener that throws is logged and never breaks the sync loop.
import type { SyncLog } from './types.js';

/** Listeners of one event. */
export type Listeners<T> = { add(l: (v: T) => void): () => void; emit(v: T): void };

/** Creates a listener set whose errors go to `log` under `name`. */
export function createListeners<T>(name: string, log: SyncLog): Listeners<T> {
  const set = new Set<(v: T) => void>();
  return {
    add(l) {
      // A wrapper per subscription, so the same function subscribed twice unsubscribes independently.
      const w = (v: T): void => {
        l(v);
      };
      set.add(w);
      return () => {
        set.delete(w);
      };
    },
    emit(v) {
      for (const l of [...set]) {
        try {
          l(v);
        } catch (e) {
          log('error', `${name} listener threw`, {
            error: e instanceof Error ? e.message : String(e),
          });
        }
      }
    },
  };
}

/** Wraps a callback so that an exception is logged under `name` instead of thrown. */
export function guarded<A extends unknown[]>(
  log: SyncLog,
  name: string,
  fn: (...args: A) => void,
): (...args: A) => void {
  return (...args) => {
    try {
      fn(...args);
    } catch (e) {
      log('error', `${name} failed`, { error: e instanceof Error ? e.message : String(e) });
    }
  };
}
