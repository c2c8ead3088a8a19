// (e) Every counter screen on the demo cinema (INR, Asia/Kolkata), at both counter screen sizes:
// screenshots saved as test artifacts, and no serious or critical axe violations.
import { goToShowDate, openTill, signIn } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';
import { waitStationReady } from './support/station-call.js';

const check = checkScreen;

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`counter screens at ${String(size.width)}×${String(size.height)}: screenshots and axe`, async ({
    page,
    startCounterStack,
  }, testInfo) => {
    test.setTimeout(150_000);
    await page.setViewportSize(size);
    const stack = await startCounterStack({ data: 'demo', stations: 1 });
    const station = stack.stations[0];
    if (!station) throw new Error('stack without station');
    // The next show far enough ahead for escrow (the demo has a week of them).
    const next = (
      await stack.db.$client.query<{ id: string; starts_at: Date }>(
        "SELECT sh.id, sh.starts_at FROM shows sh JOIN cinemas c ON c.id = sh.cinema_id WHERE c.name = $1 AND sh.status = 'on_sale' AND sh.starts_at > now() + interval '45 minutes' ORDER BY sh.starts_at LIMIT 1",
        [stack.data.cinemaName],
      )
    ).rows[0];
    if (!next) throw new Error('the demo has no coming show');
    await waitStationReady(station.url, stack.data.people, { showIds: [next.id] });

    await page.goto(station.url);
    await expect(page.locator('#person-filter')).toBeFocused();
    await check(page, testInfo, '1-sign-in');

    await signIn(page, stack.data.people.cashier);
    await check(page, testInfo, '2-till-open');
    await openTill(page, '5000');
    await expect(page.locator('.show-card').first()).toBeVisible();
    await check(page, testInfo, '3-show-list');

    await goToShowDate(page, next.starts_at, stack.data.timeZone);
    await page.locator(`#show-${next.id}`).click();
    await expect(page.locator('.map-box')).toBeFocused();
    await expect(page.locator('[data-look="mine"]').first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await check(page, testInfo, '4-seat-map');

    // Shift+digit: best seats with a wheelchair space (when this screen has one free).
    if ((await page.locator('.map-svg circle.seat-shape.look-free').count()) > 0) {
      await page.keyboard.press('Shift+Digit2');
      await expect(page.locator('.basket-line')).toHaveCount(2);
      const labels = await page.locator('.basket-line .seat-label').allTextContents();
      const round = await Promise.all(
        labels.map((l) => page.locator(`.map-svg [data-seat="${l}"] circle.seat-shape`).count()),
      );
      expect(round.reduce((a, b) => a + b, 0)).toBe(1);
    }
    await page.keyboard.press('4');
    await expect(page.locator('.basket-line')).toHaveCount(4);
    await page.keyboard.press('t');
    await expect(page.getByTestId('basket-total')).toContainText('₹');
    await check(page, testInfo, '5-basket');

    await page.keyboard.press('F5');
    await expect(page.locator('#tender-amount')).toBeFocused();
    await page.keyboard.type('5000');
    await check(page, testInfo, '6-tender');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('change-due')).toContainText('Change due');
    await expect(page.locator('pre.paper')).toBeVisible({ timeout: 15_000 });
    const total = Number(await page.getByTestId('sold-seats').getAttribute('data-total'));
    await check(page, testInfo, '7-sale-done');

    await page.keyboard.press('F3');
    await expect(page.getByRole('heading', { name: 'Sales at this counter' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Void…' })).toBeVisible();
    await check(page, testInfo, '8-sales');
    await page.getByRole('button', { name: 'Void…' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check(page, testInfo, '9-void-dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.keyboard.press('F4');
    await expect(page.getByRole('heading', { name: 'Close the till' })).toBeVisible();
    // Counted exactly (float and the sale), so the blind close needs no manager.
    await page.getByLabel('Counted cash').fill(String((500_000 + total) / 100));
    await page.getByRole('button', { name: 'Close till and print Z-report' }).click();
    await expect(
      page.getByTestId('zreport').getByRole('heading', { name: 'Z-report' }),
    ).toBeVisible();
    await check(page, testInfo, '10-z-report');

    await page.keyboard.press('F8');
    await page.getByRole('button', { name: 'Preview' }).first().click();
    // Double-size text (the report's title) decodes with spaces between letters.
    await expect(page.locator('pre.paper')).toContainText(/Z - R E P O R T/);
    await check(page, testInfo, '11-printer');
  });
}
