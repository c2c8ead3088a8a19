// The station's side of the sale window (item 7): a show whose start plus the grace period has passed
// is refused at the counter, before any server call.
import { BoError } from '../../common/errors.js';
import { isSaleClosed, showClosedMessage } from '../../common/show-sale-window.js';
import type { LocalDb } from './local-db.js';

/** Throws BO_SHOW_CLOSED when the show's sale window has passed at `now` (ms); unknown shows pass (pricing refuses them). */
export function assertShowSells(
  db: LocalDb,
  showId: string,
  graceMinutes: number,
  now: number,
): void {
  const show = db.$client.prepare('SELECT starts_at FROM shows WHERE id = ?').get(showId) as
    { starts_at: number } | undefined;
  if (show && isSaleClosed(show.starts_at, graceMinutes, now))
    throw new BoError('BO_SHOW_CLOSED', showClosedMessage(show.starts_at, now), {
      startsAt: new Date(show.starts_at).toISOString(),
    });
}
