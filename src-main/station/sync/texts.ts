// What the sync engine tells people (status.lastError, BO_OFFLINE answers): each says what happened
// and what to do, because a cashier reads it, not a developer.
import type { LinkDown } from './link.js';

const REFUSED_TEXT: Record<number, string> = {
  4401: 'The server does not know this station or its secret is wrong. Ask a manager for a new enrollment code.',
  4426: 'The server speaks another sync protocol version. Update the station app.',
};

/** The message of anything thrown. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const retryText = (down: LinkDown): string =>
  `retrying in ${String(Math.max(1, Math.round(down.retryInMs / 1000)))} s`;

/** lastError after the server refused the station (auth, protocol); the server's own words win. */
export function refusedText(down: LinkDown, serverMessage: string | null): string {
  return `${serverMessage ?? REFUSED_TEXT[down.code] ?? down.reason} (${retryText(down)})`;
}

/** lastError after the link dropped or could not be made. */
export function linkDownText(serverUrl: string, down: LinkDown): string {
  const why = down.error ?? (down.reason || `closed with code ${String(down.code)}`);
  return `No link to the sync server at ${serverUrl} (${why}); ${retryText(down)}. Sales of escrowed seats go on offline.`;
}

/** The BO_OFFLINE answer of request() when the station is not connected. */
export const OFFLINE_TEXT =
  'The station is offline; the request stays queued and is sent when the server is back.';
