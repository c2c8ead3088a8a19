// What identity routes need from the app: the token key, lifetimes, the clock and the attempt guard.
import type pg from 'pg';
import type { ServerConfig } from '../config.js';
import type { AttemptGuard } from './limits.js';
import type { SessionClaims, TokenSettings } from './sessions.js';
import { accessTokenKey } from './tokens.js';
import type { Access } from './access.js';

/** Identity services decorated onto the app (`app.ctx.identity`). */
export type IdentityContext = {
  /** The access-token key (generated once per database when not configured). */
  key: () => Promise<Uint8Array>;
  /** Lifetimes for a subject kind. */
  settings: (kind: SessionClaims['kind']) => Promise<TokenSettings>;
  /** The clock every token and session uses (tests move it). */
  now: () => Date;
  /** Rate limits on sign-in-like attempts. */
  guard: AttemptGuard;
  /** `METHOD /url` → who may call it, for the docs and the RBAC matrix. */
  routeAccess: Map<string, Access>;
};

/** Builds the identity context for one app. */
export function createIdentityContext(
  pool: pg.Pool,
  config: ServerConfig,
  parts: { now: () => Date; guard: AttemptGuard; routeAccess: Map<string, Access> },
): IdentityContext {
  const key = () => accessTokenKey(pool, config.authTokenKey);
  return {
    key,
    settings: async (kind) => ({
      key: await key(),
      accessSeconds: kind === 'customer' ? config.accessTokenSeconds : config.staffTokenSeconds,
      refreshSeconds: kind === 'customer' ? config.refreshTokenSeconds : config.staffSessionSeconds,
    }),
    ...parts,
  };
}
