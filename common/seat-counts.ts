// How many seats of a show a counter can still sell: one definition for the show list and the seat
// map's header, so the two never disagree.

/** A seat as the counter sees it: its state (pending sales already shown as sold) and whether it is escrowed here. */
export type CountableSeat = { state: string; mine: boolean };

/** Seat counts of a show: `available` counts every seat this counter can sell, its escrow (`mine`) included. */
export type SeatCounts = { total: number; available: number; mine: number };

/** Counts free seats the way the show list shows them: free for everyone, plus set aside for this counter. */
export function countSeats(seats: readonly CountableSeat[]): SeatCounts {
  let available = 0;
  let mine = 0;
  for (const s of seats) {
    if (s.state === 'available') available += 1;
    else if (s.state === 'allocated' && s.mine) mine += 1;
  }
  return { total: seats.length, available: available + mine, mine };
}
