// A keep-alive HTTP client for load generators: one agent per server, bodies read as text and
// parsed only when the caller needs them, a timeout on every request.
import http from 'node:http';

/** A reply; `text` is empty when the caller asked to skip decoding a 2xx body (`bytes` still counts it). */
export type HttpReply = { status: number; text: string; bytes: number };

/** A keep-alive client for one base URL (http://127.0.0.1:port). */
export type HttpClient = {
  request(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    opts?: { skipBody?: boolean; headers?: Record<string, string> },
  ): Promise<HttpReply>;
  close(): void;
};

const TIMEOUT_MS = 10_000;

/** Creates a client that keeps up to `maxSockets` connections open to `baseUrl`. */
export function createHttpClient(baseUrl: string, maxSockets: number): HttpClient {
  const url = new URL(baseUrl);
  if (url.hostname !== '127.0.0.1')
    throw new Error(`bench traffic stays on 127.0.0.1, not ${url.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  return {
    request(method, path, body, opts = {}) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise<HttpReply>((resolve, reject) => {
        const req = http.request(
          {
            host: url.hostname,
            port: url.port,
            method,
            path,
            agent,
            headers: {
              ...opts.headers,
              ...(payload === undefined
                ? {}
                : {
                    'content-type': 'application/json',
                    'content-length': Buffer.byteLength(payload),
                  }),
            },
            timeout: TIMEOUT_MS,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const status = res.statusCode ?? 0;
              const bytes = chunks.reduce((n, c) => n + c.length, 0);
              // Decoding big bodies costs the load generator CPU the server then lacks; skip when unread.
              const skip = opts.skipBody === true && status >= 200 && status < 300;
              resolve({ status, bytes, text: skip ? '' : Buffer.concat(chunks).toString('utf8') });
            });
            res.on('error', reject);
          },
        );
        req.on('timeout', () => {
          req.destroy(new Error(`${method} ${path} timed out after ${String(TIMEOUT_MS)} ms`));
        });
        req.on('error', reject);
        req.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** Short text of an error for error samples. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
