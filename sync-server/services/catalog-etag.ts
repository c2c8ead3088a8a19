// Strong entity tags for the catalog's pre-serialized bodies, and the If-None-Match test (RFC 9110).
import { createHash } from 'node:crypto';

/** A strong ETag of a body: a hash of its bytes, so equal bodies share it across processes and restarts. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Whether an If-None-Match header names `etag`: `*`, or a comma-separated list of tags compared
 * weakly (a `W/` prefix is ignored), as RFC 9110 §13.1.2 asks for GET.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined || header === '') return false;
  for (const raw of header.split(',')) {
    const tag = raw.trim();
    if (tag === '*' || tag === etag || (tag.startsWith('W/') && tag.slice(2) === etag)) return true;
  }
  return false;
}
