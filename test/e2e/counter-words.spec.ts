// Issue 10, items 7 and 9 at the counter: a show past its sale window is marked in the list and
// refused on Enter (with the reason, and no map); notices go when the cashier changes screen or when
// the server link is back; the void dialog keeps Tab and Shift+Tab inside it. The fixture's shows
// are built relative to now (one began 40 minutes ago, one begins in 140), so any hour works.
import {
  chooseShow,
  goToShowDate,
  highlightShow,
  openTill,
  readyStation,
  showStart,
  signIn,
  soldSeats,
} from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

test('finished show refused with the reason; notices clear; the void dialog keeps focus', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({
    data: 'fixture',
    stations: 1,
    shows: 2,
    startsInMinutes: -40,
  });
  const [closedId = '', openId = ''] = stack.data.showIds;
  // Escrow comes only for a show still on sale: wait for the later one's.
  const { station } = await readyStation(stack, openId);
  const tz = stack.data.timeZone;
  const alert = page.getByRole('alert');

  await page.goto(station.url);
  await signIn(page, stack.data.people.cashier);
  await openTill(page, '100');

  // The show that began 40 minutes ago is marked, and Enter on it says why instead of opening it.
  await goToShowDate(page, await showStart(stack, closedId), tz);
  const closed = page.locator(`#show-${closedId}`);
  await expect(closed).toContainText(/Started 4\d min ago — closed for sale/);
  await expect(closed).toHaveAttribute('aria-disabled', 'true');
  await highlightShow(page, closedId);
  await page.keyboard.press('Enter');
  await expect(alert).toHaveText(
    /^This show started 4\d min ago and is closed for sale\. Choose a later show\.$/,
  );
  await expect(page.locator('.map-box')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Shows · / })).toBeVisible();

  // Another screen: the notice about the list is gone.
  await page.keyboard.press('F3');
  await expect(page.getByRole('heading', { name: 'Sales at this counter' })).toBeVisible();
  await expect(alert).toHaveText('');

  // A sale of the later show, then its void dialog: Tab and Shift+Tab never leave the dialog.
  await page.keyboard.press('Escape');
  await chooseShow(page, openId, await showStart(stack, openId), tz);
  await page.keyboard.press('1');
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  expect(await soldSeats(page)).toHaveLength(1);
  await page.keyboard.press('F3');
  const voidButton = page.getByRole('button', { name: 'Void…' }).first();
  await voidButton.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const focusInDialog = () =>
    page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(key);
      expect(await focusInDialog(), `${key} ×${String(i + 1)} stays in the dialog`).toBe(true);
    }
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(voidButton).toBeFocused();

  // Offline, an error about the lost link goes by itself once the server is back.
  await page.keyboard.press('Escape');
  await chooseShow(page, openId, await showStart(stack, openId), tz);
  await stack.server.stop();
  await expect(page.getByRole('status')).not.toHaveText('Server: online', { timeout: 15_000 });
  await page.keyboard.press('9');
  await expect(alert).toContainText('No 9 seats together among the seats set aside');
  await stack.server.start();
  await expect(page.getByRole('status')).toHaveText('Server: online', { timeout: 30_000 });
  await expect(alert).toHaveText('');
});
