// The page a password-reset email links to: a form (no scripts, its own tight CSP) that sets the
// new password, for customers whose shop has no page of its own for it.
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULE,
} from '../../common/password-rule.js';
import { PAGE_CSP } from '../payments/test-gateway/page.js';

export { PAGE_CSP };

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.4rem}label{display:block;margin-top:1rem;font-weight:600}
input{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;border:2px solid #555;border-radius:4px}
input:focus,button:focus{outline:3px solid #1a5fb4;outline-offset:2px}
button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;background:#1a5fb4;color:#fff;border:0;border-radius:4px}
.bad{border-left:4px solid #a51d2d;padding-left:.75rem}.good{border-left:4px solid #26a269;padding-left:.75rem}`;

function shell(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The form, with the problem of the last try (if any). */
export function resetForm(token: string, problem: string | null): string {
  return shell(
    'Choose a new password',
    `<h1>Choose a new password</h1>
${problem === null ? '' : `<p class="bad" role="alert">${escape(problem)}</p>`}
<form method="post" action="/account/reset-password">
<input type="hidden" name="token" value="${escape(token)}">
<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="${String(PASSWORD_MIN_LENGTH)}" maxlength="${String(PASSWORD_MAX_LENGTH)}" aria-describedby="rule">
<p id="rule">${escape(PASSWORD_RULE)}</p>
<label for="confirm">The same again</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" required maxlength="${String(PASSWORD_MAX_LENGTH)}">
<button type="submit">Set password</button>
</form>`,
  );
}

/** What happened. */
export function resetDone(ok: boolean, text: string): string {
  return shell(
    ok ? 'Password changed' : 'Link not valid',
    `<h1>${ok ? 'Password changed' : 'This link cannot be used'}</h1><p class="${ok ? 'good' : 'bad'}" role="status">${escape(text)}</p>`,
  );
}
