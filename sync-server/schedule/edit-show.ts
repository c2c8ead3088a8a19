// Changing one show (issue 16): move it, reprice it, limit what the web and kiosks may sell, or
// delete a draft. A show that has started never changes; one with seats sold or held moves only
// when the manager confirms (and its web customers are told); a published show keeps its screen,
// whose seats its tickets and the stations' copies are of.
import type pg from 'pg';
import type { PlannedShow, ShowPatch } from '../../common/api/admin-schedule.js';
import { BoError } from '../../common/errors.js';
import { invalid } from '../admin/edit.js';
import { appendEvent } from '../bookings/events.js';
import { cardById, priceShowsWithCard } from '../prices/show-prices.js';
import { audit, type Actor } from '../services/audit.js';
import { appendChange } from '../services/change-log.js';
import { clearShowCaches } from '../services/shows.js';
import { withTx, type Tx } from '../services/tx.js';
import { conflictError, lockScreens, overlapRefused, planContext } from './create.js';
import { checkSlots } from './plan.js';
import { plannedShowOf } from './read.js';

type ShowRow = {
  id: string;
  cinema_id: string;
  screen_id: string;
  movie_id: string;
  format_code: string;
  starts_at: Date;
  status: string;
  price_card_id: string | null;
};

async function lockShow(tx: Tx, id: string): Promise<ShowRow> {
  const r = await tx.query<ShowRow>(
    `SELECT s.id, s.cinema_id, s.screen_id, s.movie_id, f.code AS format_code, s.starts_at, s.status, s.price_card_id
       FROM shows s JOIN formats f ON f.id = s.format_id WHERE s.id = $1 FOR UPDATE OF s`,
    [id],
  );
  const row = r.rows[0];
  if (!row) throw new BoError('BO_SHOW_NOT_FOUND', 'There is no such show.');
  return row;
}

function assertChangeable(show: ShowRow, now: Date): void {
  if (show.status === 'cancelled')
    throw new BoError('BO_SHOW_CANCELLED', 'This show is cancelled; it cannot change.');
  if (show.starts_at <= now || show.status === 'finished')
    throw new BoError('BO_SHOW_STARTED', 'This show has started; it cannot change any more.', {
      fields: { '/startsAt': 'has passed' },
    });
}

/** Applies a PATCH to a show; see the file comment. */
export async function patchShow(
  pool: pg.Pool,
  actor: Actor,
  showId: string,
  patch: ShowPatch,
  now: Date,
): Promise<PlannedShow> {
  try {
    await withTx(pool, async (tx) => {
      const show = await lockShow(tx, showId);
      assertChangeable(show, now);
      const before = await plannedShowOf(tx, showId);
      const moving =
        (patch.startsAt !== undefined && Date.parse(patch.startsAt) !== show.starts_at.getTime()) ||
        (patch.screenId !== undefined && patch.screenId !== show.screen_id);
      const sales = before.sold + before.held;
      if (moving) await move(tx, show, patch, { sales, now });
      if (patch.priceCardId !== undefined) {
        const card = await cardById(tx, patch.priceCardId);
        if (!card || card.cinemaId !== show.cinema_id)
          throw invalid({ '/priceCardId': 'is not a price card of this cinema' });
        await priceShowsWithCard(tx, card, [showId]);
      }
      const fields: Record<string, string> = {};
      for (const k of ['webQuota', 'kioskQuota'] as const) {
        const v = patch[k];
        if (v != null && v > before.capacity)
          fields[`/${k}`] = `is more than the show’s ${String(before.capacity)} seats`;
      }
      if (Object.keys(fields).length > 0) throw invalid(fields);
      await tx.query(
        `UPDATE shows SET language = COALESCE($2, language),
            web_quota = CASE WHEN $3::boolean THEN $4::int ELSE web_quota END,
            kiosk_quota = CASE WHEN $5::boolean THEN $6::int ELSE kiosk_quota END
          WHERE id = $1`,
        [
          showId,
          patch.language ?? null,
          patch.webQuota !== undefined,
          patch.webQuota ?? null,
          patch.kioskQuota !== undefined,
          patch.kioskQuota ?? null,
        ],
      );
      const after = await plannedShowOf(tx, showId);
      await audit(tx, actor, 'show.update', 'show', showId, { before, after });
      if (show.status !== 'draft') await logShowRow(tx, showId);
      if (moving && sales > 0) await tellCustomers(tx, show, before, after);
    });
  } catch (e) {
    throw overlapRefused(e) ?? e;
  }
  clearShowCaches();
  return plannedShowOf(pool, showId);
}

