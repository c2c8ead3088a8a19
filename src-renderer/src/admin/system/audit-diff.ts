// An admin edit's before/after as a person reads it: one line per field that changed, nested
// objects by dotted path ("prices.STD"), so a 30-field row shows the two fields that moved.

/** One changed field. */
export type FieldChange = {
  field: string;
  kind: 'added' | 'removed' | 'changed';
  before: string | null;
  after: string | null;
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function flatten(v: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isObject(v) && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix === '' ? k : `${prefix}.${k}`, out);
  } else if (prefix !== '') out.set(prefix, v);
}

/** A value as shown in the diff: strings bare, the rest as JSON; absent is null. */
export function shown(v: unknown): string | null {
  if (v === undefined) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The fields that differ between `before` and `after` (either may be null: a creation or a
 * deletion lists every field), in the order the fields first appear.
 */
export function auditDiff(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  const out: FieldChange[] = [];
  for (const field of fields) {
    const x = shown(a.get(field));
    const y = shown(b.get(field));
    if (x === y) continue;
    const kind = !a.has(field) ? 'added' : !b.has(field) ? 'removed' : 'changed';
    out.push({ field, kind, before: x, after: y });
  }
  return out;
}

/** True when an audit row's details carry an admin edit's before/after. */
export function hasBeforeAfter(
  details: Record<string, unknown> | null,
): details is { before: unknown; after: unknown } {
  return details !== null && 'before' in details && 'after' in details;
}
