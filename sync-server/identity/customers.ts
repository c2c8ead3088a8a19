// Customer accounts: sign-up, password sign-in, profile and preferences, password change.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CustomerProfile, ProfilePatch, SignupBody } from '../../common/api/identity.js';
import { BoError } from '../../common/errors.js';
import { passwordProblem } from '../../common/password-rule.js';
import { hashPassword, normaliseEmail, verifyPassword } from '../../db/password-hash.js';

type CustomerRow = {
  id: string;
  email: string;
  password_hash: string;
  name: string;
  phone: string | null;
  home_city_id: string | null;
  language: string;
  marketing_opt_in: boolean;
  created_at: Date;
};

const profileOf = (r: CustomerRow): CustomerProfile => ({
  id: r.id,
  email: r.email,
  name: r.name,
  phone: r.phone,
  homeCityId: r.home_city_id,
  language: r.language,
  marketingOptIn: r.marketing_opt_in,
  createdAt: r.created_at.toISOString(),
});

const COLUMNS =
  'id, email, password_hash, name, phone, home_city_id, language, marketing_opt_in, created_at';

async function checkCity(pool: pg.Pool, cityId: string | null | undefined): Promise<void> {
  if (cityId === null || cityId === undefined) return;
  const r = await pool.query('SELECT 1 FROM cities WHERE id = $1', [cityId]);
  if (r.rowCount === 0) throw new BoError('BO_VALIDATION', 'homeCityId names no city.');
}

/** Creates a customer account; the password must pass the rule. */
export async function signUp(pool: pg.Pool, body: SignupBody): Promise<CustomerProfile> {
  const email = normaliseEmail(body.email);
  const problem = passwordProblem(body.password, { email, name: body.name });
  if (problem) throw new BoError('BO_WEAK_PASSWORD', problem);
  await checkCity(pool, body.homeCityId);
  const hash = await hashPassword(body.password);
  const r = await pool.query<CustomerRow>(
    `INSERT INTO customers (id, email, password_hash, name, phone, home_city_id, language, marketing_opt_in)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (email) DO NOTHING RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      email,
      hash,
      body.name,
      body.phone ?? null,
      body.homeCityId ?? null,
      body.language ?? 'en',
      body.marketingOptIn ?? false,
    ],
  );
  const row = r.rows[0];
  if (!row)
    throw new BoError(
      'BO_CONFLICT',
      'An account could not be made with these details. If you already have one, sign in.',
    );
  return profileOf(row);
}

/** The customer whose email and password these are; one answer for every kind of failure. */
export async function logIn(
  pool: pg.Pool,
  emailIn: string,
  password: string,
): Promise<CustomerProfile> {
  const r = await pool.query<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE email = $1`, [
    normaliseEmail(emailIn),
  ]);
  const row = r.rows[0];
  // Always one argon2 verification, so a missing account takes as long as a wrong password.
  const ok = await verifyPassword(password, row?.password_hash ?? null);
  if (!row || !ok) throw new BoError('BO_UNAUTHORIZED', 'Wrong email or password.');
  return profileOf(row);
}

/** A customer's profile; BO_UNAUTHORIZED when the account is gone. */
export async function getProfile(pool: pg.Pool, id: string): Promise<CustomerProfile> {
  const r = await pool.query<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE id = $1`, [id]);
  const row = r.rows[0];
  if (!row) throw new BoError('BO_UNAUTHORIZED', 'That account no longer exists.');
  return profileOf(row);
}

/** True while the customer account exists (refresh re-checks it). */
export async function customerExists(pool: pg.Pool, id: string): Promise<boolean> {
  const r = await pool.query('SELECT 1 FROM customers WHERE id = $1', [id]);
  return (r.rowCount ?? 0) > 0;
}

/** Changes the given profile fields. */
export async function updateProfile(
  pool: pg.Pool,
  id: string,
  patch: ProfilePatch,
): Promise<CustomerProfile> {
  await checkCity(pool, patch.homeCityId);
  const sets: string[] = [];
  const values: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    values.push(value);
    sets.push(`${column} = $${String(values.length)}`);
  };
  if (patch.name !== undefined) set('name', patch.name);
  if (patch.phone !== undefined) set('phone', patch.phone);
  if (patch.homeCityId !== undefined) set('home_city_id', patch.homeCityId);
  if (patch.language !== undefined) set('language', patch.language);
  if (patch.marketingOptIn !== undefined) set('marketing_opt_in', patch.marketingOptIn);
  const r = await pool.query<CustomerRow>(
    `UPDATE customers SET ${sets.join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    values,
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_UNAUTHORIZED', 'That account no longer exists.');
  return profileOf(row);
}

/** Changes the password after checking the current one. */
export async function changePassword(
  pool: pg.Pool,
  id: string,
  current: string,
  next: string,
): Promise<void> {
  const r = await pool.query<CustomerRow>(`SELECT ${COLUMNS} FROM customers WHERE id = $1`, [id]);
  const row = r.rows[0];
  if (!row || !(await verifyPassword(current, row.password_hash)))
    throw new BoError('BO_UNAUTHORIZED', 'The current password is wrong.');
  const problem = passwordProblem(next, { email: row.email, name: row.name });
  if (problem) throw new BoError('BO_WEAK_PASSWORD', problem);
  await pool.query('UPDATE customers SET password_hash = $2, updated_at = now() WHERE id = $1', [
    id,
    await hashPassword(next),
  ]);
}
