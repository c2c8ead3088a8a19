// Planning shows (issue 16): a batch (film × days × times × screens, or generated sessions) is
// expanded into slots and checked; creating writes them all as drafts or none. The screens' rows
// are locked so two managers planning the same screens take turns, and the exclusion constraint
// on shows refuses an overlap even if a check were wrong.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  minutesOf,
  timeOf,
  type BatchPlan,
  type BatchSpec,
  type PlannedShow,
  type ShowsCreate,
} from '../../common/api/admin-schedule.js';
import { BoError } from '../../common/errors.js';
import { zonedInstant } from '../../common/schedule.js';
import { invalid } from '../admin/edit.js';
import { priceShowsWithCard, type CardRow } from '../prices/show-prices.js';
import { audit, type Actor } from '../services/audit.js';
import { withTx, type Queryable, type Tx } from '../services/tx.js';
import {
  cardsOfCinema,
  checkSlots,
  filmFacts,
  screenFacts,
  type Candidate,
  type CheckedSlot,
  type PlanContext,
} from './plan.js';
import { cinemaFacts, plannedShows } from './read.js';

/** PostgreSQL's exclusion_violation: the overlap guard refused a show. */
const EXCLUSION_VIOLATION = '23P01';

export async function planContext(
  db: Queryable,
  cinemaId: string,
  spec: { filmId: string; formatCode: string; priceCardId?: string | null | undefined },
  now: Date,
): Promise<PlanContext> {
  const cinema = await cinemaFacts(db, cinemaId);
  const film = await filmFacts(db, cinema.chainId, spec.filmId);
  const cards = await cardsOfCinema(db, cinemaId);
  let card: CardRow | null = null;
  if (spec.priceCardId != null) {
    card = cards.find((c) => c.id === spec.priceCardId) ?? null;
    if (!card) throw invalid({ '/priceCardId': 'is not a price card of this cinema' });
    if (!card.active) throw invalid({ '/priceCardId': `${card.name} is withdrawn` });
  }
  const f = await db.query('SELECT 1 FROM formats WHERE code = $1', [spec.formatCode]);
  if (!f.rowCount) throw invalid({ '/formatCode': `is not a format (${spec.formatCode})` });
  return {
    cinema,
    film,
    formatCode: spec.formatCode,
    screens: await screenFacts(db, cinemaId),
    cards,
    card,
    now,
  };
}

/** The local start times of a batch: the listed ones, or generated from earliest to latest. */
export function batchTimes(spec: BatchSpec, blockMinutes: number): string[] {
  if (spec.times) return [...new Set(spec.times)].sort();
  const g = spec.generate;
  if (!g) return [];
  const spacing = g.spacingMinutes ?? Math.ceil(blockMinutes / 5) * 5;
  const out: string[] = [];
  for (let m = minutesOf(g.earliest); m <= minutesOf(g.latest) && out.length < 24; m += spacing)
    out.push(timeOf(m));
  return out;
}

/** What a batch would create, every slot checked; writes nothing. */
export async function planBatch(
  db: Queryable,
  cinemaId: string,
  spec: BatchSpec,
  now: Date,
): Promise<BatchPlan> {
  const ctx = await planContext(db, cinemaId, spec, now);
  const fields: Record<string, string> = {};
  spec.screenIds.forEach((id, i) => {
    if (!ctx.screens.has(id)) fields[`/screenIds/${String(i)}`] = 'is not a screen of this cinema';
  });
  if (spec.generate && minutesOf(spec.generate.latest) < minutesOf(spec.generate.earliest))
    fields['/generate/latest'] = 'is before the earliest start';
  if (Object.keys(fields).length > 0) throw invalid(fields);
  const longest = Math.max(
    ...spec.screenIds.map((id) => ctx.screens.get(id)?.cleaningMinutes ?? 0),
  );
  const times = batchTimes(spec, ctx.cinema.adsMinutes + ctx.film.durationMinutes + longest);
  const candidates: (Candidate & { date: string; time: string })[] = [];
  for (const date of [...new Set(spec.dates)].sort())
    for (const screenId of spec.screenIds)
      for (const time of times)
        candidates.push({
          screenId,
          date,
          time,
          startsAt: zonedInstant(date, time, ctx.cinema.timeZone),
        });
  if (candidates.length > 500)
    throw invalid({ '/dates': `makes ${String(candidates.length)} shows; at most 500 at once` });
  const checked = await checkSlots(db, ctx, candidates);
  return {
    slots: checked.map((s, i) => ({
      screenId: s.screenId,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      date: candidates[i]?.date ?? '',
      time: candidates[i]?.time ?? '',
      priceCardId: s.card?.id ?? null,
      priceCardName: s.card?.name ?? null,
      conflicts: s.conflicts,
    })),
  };
}

