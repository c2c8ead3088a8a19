// What the test gateway accepts from the booking service, checked before its ledger is touched, as a
// real provider's API would refuse a malformed request.
import { z } from 'zod';
import { BoError } from '../../../common/errors.js';

/** A payment to start; the payment id is a UUID, which the intent's id (and page URL) is made from. */
export const createInput = z.object({
  paymentId: z.uuid(),
  bookingId: z.string().min(1).max(255),
  reference: z.string().min(1).max(255),
  amountMinor: z.int().positive(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  description: z.string().max(1000),
  email: z.email().nullable(),
});

/** A refund to make. */
export const refundInput = z.object({
  refundId: z.string().min(1).max(255),
  paymentRef: z.string().min(1).max(255),
  amountMinor: z.int().positive(),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
});

/** `schema`'s reading of `input`, or BO_VALIDATION naming the first bad field; nothing is written. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || what;
  throw new BoError('BO_VALIDATION', `Invalid ${what}: ${field}: ${issue?.message ?? 'invalid'}`);
}
