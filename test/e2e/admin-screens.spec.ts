// Issue 15: every admin screen on the demo cinema at both station screen sizes: screenshots saved as
// test artifacts, no serious or critical axe violations, nothing wider than the window; offline the
// admin view is read-only and says why.
import { openAdmin } from './support/admin-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';
import { waitStationReady } from './support/station-call.js';

const check = checkScreen;

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`admin screens at ${String(size.width)}×${String(size.height)}: screenshots and axe`, async ({
    page,
    startCounterStack,
  }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    const stack = await startCounterStack({ data: 'demo', stations: 1 });
    const station = stack.stations[0];
    if (!station) throw new Error('stack without station');
    await waitStationReady(station.url, stack.data.people, {});
    const manager = stack.data.people.manager;
    await openAdmin(page, station.url, manager);
    await expect(
      page
        .getByRole('img', { name: /^Poster of/ })
        .or(page.locator('.poster-none'))
        .first(),
    ).toBeVisible();
    await check(page, testInfo, 'admin-1-films');

    await page.getByRole('button', { name: 'New film' }).click();
    await page.getByLabel('Title').fill('A');
    await page.getByLabel('Close date').fill('2020-01-01');
    await page.getByLabel('Release date').fill('2026-12-20');
    await check(page, testInfo, 'admin-2-film-form');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('heading', { name: 'Discard changes?' })).toBeVisible();
    await check(page, testInfo, 'admin-3-discard-changes');
    await page.getByRole('button', { name: /Discard changes/ }).click();

    await page.keyboard.press('Alt+2');
    await expect(page.getByLabel('Address')).toBeVisible();
    await check(page, testInfo, 'admin-4-cinema');

    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { name: 'Screens & layouts' })).toBeVisible();
    await check(page, testInfo, 'admin-5-screens');
    await page
      .getByRole('button', { name: /^Seat layouts of/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { name: /^Seat layouts of/ })).toBeVisible();
    await check(page, testInfo, 'admin-6-layouts');
    await page.getByRole('button', { name: /^Edit/ }).first().click();
    await expect(page.getByRole('grid')).toBeVisible();
    await check(page, testInfo, 'admin-7-layout-editor');
    await page.getByRole('button', { name: 'Close editor' }).click();

    await page.keyboard.press('Alt+4');
    await expect(page.getByRole('heading', { name: 'Staff' })).toBeVisible();
    await page.getByRole('button', { name: 'New person' }).click();
    await check(page, testInfo, 'admin-8-staff');
    await page.getByLabel('Name').fill('Dev Patel');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByRole('heading', { name: 'PIN for Dev Patel' })).toBeVisible();
    await check(page, testInfo, 'admin-9-pin-shown-once');
    await page.getByRole('button', { name: 'I have noted it' }).click();

    await page.keyboard.press('Alt+5');
    await expect(page.getByRole('heading', { name: 'Stations' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Enrolled' }).first()).toBeVisible();
    await check(page, testInfo, 'admin-10-stations');

    // Offline: read-only, and the reason on screen.
    await stack.server.stop();
    await expect(page.getByText(/Offline: the admin view is read-only/)).toBeVisible({
      timeout: 30_000,
    });
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('button', { name: 'New film' })).toBeDisabled();
    await check(page, testInfo, 'admin-11-offline');
    await stack.server.start();
  });
}
