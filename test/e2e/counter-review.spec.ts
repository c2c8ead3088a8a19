// The manager's review list: a sale made offline that the server then refuses (its seat was blocked
// centrally meanwhile) waits there with advice, and a manager resolves it.
import AxeBuilder from '@axe-core/playwright';
import { signIn, soldSeats, readyStation, openCounterAtShow } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

test('a refused offline sale reaches the manager’s review list with advice', async ({
  page,
  startCounterStack,
}, testInfo) => {
  test.setTimeout(150_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);

  await openCounterAtShow(page, stack, station.url, showId, '100');
  await stack.server.stop();
  await expect(page.getByRole('status')).not.toHaveText('Server: online', { timeout: 15_000 });
  await page.keyboard.press('1');
  await expect(page.locator('.basket-line')).toHaveCount(1);
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  const [label] = await soldSeats(page);

  // Behind the counter's back, head office blocks that seat (a broken seat) straight in the database.
  await stack.db.$client.query(
    "UPDATE show_seats SET state = 'blocked', station_id = NULL WHERE show_id = $1 AND seat_id = (SELECT id FROM seats WHERE label = $2 AND layout_id = (SELECT layout_id FROM shows WHERE id = $1))",
    [showId, label],
  );
  await stack.server.start();
  await expect(page.locator('.header')).toContainText('1 to review', { timeout: 30_000 });

  // A cashier is told to fetch a manager; the manager sees the item and what to do.
  await page.keyboard.press('F7');
  await expect(page.getByText('Only a manager can read and resolve them')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out so a manager can sign in' }).click();
  await signIn(page, stack.data.people.manager);
  await page.keyboard.press('F7');
  const item = page.locator('.review-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('BO_SEAT_UNAVAILABLE');
  await expect(item).toContainText('What to do: The seat was sold elsewhere first.');
  await page.screenshot({ path: testInfo.outputPath('review-list.png') });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);

  await item.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('Nothing to review')).toBeVisible();
  await expect(page.locator('.header')).not.toContainText('to review');
});
