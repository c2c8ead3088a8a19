// One customer's push socket (GET /api/v1/me/live). It signs in with the Authorization header of
// the upgrade or, since browsers cannot set headers on a WebSocket, with {"type":"auth","token"}
// as its first message within PUSH_AUTH_TIMEOUT_MS; otherwise it is closed with 4401 and a reason.
// The token is checked like every request's (signature, expiry, live session), and the socket is
// closed with 4401 when the token expires: the client reconnects with a fresh one.
import { decodeJwt } from 'jose';
import type pg from 'pg';
import { pushClientMsg, type PushServerMsg } from '../../../common/api/notifications.js';
import { BoError } from '../../../common/errors.js';
import { dropSocket, type Socket } from '../../feed/socket.js';
import { resolvePrincipal, type Principal } from '../../identity/principal.js';
import { sessionIsLive } from '../../identity/sessions.js';
import { PUSH_CLOSE_TOO_MANY, type PushHub } from './push-hub.js';
import { unreadCount } from './store.js';

/** Close code of a socket that did not sign in, or whose sign-in ended. */
export const PUSH_CLOSE_UNAUTHORIZED = 4401;
/** Close code of a socket signed in as someone who is not a customer. */
export const PUSH_CLOSE_FORBIDDEN = 4403;

/** What a push socket needs from the app. */
export type PushSocketDeps = {
  hub: PushHub;
  pool: pg.Pool;
  key: () => Promise<Uint8Array>;
  now: () => Date;
  authTimeoutMs: number;
};

// setTimeout cannot wait longer than this (about 24.8 days).
const MAX_TIMER_MS = 2_147_483_647;

/** Runs one socket: `principal` and `header` come from its upgrade request. */
export function runPushSocket(
  socket: Socket,
  upgrade: { principal: Principal; header: string | undefined; address: string },
  deps: PushSocketDeps,
): void {
  const { hub } = deps;
  const refused = hub.admit(socket, upgrade.address);
  if (refused) {
    hub.send(socket, {
      type: 'error',
      code: refused.code,
      message:
        refused.code === 'BO_RATE_LIMITED'
          ? 'Too many live sockets open from this address; close some.'
          : 'Live notifications are full right now; try again in a minute.',
    });
    dropSocket(socket, refused.closeCode, refused.code);
    return;
  }
  let state: 'waiting' | 'checking' | 'open' | 'closed' = 'waiting';
  let authTimer: NodeJS.Timeout | null = null;
  let expiryTimer: NodeJS.Timeout | null = null;
  let remove: (() => void) | null = null;

  const fail = (closeCode: number, code: string, message: string): void => {
    if (state === 'closed') return;
    state = 'closed';
    hub.send(socket, { type: 'error', code, message } satisfies PushServerMsg);
    dropSocket(socket, closeCode, code);
  };

  const begin = async (principal: Principal, token: string): Promise<void> => {
    if (principal.kind !== 'customer') {
      fail(PUSH_CLOSE_FORBIDDEN, 'BO_FORBIDDEN', 'Only customers have live notifications.');
      return;
    }
    // Verified just before: decoding only reads the expiry it was verified against.
    const exp = decodeJwt(token).exp ?? 0;
    const unread = await unreadCount(deps.pool, principal.id);
    if (state !== 'checking') return;
    // Messages wait in one chain: behind `ready`, so it is always first, and behind a check that
    // the sign-in is still live, so a signed-out (revoked) socket gets nothing more and is closed.
    // Notifications are few per customer: one lookup each costs little.
    let chain = Promise.resolve();
    let ready: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const sessionId = principal.sessionId;
    remove = hub.add(principal.id, {
      socket,
      deliver: (text) => {
        chain = chain
          .then(() => opened)
          .then(async () => {
            if (state !== 'open') return;
            if (await sessionIsLive(deps.pool, sessionId, deps.now())) hub.sendText(socket, text);
            else
              fail(
                PUSH_CLOSE_UNAUTHORIZED,
                'BO_UNAUTHORIZED',
                'That sign-in has ended. Sign in again.',
              );
          })
          .catch(() => {
            fail(1011, 'BO_UNAVAILABLE', 'Live notifications are not available right now.');
          });
      },
    });
    if (remove === null) {
      fail(
        PUSH_CLOSE_TOO_MANY,
        'BO_RATE_LIMITED',
        'Too many live sockets open for this account; close some tabs or apps.',
      );
      return;
    }
    state = 'open';
    hub.send(socket, { type: 'ready', unread });
    ready();
    const left = Math.min(MAX_TIMER_MS, Math.max(0, exp * 1000 - deps.now().getTime()));
    expiryTimer = setTimeout(() => {
      fail(
        PUSH_CLOSE_UNAUTHORIZED,
        'BO_UNAUTHORIZED',
        'Your sign-in has expired. Reconnect with a fresh access token.',
      );
    }, left);
  };

  const authenticate = async (token: string): Promise<void> => {
    state = 'checking';
    if (authTimer !== null) clearTimeout(authTimer);
    try {
      const principal = await resolvePrincipal(`Bearer ${token}`, {
        pool: deps.pool,
        key: deps.key,
        now: deps.now(),
      });
      // The socket may have closed while the token was checked (the compiler cannot see that).
      if ((state as string) !== 'checking') return;
      await begin(principal, token);
    } catch (e) {
      if (e instanceof BoError && e.code === 'BO_UNAUTHORIZED')
        fail(PUSH_CLOSE_UNAUTHORIZED, e.code, e.message);
      else fail(1011, 'BO_UNAVAILABLE', 'Live notifications are not available right now.');
    }
  };

  socket.on('close', () => {
    state = 'closed';
    if (authTimer !== null) clearTimeout(authTimer);
    if (expiryTimer !== null) clearTimeout(expiryTimer);
    remove?.();
  });
  socket.on('message', (data) => {
    if (state !== 'waiting') {
      if (state === 'open')
        hub.send(socket, {
          type: 'error',
          code: 'BO_BAD_REQUEST',
          message: 'This socket only sends; nothing needs to be sent to it after signing in.',
        });
      return;
    }
    let msg;
    try {
      msg = pushClientMsg.parse(JSON.parse(data.toString('utf8')));
    } catch {
      fail(
        PUSH_CLOSE_UNAUTHORIZED,
        'BO_UNAUTHORIZED',
        'Sign in first: send {"type":"auth","token":"<access token>"}.',
      );
      return;
    }
    void authenticate(msg.token);
  });

  const bearer = /^bearer\s+(.+)$/i.exec(upgrade.header ?? '')?.[1]?.trim();
  if (upgrade.principal.kind !== 'anonymous' && bearer !== undefined) {
    state = 'checking';
    void begin(upgrade.principal, bearer).catch(() => {
      fail(1011, 'BO_UNAVAILABLE', 'Live notifications are not available right now.');
    });
    return;
  }
  if (upgrade.principal.kind !== 'anonymous') {
    fail(PUSH_CLOSE_FORBIDDEN, 'BO_FORBIDDEN', 'Only customers have live notifications.');
    return;
  }
  authTimer = setTimeout(() => {
    if (state === 'waiting')
      fail(
        PUSH_CLOSE_UNAUTHORIZED,
        'BO_UNAUTHORIZED',
        'Sign in within a few seconds: send {"type":"auth","token":"<access token>"}.',
      );
  }, deps.authTimeoutMs);
}
