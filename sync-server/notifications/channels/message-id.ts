// What every channel checks before anything leaves: the message id (it names files and becomes the
// Message-ID, so it must be safe in both) and where a failure is described.
import { z } from 'zod';
import type { SendResult } from '../types.js';

/** A message id safe in a file name and inside `<…@domain>`: letters, digits, dot, dash, underscore. */
export const messageIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    'a message id is 1–128 letters, digits, ".", "_" or "-"',
  );

/** A failure that retrying cannot fix. */
export function permanent(reason: string): SendResult {
  return { ok: false, permanent: true, reason };
}

/** A failure worth retrying later. */
export function transient(reason: string): SendResult {
  return { ok: false, permanent: false, reason };
}

/** The reason of the first problem zod found, in one line. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid input';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}
