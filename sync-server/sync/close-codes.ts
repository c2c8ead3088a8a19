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

/**
 * Closes the WebSocket library makes itself, before a frame reaches the session (RFC 6455): a
 * frame over the server's maxPayload, or a text frame that is not UTF-8. A station never sends
 * either; it reconnects with backoff like after any other close.
 */
export const WS_CLOSE = { tooBig: 1009, invalidUtf8: 1007 } as const;
