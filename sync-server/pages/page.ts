// The server's few HTML pages (the test gateway's checkout, the password-reset form, the
// unsubscribe page) share one shell: no scripts, everything escaped, under a tight CSP, never cached.
import type { FastifyInstance } from 'fastify';

/** Their CSP: nothing loads from anywhere, inline styles only, and forms post back here. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Text made safe for HTML content and attribute values. */
export const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.4rem}.amount{font-size:2rem;font-weight:700}label{display:block;margin-top:1rem;font-weight:600}
input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;border:2px solid #555;border-radius:4px}
input:focus,button:focus{outline:3px solid #1a5fb4;outline-offset:2px}
button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;background:#1a5fb4;color:#fff;border:0;border-radius:4px}
.note{background:#f3f3f3;padding:.75rem;border-radius:4px}.bad{border-left:4px solid #a51d2d;padding-left:.75rem}
.good{border-left:4px solid #26a269;padding-left:.75rem}code{font-size:1rem}`;

/** A whole page: `title` escaped here, `body` already-escaped HTML. Never indexed, no referrer. */
export function pageShell(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** Sets the headers of a page answer: its CSP, no caching, HTML. */
export function sendsPage(reply: {
  header: (k: string, v: string) => unknown;
  type: (t: string) => unknown;
}): void {
  reply.header('content-security-policy', PAGE_CSP);
  reply.header('cache-control', 'no-store');
  reply.type('text/html; charset=utf-8');
}

/** Lets the routes of `app` (one plugin's scope) take HTML form posts, up to `bodyLimit` bytes. */
export function acceptForms(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}
