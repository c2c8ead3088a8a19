// (a) Keyboard only: sign in, open the till, choose a show, and sell 2 adult tickets for cash in at
// most 6 key presses after choosing the show; the tickets reach the virtual printer.
import {
  expectPrinted,
  KeyCounter,
  soldSeats,
  readyStation,
  openCounterAtShow,
} from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

test('sells 2 adult tickets for cash in at most 6 key presses after choosing the show', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);

  await openCounterAtShow(page, stack, station.url, showId, '200');

  // Typed back to back, as fast as a cashier who does not look: the UI must keep up without waits.
  const keys = new KeyCounter(page);
  await keys.press('2'); // best available 2, Adult by default
  await keys.press('F5'); // cash
  await keys.press('Enter'); // nothing typed = exact amount
  const seats = await soldSeats(page);
  expect(keys.count).toBeLessThanOrEqual(6);
  expect(seats).toHaveLength(2);
  await expect(page.getByTestId('change-due')).toHaveText('No change due');
  test.info().annotations.push({
    type: 'key presses after choosing the show',
    description: String(keys.count),
  });

  // Both tickets and the receipt reach the printer: each ticket shows film, row and seat; the receipt lists both.
  await expectPrinted(station.printer, [
    'TestFilm',
    ...seats.map((s) => `Row${s.slice(0, 1)}Seat${s.slice(1)}`),
    ...seats.map((s) => `Adult${s}`),
  ]);
  // The sale reached the server, not just this station.
  const sold = await stack.db.$client.query<{ n: string }>(
    "SELECT count(*) AS n FROM tickets WHERE show_id = $1 AND status = 'valid'",
    [showId],
  );
  expect(Number(sold.rows[0]?.n)).toBe(2);
});
