// REST contract of sign-in and accounts (DESIGN §10): used by the server routes and every client.
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../password-rule.js';

const email = z.email().max(254).describe('Email address; compared without case');
const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'is not a phone number')
  .describe('Phone number, digits with an optional leading +');
const language = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'is not a language tag')
  .describe('BCP 47 language tag, e.g. en-GB or hi');
const personName = z.string().trim().min(1).max(100);

/** POST /auth/signup */
export const signupBody = z
  .object({
    email,
    password,
    name: personName,
    phone: phone.optional(),
    homeCityId: z.uuid().optional(),
    language: language.optional(),
    marketingOptIn: z.boolean().optional(),
  })
  .strict();
export type SignupBody = z.infer<typeof signupBody>;

/** POST /auth/login and /auth/staff/login */
export const loginBody = z.object({ email, password }).strict();
export type LoginBody = z.infer<typeof loginBody>;

/** POST /auth/refresh */
export const refreshBody = z
  .object({ refreshToken: z.string().min(20).max(200).describe('The latest refresh token') })
  .strict();

/** What a client keeps after signing in or refreshing. */
export const tokenPair = z.object({
  accessToken: z.string().describe('JWT for Authorization: Bearer'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().describe('Seconds until the access token expires'),
  refreshToken: z.string().describe('Opaque; single use: each refresh returns the next one'),
  refreshExpiresAt: z.iso.datetime(),
});
export type TokenPairView = z.infer<typeof tokenPair>;

/** A customer's profile and preferences. */
export const customerProfile = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  homeCityId: z.uuid().nullable(),
  language: z.string(),
  marketingOptIn: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type CustomerProfile = z.infer<typeof customerProfile>;

/** PATCH /me: some of the profile's editable fields; null clears an optional one. */
export const profilePatch = z
  .object({
    name: personName.optional(),
    phone: phone.nullable().optional(),
    homeCityId: z.uuid().nullable().optional(),
    language: language.optional(),
    marketingOptIn: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'names nothing to change');
export type ProfilePatch = z.infer<typeof profilePatch>;

/** POST /me/password */
export const passwordChange = z
  .object({ currentPassword: password, newPassword: password })
  .strict();

/** A signed-in staff member, as the admin view shows them. */
export const staffView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(['cashier', 'manager', 'admin']),
  cinemaIds: z.array(z.uuid()),
});
export type StaffView = z.infer<typeof staffView>;

/** A staff sign-in: the person and their tokens. */
export const staffSignIn = z.object({ staff: staffView, tokens: tokenPair });

/** POST /auth/password-reset: where to send a reset link. */
export const passwordResetRequest = z.object({ email }).strict();

/** POST /auth/password-reset/confirm: the emailed token and the new password. */
export const passwordResetConfirm = z
  .object({
    token: z.string().regex(/^pr_[A-Za-z0-9_-]{43}$/, 'is not a reset token'),
    newPassword: password,
  })
  .strict();
