// (c) Server down: the counter sells a seat set aside for it (and prints), refuses the others with
// the reason; once the server is back the offline sale reaches PostgreSQL.
import AxeBuilder from '@axe-core/playwright';
import {
  expectPrinted,
  soldSeats,
  readyStation,
  openCounterAtShow,
} from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { waitFor } from './support/station-call.js';

test('offline, an escrowed seat sells and prints, others are disabled; the sale syncs on reconnect', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(150_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);

  await openCounterAtShow(page, stack, station.url, showId, '100');
  await expect(page.locator('[data-look="mine"]').first()).toBeVisible();

  await stack.server.stop();
  await expect(
    page.getByText(/Offline: the server cannot be reached|Connecting to the server/),
  ).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('status')).not.toHaveText('Server: online');

  await page.screenshot({ path: test.info().outputPath('offline-seat-map.png') });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);

  // A seat not set aside for this counter is disabled, and says why.
  const other = page.locator('[data-look="offline"]').first();
  await expect(other).toBeVisible();
  await expect(other.locator('title')).toContainText(
    'Offline: this counter can sell only the seats set aside for it',
  );
  await other.click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Offline: this counter can sell only' }),
  ).toBeVisible();
  await expect(page.locator('.basket-line')).toHaveCount(0);

  // A seat set aside for it sells, offline, and prints.
  const mine = page.locator('[data-look="mine"]').first();
  const label = await mine.getAttribute('data-seat');
  if (label === null) throw new Error('no escrowed seat on the map');
  await mine.click();
  await expect(page.locator('.basket-line')).toHaveCount(1);
  await page.keyboard.press('F5');
  await expect(page.locator('#tender-amount')).toBeFocused();
  await page.keyboard.press('Enter');
  expect(await soldSeats(page)).toEqual([label]);
  await expect(page.getByText('Sold offline from this counter’s seats')).toBeVisible();
  await expectPrinted(station.printer, [
    `Row${label.slice(0, 1)}Seat${label.slice(1)}`,
    `Adult${label}`,
  ]);
  const before = await stack.db.$client.query(
    "SELECT 1 FROM tickets t JOIN seats s ON s.id = t.seat_id WHERE t.show_id = $1 AND s.label = $2 AND t.status = 'valid'",
    [showId, label],
  );
  expect(before.rowCount).toBe(0);

  // Back online: the queued sale is accepted and the header says so.
  await stack.server.start();
  await expect(page.getByRole('status')).toHaveText('Server: online', { timeout: 30_000 });
  const synced = await waitFor(async () => {
    const r = await stack.db.$client.query<{ offline: boolean }>(
      "SELECT o.offline FROM tickets t JOIN seats s ON s.id = t.seat_id JOIN orders o ON o.id = t.order_id WHERE t.show_id = $1 AND s.label = $2 AND t.status = 'valid'",
      [showId, label],
    );
    return r.rows[0];
  }, 'the offline sale to reach PostgreSQL');
  expect(synced.offline).toBe(true);
  await expect(page.locator('.header')).toContainText('Pending sync 0', { timeout: 10_000 });
});
