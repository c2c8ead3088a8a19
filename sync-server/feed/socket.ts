// The part of a ws socket the server's feeds use; structural, so fastify's and ws's socket types both fit.
/** A WebSocket as the live hub and station sessions use it. */
export type Socket = {
  readonly readyState: number;
  readonly OPEN: number;
  readonly bufferedAmount: number;
  send(data: string | Buffer, options?: { binary?: boolean }): void;
  /** Stops reading from the peer (ws 8). */
  pause?(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  ping(): void;
  on(event: 'message', listener: (data: Buffer) => void): unknown;
  on(event: 'close' | 'pong', listener: () => void): unknown;
};

/** How long a dropped peer gets to finish the closing handshake before its TCP socket is cut. */
const CLOSE_GRACE_MS = 1000;

/**
 * Closes a socket with `code`, then cuts it: a peer that does not read never answers the close
 * frame, and ws would otherwise keep its buffers for 30 s waiting for it.
 */
export function dropSocket(
  socket: Socket,
  code: number,
  reason: string,
  graceMs = CLOSE_GRACE_MS,
): void {
  // Nothing more it sends is read or decoded: a flooder costs nothing in its grace second.
  socket.pause?.();
  socket.close(code, reason);
  setTimeout(() => {
    socket.terminate();
  }, graceMs).unref();
}
