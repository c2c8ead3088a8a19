// (b) Two counters of one cinema on two station processes: a seat sold at one shows as sold at the
// other within a second, without reloading anything.
import type { Page } from '@playwright/test';
import { soldSeats, openCounterAtShow } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { waitStationReady } from './support/station-call.js';

test('a seat sold at one counter shows as sold at the other within 1 s', async ({
  browser,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 2 });
  const [one, two] = stack.stations;
  const showId = stack.data.showIds[0];
  if (!one || !two || showId === undefined) throw new Error('stack without two stations');
  await Promise.all(
    [one, two].map((s) => waitStationReady(s.url, stack.data.people, { showIds: [showId] })),
  );

  const open = async (url: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openCounterAtShow(page, stack, url, showId, '100');
    return page;
  };
  const pageOne = await open(one.url);
  const pageTwo = await open(two.url);

  // Counter one sells the best seat; counter two has the same map open and touches nothing.
  await pageOne.keyboard.press('1');
  await expect(pageOne.locator('.basket-line')).toHaveCount(1);
  await pageOne.keyboard.press('F5');
  await expect(pageOne.locator('#tender-amount')).toBeFocused();
  await pageOne.keyboard.press('Enter');
  const [seat] = await soldSeats(pageOne);
  const soldAt = Date.now();
  if (seat === undefined) throw new Error('no seat sold');

  await expect(pageTwo.locator(`[data-seat="${seat}"]`)).toHaveAttribute('data-look', 'sold', {
    timeout: 1000,
  });
  const seenAfterMs = Date.now() - soldAt;
  test.info().annotations.push({
    type: 'seat sold at counter one seen at counter two after (ms)',
    description: String(seenAfterMs),
  });
  expect(seenAfterMs).toBeLessThan(1000);

  // Counter two cannot take it: clicking it says why instead of adding it to the basket.
  await pageTwo.locator(`[data-seat="${seat}"]`).click();
  await expect(pageTwo.getByRole('alert').filter({ hasText: `${seat}: Sold` })).toBeVisible();
  await expect(pageTwo.locator('.basket-line')).toHaveCount(0);
});
