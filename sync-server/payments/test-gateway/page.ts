// The test gateway's payment page: what a buyer sees on a provider's hosted checkout, with the test
// cards listed. Self-contained (no scripts), escaped, and under its own tight CSP.
import { formatMoney } from '../../../common/money.js';
import { escapeHtml, pageShell } from '../../pages/page.js';
import { TEST_CARDS } from './gateway.js';
import type { IntentStatus } from './ledger.js';

const escape = escapeHtml;
const shell = pageShell;

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
