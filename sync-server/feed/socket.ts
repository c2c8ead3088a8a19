// The part of a ws socket the server's feeds use; structural, so fastify's and ws's socket types both fit.
/** A WebSocket as the live hub and station sessions use it. */
export type Socket = {
  readonly readyState: number;
  readonly OPEN: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  ping(): void;
  on(event: 'message', listener: (data: Buffer) => void): unknown;
  on(event: 'close' | 'pong', listener: () => void): unknown;
};
