// Issue 18, the managers' view of the doors: the admin "Doors" section shows, for the cinema's
// day, admitted of sold per show and a ticket two doors both let in (the door and time of each).
// The tickets are a real web booking; the admissions are written as the server stores them
// (sync-server/door/report.test.ts makes them with two offline door stations). Axe-clean, with a
// screenshot.
import { randomUUID } from 'node:crypto';
import { openAdmin } from './support/admin-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';
import { waitStationReady } from './support/station-call.js';
import { webBooking } from './support/web-booking.js';

test('doors: admitted of sold per show, and a ticket let in twice', async ({
  page,
  startCounterStack,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const stack = await startCounterStack({ data: 'fixture', stations: 1, startsInMinutes: 10 });
  const station = stack.stations[0];
  if (!station) throw new Error('stack without station');
  await waitStationReady(station.url, stack.data.people, {});
  const showId = stack.data.showIds[0] ?? '';
  const q = (text: string, values: unknown[]) => stack.db.$client.query(text, values);
  const show = await q(
    'SELECT s.cinema_id, (SELECT id FROM stations st WHERE st.cinema_id = s.cinema_id LIMIT 1) AS station FROM shows s WHERE s.id = $1',
    [showId],
  );
  const { cinema_id: cinemaId, station: stationId } = show.rows[0] as {
    cinema_id: string;
    station: string;
  };
  const booking = await webBooking(stack, showId, 2);
  const tickets = await q(
    'SELECT t.id, s.label FROM tickets t JOIN seats s ON s.id = t.seat_id WHERE t.order_id = $1 ORDER BY s.label',
    [booking.id],
  );
  const [one, two] = tickets.rows as { id: string; label: string }[];
  if (!one || !two) throw new Error('a booking of two tickets expected');
  const first = randomUUID();
  const at = Date.now() - 5 * 60_000;
  // One ticket let in once; the other at Door 1, then again at Door 2 (both doors offline).
  await q(
    `INSERT INTO admissions (id, ticket_id, show_id, cinema_id, station_id, door, admitted_at, first_id)
     VALUES ($1, $3, $5, $6, $7, 'Door 1', $8, NULL),
            ($2, $4, $5, $6, $7, 'Door 1', $8, NULL),
            ($9, $4, $5, $6, $7, 'Door 2', $10, $2)`,
    [
      randomUUID(),
      first,
      one.id,
      two.id,
      showId,
      cinemaId,
      stationId,
      new Date(at),
      randomUUID(),
      new Date(at + 60_000),
    ],
  );

  await openAdmin(page, station.url, stack.data.people.manager);
  await page.getByRole('button', { name: 'Doors' }).click();
  await expect(page.getByRole('heading', { name: 'Doors', level: 2 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'let in twice' })).toContainText(
    '2 of 2 tickets let in · 1 let in twice',
  );
  const shows = page.getByRole('table', { name: 'Admitted of sold per show' });
  await expect(shows.getByRole('cell', { name: '2 of 2' })).toBeVisible();
  const twice = page.getByRole('table', { name: 'Tickets let in twice' });
  const row = twice.locator('tbody tr').first();
  await expect(row).toContainText(two.id.slice(0, 8));
  await expect(row).toContainText(two.label);
  await expect(row.locator('td').nth(3)).toContainText('Door 1');
  await expect(row.locator('td').nth(4)).toContainText('Door 2');
  await checkScreen(page, testInfo, 'admin-door');
});
