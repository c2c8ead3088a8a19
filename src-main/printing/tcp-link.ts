// One TCP connection to a raw-port printer, with every wait bounded by a timeout and every socket
// event turned into a value, so a printer that vanishes or talks nonsense cannot hang or crash
// the station.
import net from 'node:net';

/** What a read returns: a byte, or why there is none. */
export type ReadOutcome = number | 'timeout' | 'closed';

/** An open connection to a printer. */
export class TcpLink {
  private readonly received: number[] = [];
  private closed = false;
  private failure: Error | null = null;
  private waiter: (() => void) | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      // A printer has nothing long to say; cap what a babbling one can make us hold.
      if (this.received.length < 4096) this.received.push(...chunk.subarray(0, 4096));
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', (err) => {
      this.failure ??= err;
      this.closed = true;
      this.wake();
    });
  }

  /** Connects within `timeoutMs`; resolves an Error (never rejects) when the printer cannot be reached. */
  static connect(host: string, port: number, timeoutMs: number): Promise<TcpLink | Error> {
    return new Promise((resolve) => {
      const socket = net.connect({ host, port });
      socket.setNoDelay(true);
      // Late errors (after a timeout destroyed the socket) must not become uncaught exceptions.
      socket.on('error', () => undefined);
      const fail = (err: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        resolve(err);
      };
      const timer = setTimeout(
        () => fail(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      socket.once('error', fail);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve(new TcpLink(socket));
      });
    });
  }

  /** Writes bytes; resolves null once the kernel took them, or an Error on failure or timeout. */
  write(bytes: Uint8Array, timeoutMs: number): Promise<Error | null> {
    if (this.closed) return Promise.resolve(new Error('connection closed'));
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve(new Error(`printer did not accept data within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.socket.write(bytes, (err) => {
        clearTimeout(timer);
        resolve(err ?? null);
      });
    });
  }

  /** Reads the next byte the printer sent, waiting at most `timeoutMs`. */
  async readByte(timeoutMs: number): Promise<ReadOutcome> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length === 0) {
      if (this.closed) return 'closed';
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.received.shift() ?? 'closed';
  }

  /** The socket error that ended the connection (a reset, a broken pipe), if any. */
  error(): Error | null {
    return this.failure;
  }

  /** Whether the peer has closed or reset the connection. */
  isClosed(): boolean {
    return this.closed;
  }

  /** Half-closes and waits (bounded) for the printer to close its side. */
  async end(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    this.socket.end();
    const deadline = Date.now() + timeoutMs;
    while (!this.isClosed() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Drops the connection immediately. */
  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}
