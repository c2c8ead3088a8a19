// Form validation as the admin forms use it: the contract's own zod schema, its issues keyed by JSON
// pointer exactly as the server's details.fields are, so one map feeds every field's message.
import type { z } from 'zod';
import type { FieldErrors } from '../../../../common/api/admin-common.js';

/** The JSON pointer of a zod issue path, e.g. ['rows', 3, 'label'] → '/rows/3/label'. */
export function pointer(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '/' : `/${path.map(String).join('/')}`;
}

/** What is wrong with `value` by field, per `schema`; empty when it is valid. */
export function fieldErrorsOf(schema: z.ZodType, value: unknown): FieldErrors {
  const r = schema.safeParse(value);
  if (r.success) return {};
  const out: FieldErrors = {};
  for (const issue of r.error.issues) out[pointer(issue.path)] ??= issue.message;
  return out;
}

/** The message for a field and anything under it (e.g. '/genres' covers '/genres/2'). */
export function messageFor(errors: FieldErrors, field: string): string | undefined {
  if (errors[field] !== undefined) return errors[field];
  const under = Object.keys(errors).find((k) => k.startsWith(`${field}/`));
  return under === undefined ? undefined : errors[under];
}

/** "21–40 of 133" for a page of a list. */
export function rangeText(page: number, pageSize: number, total: number): string {
  if (total === 0) return 'None';
  const from = (page - 1) * pageSize + 1;
  return `${String(from)}–${String(Math.min(total, page * pageSize))} of ${String(total)}`;
}

/** A comma-separated list typed by a person, tidied: trimmed, no empties, no repeats. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

/** A rating as a person types it (0.0–10.0) in tenths, or null when empty; NaN when not a number. */
export function ratingTenths(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * 10) : Number.NaN;
}

/** The message of a failed call, for a list's error line. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
