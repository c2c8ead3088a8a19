// The pages of the unsubscribe link: a button (a GET never changes anything, because mail scanners
// follow links) and the answers after it. No scripts, everything escaped, under a tight CSP.

import { escapeHtml as escape, pageShell } from '../../pages/page.js';

const shell = (body: string) => pageShell('Show reminders', `<h1>Show reminders</h1>${body}`);

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
