// Copying days of a schedule to other days (issue 16, Vista's bulk copy): every show that is not
// cancelled is planned again at the same local time on the same screen, as a draft, with its card
// when that card is still active (else the card that matches). A conflict refuses the whole copy
// with each one named, unless the manager asked to copy the rest: then the skipped shows are listed.
import type pg from 'pg';
import type { ScheduleCopy, ShowsCreated } from '../../common/api/admin-schedule.js';
import {
  addDays,
  daysBetween,
  localDateOf,
  localTimeOf,
  zonedInstant,
} from '../../common/schedule.js';
import type { Actor } from '../services/audit.js';
import { withTx } from '../services/tx.js';
import { conflictError, insertShows, lockScreens, overlapRefused, planContext } from './create.js';
import { checkSlots, type CheckedSlot } from './plan.js';
import { cinemaDays, cinemaFacts, plannedShows } from './read.js';

type Source = {
  id: string;
  screen_id: string;
  movie_id: string;
  title: string;
  format_code: string;
  language: string;
  starts_at: Date;
  price_card_id: string | null;
};

/** Copies `days` cinema days from `from` to `to`; see the file comment. */
export async function copySchedule(
  pool: pg.Pool,
  actor: Actor,
  cinemaId: string,
  body: ScheduleCopy,
  now: Date,
): Promise<ShowsCreated> {
  try {
    const out = await withTx(pool, async (tx) => {
      const cinema = await cinemaFacts(tx, cinemaId);
      const tz = cinema.timeZone;
      const range = cinemaDays(body.from, body.days, tz);
      const src = await tx.query<Source>(
        `SELECT s.id, s.screen_id, s.movie_id, m.title, f.code AS format_code, s.language, s.starts_at, s.price_card_id
           FROM shows s JOIN movies m ON m.id = s.movie_id JOIN formats f ON f.id = s.format_id
          WHERE s.cinema_id = $1 AND s.status <> 'cancelled' AND s.starts_at >= $2 AND s.starts_at < $3
          ORDER BY s.starts_at, s.screen_id`,
        [cinemaId, range.from, range.to],
      );
      await lockScreens(
        tx,
        src.rows.map((s) => s.screen_id),
      );
      const shift = daysBetween(body.from, body.to);
      // One check per film, format, language and card: each has its own context.
      const groups = new Map<string, Source[]>();
      for (const s of src.rows) {
        const key = `${s.movie_id}|${s.format_code}|${s.language}|${s.price_card_id ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), s]);
      }
      const created: string[] = [];
      const skipped: ShowsCreated['skipped'] = [];
      const refused: CheckedSlot[] = [];
      const writes: (() => Promise<string[]>)[] = [];
      for (const rows of groups.values()) {
        const first = rows[0];
        if (!first) continue;
        const base = await planContext(
          tx,
          cinemaId,
          { filmId: first.movie_id, formatCode: first.format_code },
          now,
        );
        const own = base.cards.find((c) => c.id === first.price_card_id && c.active) ?? null;
        const ctx = { ...base, card: own };
        const checked = await checkSlots(
          tx,
          ctx,
          rows.map((s) => ({
            screenId: s.screen_id,
            startsAt: zonedInstant(
              addDays(localDateOf(s.starts_at, tz), shift),
              localTimeOf(s.starts_at, tz, 'en-GB'),
              tz,
            ),
          })),
        );
        const ok = checked.filter((c) => c.conflicts.length === 0);
        checked.forEach((c, i) => {
          const s = rows[i];
          if (c.conflicts.length === 0 || !s) return;
          refused.push(c);
          skipped.push({
            sourceId: s.id,
            filmTitle: s.title,
            startsAt: c.startsAt.toISOString(),
            screenId: c.screenId,
            conflicts: c.conflicts,
          });
        });
        if (ok.length > 0)
          writes.push(() => insertShows(tx, ctx, first.language, ok, actor, 'shows.copy'));
      }
      if (refused.length > 0 && !body.skipConflicts) throw conflictError(refused);
      for (const write of writes) created.push(...(await write()));
      return { created, skipped };
    });
    return { shows: await plannedShows(pool, out.created), skipped: out.skipped };
  } catch (e) {
    throw overlapRefused(e) ?? e;
  }
}
