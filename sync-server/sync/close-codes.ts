// The close codes of /sync: a station reconnects with backoff after any of them but 4401 and 4426.
/** Close codes a station understands. */
export const CLOSE = {
  protocol: 4426,
  auth: 4401,
  garbage: 4400,
  slow: 4008,
  helloTimeout: 4408,
  /** Sent more messages than any station would; the station reconnects with backoff. */
  rateLimited: 4429,
  /** Too many hellos waiting for a secret check, or snapshots waiting (standard "try again later"). */
  busy: 1013,
} as const;
