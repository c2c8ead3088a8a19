// Password reset by email (DESIGN §10, §9): a one-time token, kept only as its digest, that works
// for PASSWORD_RESET_MINUTES. Asking never says whether an account exists; only the newest link
// works; using it sets the password and ends every sign-in of the account.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { BoError } from '../../common/errors.js';
import { passwordProblem } from '../../common/password-rule.js';
import { hashPassword, normaliseEmail } from '../../db/password-hash.js';
import { queueMessage } from '../notifications/queue.js';
import { withTx } from '../services/tx.js';
import { revokeSessionsOf } from './sessions.js';

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Queues a reset email when `email` has an account; does nothing (and says nothing) otherwise. */
export async function requestPasswordReset(
  pool: pg.Pool,
  email: string,
  now: Date,
  minutes: number,
): Promise<void> {
  const address = normaliseEmail(email);
  await withTx(pool, async (tx) => {
    const r = await tx.query<{ id: string; name: string; language: string }>(
      'SELECT id, name, language FROM customers WHERE email = $1 FOR UPDATE',
      [address],
    );
    const c = r.rows[0];
    if (!c) return;
    // An earlier link stops working: only the one in the newest email does.
    await tx.query(
      'UPDATE password_resets SET used_at = $2 WHERE customer_id = $1 AND used_at IS NULL',
      [c.id, now],
    );
    const id = crypto.randomUUID();
    const token = `pr_${randomBytes(32).toString('base64url')}`;
    await tx.query(
      'INSERT INTO password_resets (id, customer_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)',
      [id, c.id, digest(token), new Date(now.getTime() + minutes * 60_000), now],
    );
    // The token travels in the message's data until it is sent, then the data is emptied.
    await queueMessage(tx, {
      dedupeKey: `reset:${id}`,
      kind: 'password.reset',
      channel: 'email',
      recipient: address,
      customerId: c.id,
      bookingId: null,
      eventId: null,
      data: { token, name: c.name, expiresMinutes: minutes, locale: c.language },
      at: now,
    });
  });
}

/** Sets a new password with a reset token and ends every sign-in; returns the customer's id. */
export async function resetPassword(
  pool: pg.Pool,
  token: string,
  newPassword: string,
  now: Date,
): Promise<string> {
  return withTx(pool, async (tx) => {
    const r = await tx.query<{ id: string; customer_id: string; email: string; name: string }>(
      `SELECT pr.id, pr.customer_id, c.email, c.name FROM password_resets pr
        JOIN customers c ON c.id = pr.customer_id
        WHERE pr.token_hash = $1 AND pr.used_at IS NULL AND pr.expires_at > $2 FOR UPDATE OF pr`,
      [digest(token), now],
    );
    const row = r.rows[0];
    if (!row)
      throw new BoError(
        'BO_RESET_TOKEN_INVALID',
        'This reset link has expired or was already used. Ask for a new one.',
      );
    const problem = passwordProblem(newPassword, { email: row.email, name: row.name });
    if (problem) throw new BoError('BO_WEAK_PASSWORD', problem);
    await tx.query('UPDATE customers SET password_hash = $2, updated_at = $3 WHERE id = $1', [
      row.customer_id,
      await hashPassword(newPassword),
      now,
    ]);
    await tx.query('UPDATE password_resets SET used_at = $2 WHERE id = $1', [row.id, now]);
    await revokeSessionsOf(tx, { kind: 'customer', id: row.customer_id }, 'password-reset', now);
    return row.customer_id;
  });
}
