// The pages of the unsubscribe link: a button (a GET never changes anything, because mail scanners
// follow links) and the answers after it. No scripts, everything escaped, under a tight CSP.

/** The pages' CSP: nothing loads from anywhere, inline styles only, and the form posts back here. */
export const UNSUBSCRIBE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.4rem}button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;background:#1a5fb4;color:#fff;border:0;border-radius:4px}
button:focus{outline:3px solid #1a5fb4;outline-offset:2px}.bad{border-left:4px solid #a51d2d;padding-left:.75rem}
.good{border-left:4px solid #26a269;padding-left:.75rem}`;

function shell(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Show reminders</title><style>${STYLE}</style></head><body><main><h1>Show reminders</h1>${body}</main></body></html>`;
}

/** The confirmation page: one button that POSTs the one-click body back to `action`. */
export function confirmPage(address: string, action: string): string {
  return shell(
    `<p>Stop reminder emails and messages before your shows for <strong>${escape(address)}</strong>?</p>
<p>Booking confirmations, cancellations and refunds still arrive: they are your record of what you paid for.</p>
<form method="post" action="${escape(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe from reminders</button></form>`,
  );
}

/** The page after unsubscribing. */
export function donePage(address: string): string {
  return shell(
    `<p class="good" role="status">Done: <strong>${escape(address)}</strong> gets no more show reminders. Signed-in customers can switch them back on in their notification settings.</p>`,
  );
}

/** The page for a link that does not verify. */
export function badLinkPage(message: string): string {
  return shell(`<p class="bad" role="alert">${escape(message)}</p>`);
}
