// Which cinemas a report covers (issue 17): the one asked for, if the caller may see it, or every
// cinema the caller may see; and the currency they share (takings in two currencies never add up).
import { BoError } from '../../common/errors.js';
import type { Principal } from '../identity/principal.js';
import type { Queryable } from '../services/tx.js';

/** The cinemas of a report and their one currency. */
export type ReportScope = { cinemaIds: string[]; currency: string };

/** Resolves the cinemas a staff caller's report covers; BO_NOT_FOUND / BO_FORBIDDEN / BO_REPORT_CURRENCIES. */
export async function reportScope(
  db: Queryable,
  p: Principal,
  cinemaId: string | undefined,
): Promise<ReportScope> {
  if (p.kind !== 'staff') throw new BoError('BO_FORBIDDEN', 'Only staff read reports.');
  const r = await db.query<{ id: string; currency: string }>({
    name: 'report_scope',
    text: `SELECT c.id, c.currency FROM cinemas c JOIN staff s ON s.chain_id = c.chain_id
           WHERE s.id = $1 AND ($2::uuid IS NULL OR c.id = $2) ORDER BY c.name`,
    values: [p.id, cinemaId ?? null],
  });
  const mine = r.rows.filter((c) => p.role === 'admin' || p.cinemaIds.includes(c.id));
  if (cinemaId !== undefined) {
    if (r.rows.length === 0) throw new BoError('BO_NOT_FOUND', 'There is no such cinema.');
    if (mine.length === 0)
      throw new BoError('BO_FORBIDDEN', 'That cinema’s reports are for the people who work there.');
  }
  if (mine.length === 0)
    throw new BoError(
      'BO_FORBIDDEN',
      'You are not posted to any cinema, so there is nothing to report.',
    );
  const currencies = [...new Set(mine.map((c) => c.currency))];
  if (currencies.length > 1)
    throw new BoError(
      'BO_REPORT_CURRENCIES',
      `These cinemas take ${currencies.join(', ')}; takings in different currencies do not add up. Choose one cinema.`,
      { currencies },
    );
  return { cinemaIds: mine.map((c) => c.id), currency: currencies[0] ?? 'USD' };
}
