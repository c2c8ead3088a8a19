// Which of the server's final refusals go to the manager's review list (DESIGN §4: nothing is
// silently dropped). A refusal that left nothing to settle, and that the cashier was told about at
// the counter, is no work for a manager: listing it would only add an unexplained item (issue 10).

/** Codes by which the server says a show no longer sells (started past its window, cancelled). */
const SHOW_CLOSED_CODES: ReadonlySet<string> = new Set(['BO_SHOW_NOT_ON_SALE', 'BO_SHOW_CLOSED']);

/**
 * True when a rejected mutation needs a manager. An online sale refused because its show is closed
 * does not: nothing was recorded, printed or paid at the station (an online sale is recorded only
 * on the server's ack), and the waiting counter shows the reason. An offline sale always does: its
 * tickets were handed over and its money taken.
 */
export function needsReview(row: { kind: string; offline: boolean }, code: string): boolean {
  return !(row.kind === 'sell' && !row.offline && SHOW_CLOSED_CODES.has(code));
}