async function move(
  tx: Tx,
  show: ShowRow,
  patch: ShowPatch,
  o: { sales: number; now: Date },
): Promise<void> {
  const screenId = patch.screenId ?? show.screen_id;
  if (screenId !== show.screen_id && show.status !== 'draft')
    throw new BoError(
      'BO_CONFLICT',
      'A published show stays on its screen (its tickets are for that room’s seats). Cancel it and plan it again.',
      { fields: { '/screenId': 'cannot change once published' } },
    );
  if (o.sales > 0 && patch.confirmSales !== true)
    throw new BoError(
      'BO_SHOW_HAS_SALES',
      `${String(o.sales)} seats of this show are sold or held. Confirm the move: its customers will be told.`,
      { sold: o.sales },
    );
  const ctx = await planContext(
    tx,
    show.cinema_id,
    { filmId: show.movie_id, formatCode: show.format_code },
    o.now,
  );
  await lockScreens(tx, [screenId]);
  const startsAt = new Date(patch.startsAt ?? show.starts_at.toISOString());
  const [checked] = await checkSlots(tx, { ...ctx, card: null }, [
    { screenId, startsAt, showId: show.id },
  ]);
  // A moved show keeps its own prices: only a missing card is no reason to refuse the move.
  const problems = (checked?.conflicts ?? []).filter((c) => c.kind !== 'no_price');
  if (!checked || problems.length > 0)
    throw conflictError([
      {
        ...(checked ?? { screenId, startsAt, endsAt: startsAt, filmEndsAt: startsAt, card: null }),
        conflicts: problems,
      },
    ]);
  const layoutId = ctx.screens.get(screenId)?.layoutId ?? null;
  await tx.query(
    'UPDATE shows SET screen_id = $2, starts_at = $3, ends_at = $4, layout_id = COALESCE($5, layout_id) WHERE id = $1',
    [show.id, screenId, startsAt, checked.endsAt, screenId === show.screen_id ? null : layoutId],
  );
  if (screenId !== show.screen_id) {
    // A draft moved to another room gets that room's seats and prices.
    await tx.query('DELETE FROM show_seats WHERE show_id = $1', [show.id]);
    await tx.query('DELETE FROM show_prices WHERE show_id = $1', [show.id]);
    await tx.query(
      'INSERT INTO show_seats (show_id, seat_id) SELECT $1, id FROM seats WHERE layout_id = $2',
      [show.id, layoutId],
    );
    const card = show.price_card_id === null ? null : await cardById(tx, show.price_card_id);
    if (card) await priceShowsWithCard(tx, card, [show.id]);
  }
}

async function logShowRow(tx: Tx, showId: string): Promise<void> {
  const r = await tx.query<Record<string, unknown> & { cinema_id: string }>(
    'SELECT * FROM shows WHERE id = $1',
    [showId],
  );
  const row = r.rows[0];
  if (!row) return;
  await appendChange(tx, {
    cinemaId: row.cinema_id,
    showId,
    entity: 'shows',
    entityId: showId,
    op: 'upsert',
    data: row,
  });
}

/** One event per confirmed web booking of the show: its customer is told the new time. */
async function tellCustomers(
  tx: Tx,
  show: ShowRow,
  before: PlannedShow,
  after: PlannedShow,
): Promise<void> {
  const r = await tx.query<{ id: string }>(
    "SELECT id FROM bookings WHERE show_id = $1 AND status = 'confirmed' ORDER BY id",
    [show.id],
  );
  for (const b of r.rows)
    await appendEvent(tx, {
      type: 'show.moved',
      bookingId: b.id,
      showId: show.id,
      cinemaId: show.cinema_id,
      data: { from: before.startsAt, to: after.startsAt },
    });
}

/** Deletes a draft (it was never seen outside the planner); a published show is cancelled instead. */
export async function deleteDraft(pool: pg.Pool, actor: Actor, showId: string): Promise<void> {
  await withTx(pool, async (tx) => {
    const show = await lockShow(tx, showId);
    if (show.status !== 'draft')
      throw new BoError(
        'BO_CONFLICT',
        'Only drafts can be deleted; cancel a published show instead.',
      );
    const before = await plannedShowOf(tx, showId);
    await tx.query('DELETE FROM show_prices WHERE show_id = $1', [showId]);
    await tx.query('DELETE FROM show_seats WHERE show_id = $1', [showId]);
    await tx.query('DELETE FROM shows WHERE id = $1', [showId]);
    await audit(tx, actor, 'show.delete', 'show', showId, { before, after: null });
  });
  clearShowCaches();
}
