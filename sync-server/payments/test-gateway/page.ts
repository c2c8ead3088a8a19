// The test gateway's payment page: what a buyer sees on a provider's hosted checkout, with the test
// cards listed. Self-contained (no scripts), escaped, and under its own tight CSP.
import { formatMoney } from '../../../common/money.js';
import { TEST_CARDS } from './gateway.js';
import type { IntentStatus } from './ledger.js';

/** The page's CSP: nothing from anywhere, inline styles, and the form posts back here. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const escape = (s: string) =>
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

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The checkout page of an intent. */
export function checkoutPage(
  intentId: string,
  i: { amountMinor: number; currency: string; description: string },
  message: { kind: 'bad' | 'good'; text: string } | null = null,
): string {
  const cards = Object.entries(TEST_CARDS)
    .map(([n, what]) => `<li><code>${n.replace(/(\d{4})(?=\d)/g, '$1 ')}</code> ${what}</li>`)
    .join('');
  return shell(
    'Pay — test gateway',
    `<h1>Test payment</h1><p>${escape(i.description)}</p><p class="amount">${escape(formatMoney(i.amountMinor, i.currency, 'en-GB'))}</p>
${message === null ? '' : `<p class="${message.kind}" role="alert">${escape(message.text)}</p>`}
<form method="post" action="/pay/test/${escape(intentId)}"><label for="card">Card number</label>
<input id="card" name="card" inputmode="numeric" autocomplete="cc-number" required pattern="[0-9 -]{12,23}" autofocus>
<button type="submit">Pay ${escape(formatMoney(i.amountMinor, i.currency, 'en-GB'))}</button></form>
<div class="note"><p>This is the built-in test gateway: no real money moves. Test cards:</p><ul>${cards}</ul></div>`,
  );
}

/** The page after paying. */
export function resultPage(status: IntentStatus, amount: string): string {
  const text =
    status === 'succeeded'
      ? `<p class="good" role="status">Payment of ${escape(amount)} received. Your tickets are confirmed; you can close this page.</p>`
      : status === 'processing'
        ? `<p class="good" role="status">Your bank is confirming the payment of ${escape(amount)}. Nothing has failed: we will email you as soon as it is confirmed.</p>`
        : status === 'cancelled'
          ? `<p class="bad" role="alert">This payment was cancelled (its booking lapsed) — no money was taken. Start again from the booking.</p>`
          : `<p class="bad" role="alert">The card was declined — no money was taken. Go back to try another card.</p>`;
  return shell('Payment — test gateway', `<h1>Test payment</h1>${text}`);
}

/** A page for a payment that cannot be paid (unknown, paid, cancelled). */
export function problemPage(text: string): string {
  return shell(
    'Payment — test gateway',
    `<h1>Test payment</h1><p class="bad" role="alert">${escape(text)}</p>`,
  );
}