/** A 409 naming every slot that cannot be saved and why. */
export function conflictError(slots: readonly CheckedSlot[]): BoError {
  const conflicts = slots.flatMap((s, index) =>
    s.conflicts.map((c) => ({
      index,
      screenId: s.screenId,
      startsAt: s.startsAt.toISOString(),
      ...c,
    })),
  );
  const first = conflicts[0];
  return new BoError(
    'BO_SHOW_CONFLICT',
    `Nothing was saved: ${String(conflicts.length)} problem${conflicts.length === 1 ? '' : 's'}${first ? `, first: ${first.message}` : ''}`,
    { conflicts },
  );
}

/** Writes checked, conflict-free slots as draft shows with their seats and prices; returns ids. */
export async function insertShows(
  tx: Tx,
  ctx: PlanContext,
  language: string,
  slots: readonly CheckedSlot[],
  actor: Actor,
  action: string,
): Promise<string[]> {
  const ids = slots.map(() => randomUUID());
  await tx.query(
    `INSERT INTO shows (id, cinema_id, screen_id, layout_id, movie_id, format_id, language, starts_at, ends_at, status, ads_minutes)
     SELECT x.id, $2, x.screen_id, x.layout_id, $3, (SELECT id FROM formats WHERE code = $4), $5, x.starts_at, x.ends_at, 'draft', $6
       FROM unnest($1::uuid[], $7::uuid[], $8::uuid[], $9::timestamptz[], $10::timestamptz[]) AS x(id, screen_id, layout_id, starts_at, ends_at)`,
    [
      ids,
      ctx.cinema.id,
      ctx.film.id,
      ctx.formatCode,
      language,
      ctx.cinema.adsMinutes,
      slots.map((s) => s.screenId),
      slots.map((s) => ctx.screens.get(s.screenId)?.layoutId),
      slots.map((s) => s.startsAt),
      slots.map((s) => s.endsAt),
    ],
  );
  await tx.query(
    `INSERT INTO show_seats (show_id, seat_id)
     SELECT sh.id, se.id FROM shows sh JOIN seats se ON se.layout_id = sh.layout_id WHERE sh.id = ANY($1::uuid[])`,
    [ids],
  );
  const byCard = new Map<CardRow, string[]>();
  slots.forEach((s, i) => {
    if (!s.card) return;
    const list = byCard.get(s.card) ?? [];
    list.push(ids[i] ?? '');
    byCard.set(s.card, list);
  });
  for (const [card, showIds] of byCard) await priceShowsWithCard(tx, card, showIds);
  await audit(tx, actor, action, 'cinema', ctx.cinema.id, {
    before: null,
    after: slots.map((s, i) => ({
      id: ids[i],
      filmId: ctx.film.id,
      screenId: s.screenId,
      startsAt: s.startsAt.toISOString(),
      priceCardId: s.card?.id ?? null,
    })),
  });
  return ids;
}

/** Maps the overlap guard's refusal to the 409 a manager understands (the checks missed a race). */
export function overlapRefused(e: unknown): BoError | null {
  if ((e as { code?: string } | null)?.code !== EXCLUSION_VIOLATION) return null;
  return new BoError(
    'BO_SHOW_CONFLICT',
    'Another show was saved on this screen at the same time; nothing was saved. Check the schedule again.',
    { conflicts: [] },
  );
}

/** Locks the screens' rows in id order: planners of the same screens take turns. */
export async function lockScreens(tx: Tx, screenIds: readonly string[]): Promise<void> {
  await tx.query('SELECT id FROM screens WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
    [...new Set(screenIds)],
  ]);
}

/** Creates the listed shows as drafts, all or none; any conflict → 409 naming each. */
export async function createShows(
  pool: pg.Pool,
  actor: Actor,
  cinemaId: string,
  body: ShowsCreate,
  now: Date,
): Promise<PlannedShow[]> {
  try {
    const ids = await withTx(pool, async (tx) => {
      const ctx = await planContext(tx, cinemaId, body, now);
      await lockScreens(
        tx,
        body.slots.map((s) => s.screenId),
      );
      const checked = await checkSlots(
        tx,
        ctx,
        body.slots.map((s) => ({ screenId: s.screenId, startsAt: new Date(s.startsAt) })),
      );
      if (checked.some((s) => s.conflicts.length > 0)) throw conflictError(checked);
      return insertShows(tx, ctx, body.language, checked, actor, 'shows.create');
    });
    return await plannedShows(pool, ids);
  } catch (e) {
    throw overlapRefused(e) ?? e;
  }
}
