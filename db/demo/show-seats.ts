// Prices per show and seat category, and one show_seats row per seat with a few house seats blocked.
import type { BuiltCinema, BuiltScreen } from './chain.js';
import { seatPrice } from './pricing.js';
import type { Rng } from './rng.js';
import type { PlannedShow } from './schedule.js';
import type { DemoData, DemoShowSeat } from './types.js';

const HOUSE_SEATS = 'House seats held for the manager';
const BROKEN_SEAT = 'Broken seat, awaiting repair';

/** Seats a screen keeps off sale: a broken one on some screens, two house seats for evening shows. */
type Blocks = { broken: string | null; house: string[] };

/** Picks the blocked seats of a screen once, so they are the same seats on every show. */
function pickBlocks(rng: Rng, screen: BuiltScreen, index: number): Blocks {
  const ordinary = screen.seats.filter((s) => s.kind === 'standard');
  // House seats are the best seats that are not recliners: the middle of the middle row of that category.
  const best =
    screen.categories.find((c) => c.code === 'PRM') ??
    screen.categories.find((c) => c.code === 'STD');
  const inBest = ordinary.filter((s) => s.categoryId === best?.id);
  const rows = [...new Set(inBest.map((s) => s.rowLabel))];
  const middleRow = rows[Math.floor(rows.length / 2)];
  const row = inBest.filter((s) => s.rowLabel === middleRow);
  const mid = Math.floor(row.length / 2);
  const house = row.slice(mid - 1, mid + 1).map((s) => s.id);
  // Every other screen has one broken seat somewhere, which reads true to life in a busy cinema.
  const candidates = ordinary.filter((s) => !house.includes(s.id));
  const broken = index % 2 === 1 && candidates.length > 0 ? rng.pick(candidates).id : null;
  return { broken, house };
}

/** Builds show prices and show seats for a cinema's planned shows. */
export function buildShowSeats(
  rng: Rng,
  cinema: BuiltCinema,
  planned: PlannedShow[],
): Pick<DemoData, 'showPrices' | 'showSeats'> {
  const blocks = new Map(cinema.screens.map((s, i) => [s.id, pickBlocks(rng, s, i)]));
  const showPrices: DemoData['showPrices'] = [];
  const showSeats: DemoShowSeat[] = [];
  for (const p of planned) {
    const showId = p.row.id;
    for (const c of p.screen.categories) {
      showPrices.push({
        showId,
        categoryId: c.id,
        amountMinor: seatPrice(cinema.spec, c.code, p.date, p.startMinutes),
        currency: cinema.spec.currency,
      });
    }
    const b = blocks.get(p.screen.id);
    const evening = p.startMinutes >= 18 * 60;
    for (const seat of p.screen.seats) {
      const reason =
        seat.id === b?.broken
          ? BROKEN_SEAT
          : evening && b?.house.includes(seat.id)
            ? HOUSE_SEATS
            : null;
      showSeats.push({
        showId,
        seatId: seat.id,
        state: reason === null ? 'available' : 'blocked',
        blockReason: reason,
      });
    }
  }
  return { showPrices, showSeats };
}
