// The admin view's road to the sync server (DESIGN §13). The renderer calls /server/api/v1/… on its
// own origin (its CSP allows nothing else) and the shell forwards the call here, to the server the
// station is enrolled with. Only the admin API, token refresh and sign-out, and the server's media
// (posters) pass; the caller's own Authorization header is forwarded, the station adds none.
import type { Credential } from './enrollment.js';

/** The path prefix the renderer uses. */
export const FORWARD_PREFIX = '/server';

/** The largest body forwarded (a poster upload with its multipart framing). */
export const FORWARD_BODY_LIMIT = 6 * 1024 * 1024;

const ALLOWED = [
  /^\/api\/v1\/admin\//,
  /^\/api\/v1\/media\/[^/]+$/,
  /^\/api\/v1\/auth\/(refresh|logout)$/,
];
const REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'if-none-match',
  'idempotency-key',
];
const ANSWER_HEADERS = [
  'content-type',
  'etag',
  'cache-control',
  'retry-after',
  'location',
  'last-modified',
  'x-content-type-options',
];
const TIMEOUT_MS = 20_000;

/** A call as a shell received it: the path after /server, with its query. */
export type ForwardCall = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array | null;
};

/** What the shell answers. */
export type ForwardAnswer = { status: number; headers: Record<string, string>; body: Uint8Array };

const json = (status: number, code: string, message: string): ForwardAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: new TextEncoder().encode(JSON.stringify({ error: { code, message } })),
});

/** True when `path` (after /server, query included) may be forwarded. */
export function forwardable(path: string): boolean {
  const bare = path.split('?')[0] ?? '';
  return !bare.includes('..') && !bare.includes('//') && ALLOWED.some((r) => r.test(bare));
}

/** Forwards one call to the enrolled server; answers 404, 503 BO_OFFLINE or the server's answer. */
export async function forwardToServer(
  credential: Credential | null,
  call: ForwardCall,
  fetchImpl: typeof fetch = fetch,
): Promise<ForwardAnswer> {
  if (!forwardable(call.path))
    return json(404, 'BO_NOT_FOUND', 'The station forwards only the admin API to the server.');
  if (!credential)
    return json(503, 'BO_OFFLINE', 'This station is not enrolled with a server yet.');
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const v = call.headers[name];
    if (typeof v === 'string') headers.set(name, v);
  }
  let res: Response;
  try {
    res = await fetchImpl(`${credential.serverUrl.replace(/\/+$/, '')}${call.path}`, {
      method: call.method,
      headers,
      ...(call.body !== null && call.method !== 'GET' && call.method !== 'HEAD'
        ? { body: new Blob([Buffer.from(call.body)]) }
        : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return json(
      503,
      'BO_OFFLINE',
      'The server cannot be reached from this station; nothing was changed. Try again when it is online.',
    );
  }
  const out: Record<string, string> = {};
  for (const name of ANSWER_HEADERS) {
    const v = res.headers.get(name);
    if (v !== null) out[name] = v;
  }
  return { status: res.status, headers: out, body: new Uint8Array(await res.arrayBuffer()) };
}
