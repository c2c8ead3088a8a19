// Password reset by email (issue 14): the answer never tells whether an account exists; the
// emailed link works once, only the newest works, it expires, and using it ends every sign-in.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBookingHarness, type BookingHarness } from '../../test/support/bookings.js';
import { hashPassword } from '../../db/password-hash.js';
import { outboxFiles } from '../../test/support/outbox.js';

let h: BookingHarness;
const cara = randomUUID();
let frozen: Date | null = null;
const now = () => frozen ?? new Date();

beforeAll(async () => {
  const hash = await hashPassword('an old long passphrase');
  h = await startBookingHarness({
    config: { notifyPollMs: 3_600_000, passwordResetMinutes: 30 },
    now,
    setup: async (pool) => {
      await pool.query(
        "INSERT INTO customers (id, email, password_hash, name) VALUES ($1, 'cara@example.com', $2, 'Cara')",
        [cara, hash],
      );
    },
  });
});
afterAll(async () => {
  await h.app.close();
});

const ask = (email: string) =>
  h.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email } });
const confirm = (token: string, newPassword: string) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/password-reset/confirm',
    payload: { token, newPassword },
  });
const login = (password: string) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'cara@example.com', password },
  });

/** The reset tokens in the emails sent so far, oldest first. */
const tokensSent = async (): Promise<string[]> => {
  await h.app.ctx.notifications.drain();
  const files = await outboxFiles(h.outbox.mailDir);
  const texts = await Promise.all(
    files.map(async (f) => {
      const mail = await simpleParser(await readFile(path.join(h.outbox.mailDir, f)));
      return mail.text ?? '';
    }),
  );
  return texts.flatMap((t) => [
    ...new Set([...t.matchAll(/token=(pr_[A-Za-z0-9_-]{43})/g)].map((m) => m[1] ?? '')),
  ]);
};

describe('password reset', () => {
  it('answers the same for unknown addresses and sends nothing', async () => {
    const res = await ask('nobody@example.com');
    expect(res.statusCode).toBe(202);
    expect(await tokensSent()).toEqual([]);
  });

  it('emails a link that sets the password once, ends sign-ins, and only the newest works', async () => {
    const session = await h.bearer({ customer: cara });
    expect((await ask('Cara@Example.com')).statusCode).toBe(202);
    const [older] = await tokensSent();
    expect((await ask('cara@example.com')).statusCode).toBe(202);
    const newer = (await tokensSent()).find((t) => t !== older);
    if (older === undefined || newer === undefined) throw new Error('two emails expected');
    // The token is not kept once sent: the database has only its digest.
    const kept = await h.rows("SELECT 1 FROM messages WHERE data::text LIKE '%pr\\_%'");
    expect(kept).toEqual([]);

    expect((await confirm(older, 'a brand new passphrase')).json()).toMatchObject({
      error: { code: 'BO_RESET_TOKEN_INVALID' },
    });
    expect((await confirm(newer, 'password123')).json()).toMatchObject({
      error: { code: 'BO_WEAK_PASSWORD' },
    });
    expect((await confirm(newer, 'a brand new passphrase')).statusCode).toBe(204);
    expect((await confirm(newer, 'yet another passphrase')).json()).toMatchObject({
      error: { code: 'BO_RESET_TOKEN_INVALID' },
    });
    expect((await login('an old long passphrase')).statusCode).toBe(401);
    expect((await login('a brand new passphrase')).statusCode).toBe(200);
    const me = await h.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: session },
    });
    expect(me.statusCode).toBe(401);
  });

  it('expires after PASSWORD_RESET_MINUTES', async () => {
    const before = await tokensSent();
    expect((await ask('cara@example.com')).statusCode).toBe(202);
    const token = (await tokensSent()).find((t) => !before.includes(t)) ?? '';
    frozen = new Date(Date.now() + 31 * 60_000);
    expect((await confirm(token, 'a later passphrase here')).json()).toMatchObject({
      error: { code: 'BO_RESET_TOKEN_INVALID' },
    });
    frozen = null;
  });

  it('works from the form the email links to, without scripts', async () => {
    const before = await tokensSent();
    expect((await ask('cara@example.com')).statusCode).toBe(202);
    const token = (await tokensSent()).find((t) => !before.includes(t)) ?? '';
    const page = await h.app.inject({
      method: 'GET',
      url: `/account/reset-password?token=${token}`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).not.toContain('<script');
    const differ = await h.app.inject({
      method: 'POST',
      url: '/account/reset-password',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        token,
        password: 'form passphrase one',
        confirm: 'other',
      }).toString(),
    });
    expect(differ.statusCode).toBe(400);
    const done = await h.app.inject({
      method: 'POST',
      url: '/account/reset-password',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        token,
        password: 'form passphrase one',
        confirm: 'form passphrase one',
      }).toString(),
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Password changed');
    expect((await login('form passphrase one')).statusCode).toBe(200);
  });
});
