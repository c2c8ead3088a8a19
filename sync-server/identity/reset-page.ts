// The page a password-reset email links to: a form (no scripts, its own tight CSP) that sets the
// new password, for customers whose shop has no page of its own for it.
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULE,
} from '../../common/password-rule.js';
import { escapeHtml as escape, pageShell as shell } from '../pages/page.js';

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
