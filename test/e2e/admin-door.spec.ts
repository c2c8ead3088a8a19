// Issue 18, the managers' view of the doors: the admin "Doors" section shows, for the cinema's
// day, admitted of sold per show and a ticket two doors both let in (the door and time of each).
// The admissions are written as the server stores them (sync-server/door/report.test.ts makes a
// real one with two offline door stations). Axe-clean, with a screenshot.
import { randomUUID } from 'node:crypto';
import { openAdmin } from './support/admin-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';
import { waitStationReady } from './support/station-call.js';

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
  const ticket = randomUUID();
  const first = randomUUID();
  const at = Date.now() - 5 * 60_000;
  await q(
    `INSERT INTO admissions (id, ticket_id, show_id, cinema_id, station_id, door, admitted_at, first_id)
     VALUES ($1, $3, $4, $5, $6, 'Door 1', $7, NULL), ($2, $3, $4, $5, $6, 'Door 2', $8, $1)`,
    [first, randomUUID(), ticket, showId, cinemaId, stationId, new Date(at), new Date(at + 60_000)],
  );

  await openAdmin(page, station.url, stack.data.people.manager);
  await page.getByRole('button', { name: 'Doors' }).click();
  await expect(page.getByRole('heading', { name: 'Doors', level: 2 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'let in twice' })).toContainText(
    '1 of 0 tickets let in · 1 let in twice',
  );
  const shows = page.getByRole('table', { name: 'Admitted of sold per show' });
  await expect(shows.getByRole('cell', { name: '1 of 0' })).toBeVisible();
  const twice = page.getByRole('table', { name: 'Tickets let in twice' });
  const row = twice.locator('tbody tr').first();
  await expect(row).toContainText(ticket.slice(0, 8));
  await expect(row).toContainText('Not synced yet');
  await expect(row.locator('td').nth(3)).toContainText('Door 1');
  await expect(row.locator('td').nth(4)).toContainText('Door 2');
  await checkScreen(page, testInfo, 'admin-door');
});
