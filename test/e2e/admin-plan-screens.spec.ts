// Issue 16: the planner and the price screens on the demo cinema at both station screen sizes:
// screenshots kept as test artifacts, no serious or critical axe violations, nothing wider than
// the window.
import { openAdmin } from './support/admin-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';
import { waitStationReady } from './support/station-call.js';

// The smaller station size only: the layouts are the same at 1920×1080 (docs/screenshots has both).
for (const size of [{ width: 1280, height: 800 }]) {
  test(`planner and prices at ${String(size.width)}×${String(size.height)}: screenshots and axe`, async ({
    page,
    startCounterStack,
  }, testInfo) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    const stack = await startCounterStack({ data: 'demo', stations: 1 });
    const station = stack.stations[0];
    if (!station) throw new Error('stack without station');
    await waitStationReady(station.url, stack.data.people, {});
    await openAdmin(page, station.url, stack.data.people.manager);

    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { name: 'Schedule' })).toBeVisible();
    await expect(page.locator('.planner-block').first()).toBeVisible();
    // A film picked in the palette: where it fits on each screen today.
    await page.locator('.planner-palette li').first().click();
    await expect(page.locator('.planner-free').first()).toBeAttached();
    await checkScreen(page, testInfo, 'admin-12-planner');
    await page.keyboard.press('n');
    const batch = page.getByRole('dialog', { name: 'Add shows' });
    await batch.getByLabel('Times', { exact: true }).fill('10:00, 12:00, 23:00');
    await batch.getByRole('button', { name: 'Check' }).click();
    await expect(batch.getByRole('status')).toBeVisible();
    await checkScreen(page, testInfo, 'admin-13-add-shows');
    await batch.getByRole('button', { name: 'Close' }).click();
    // Tomorrow's shows have not started at any hour: move to tomorrow's tab (next week's Monday
    // when today is Sunday).
    const tabs = page
      .getByRole('navigation', { name: 'Days' })
      .getByRole('button', { name: /^\w{3} \d+ \w{3}/ });
    const names = await tabs.allInnerTexts();
    const today = await page.locator('.planner-week [aria-current="date"]').innerText();
    const at = names.indexOf(today);
    if (at === 6) {
      await page.getByRole('button', { name: 'Next week' }).click();
      await tabs.nth(0).click();
    } else await tabs.nth(at + 1).click();
    await page
      .getByRole('button', { name: /, on sale, / })
      .first()
      .click();
    await expect(page.locator('.planner-panel')).toBeVisible();
    await checkScreen(page, testInfo, 'admin-14-show-panel');
    await page.getByRole('button', { name: 'House seats…' }).click();
    await expect(
      page
        .getByRole('dialog', { name: /^House seats/ })
        .getByRole('button')
        .first(),
    ).toBeVisible();
    await checkScreen(page, testInfo, 'admin-15-house-seats');
    await page
      .getByRole('dialog', { name: /^House seats/ })
      .getByRole('button', { name: 'Close' })
      .click();

    await page.keyboard.press('Alt+7');
    await expect(page.getByRole('button', { name: 'Weekday evening' })).toBeVisible();
    await checkScreen(page, testInfo, 'admin-16-price-cards');
    await page.getByRole('button', { name: 'Weekday evening' }).click();
    await expect(page.locator('.prices-pays')).toBeVisible();
    await checkScreen(page, testInfo, 'admin-17-price-card');
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    for (const [tab, name] of [
      ['Promo codes', 'admin-18-promo-codes'],
      ['Ticket types & formats', 'admin-19-ticket-types'],
      ['Taxes', 'admin-20-taxes'],
      ['Concessions', 'admin-21-concessions'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tabpanel')).toBeVisible();
      await expect(page.locator('.admin-table tbody tr').first()).toBeVisible();
      await checkScreen(page, testInfo, name);
    }
  });
}
