// Food and drink with the keyboard only, on the demo cinema (INR, GST added on food): F opens the
// menu, digits add, + and − change the quantity, arrows change category, Esc goes back to the map;
// the key presses are counted. Menu tiles show the same tax-inclusive price as the basket line, and
// no basket column is cut off at 1280×800.
import { localDateOf } from '../../common/schedule.js';
import { KeyCounter, openCounterAtShow, soldSeats } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { waitStationReady } from './support/station-call.js';

test('adds food and drink with the keyboard only, in a counted number of keys', async ({
  page,
  startCounterStack,
}, testInfo) => {
  test.setTimeout(180_000);
  const stack = await startCounterStack({ data: 'demo', stations: 1 });
  const station = stack.stations[0];
  if (!station) throw new Error('stack without station');
  const next = (
    await stack.db.$client.query<{ id: string; starts_at: Date }>(
      "SELECT sh.id, sh.starts_at FROM shows sh JOIN cinemas c ON c.id = sh.cinema_id WHERE c.name = $1 AND sh.status = 'on_sale' AND sh.starts_at > now() + interval '45 minutes' ORDER BY sh.starts_at LIMIT 1",
      [stack.data.cinemaName],
    )
  ).rows[0];
  if (!next) throw new Error('the demo has no coming show');
  await waitStationReady(station.url, stack.data.people, {
    showIds: [next.id],
    date: localDateOf(next.starts_at, stack.data.timeZone),
  });
  await openCounterAtShow(page, stack, station.url, next.id, '5000');
  await page.keyboard.press('2');
  await expect(page.locator('.basket-line')).toHaveCount(2);
  await expect(page.locator('.food-item').first()).toBeVisible();

  const keys = new KeyCounter(page);
  await keys.press('f'); // the menu: first item of the first category
  const first = page.locator('.food-item').first();
  await expect(first).toBeFocused();
  const firstName = (await first.getAttribute('data-item')) ?? '';
  await keys.press('1'); // one of item 1
  await keys.press('+'); // and one more
  await keys.press('ArrowRight'); // next category
  const second = page.locator('.food-item').nth(1);
  await expect(page.locator('.food-item').first()).toBeFocused();
  const secondName = (await second.getAttribute('data-item')) ?? '';
  expect(secondName).not.toBe(firstName);
  await keys.press('2'); // one of item 2 there
  await keys.press('2'); // two
  await keys.press('-'); // back to one
  const lineA = page.locator(`.food-line[data-item="${firstName}"]`);
  const lineB = page.locator(`.food-line[data-item="${secondName}"]`);
  await expect(lineA.getByTestId('food-qty')).toHaveText('2');
  await expect(lineB.getByTestId('food-qty')).toHaveText('1');
  await expect(second).toBeFocused();
  await keys.press('Escape'); // back to the map, the sale still here
  await expect(page.locator('.map-box')).toBeFocused();
  await expect(page.locator('.basket-line')).toHaveCount(2);
  const foodKeys = keys.count;

  // The tile and the basket line of one item show the same price, taxes added.
  const tilePrice = ((await second.locator('.food-price').textContent()) ?? '').split('·')[0];
  expect(tilePrice?.trim()).toMatch(/\d/);
  await expect(lineB.locator('.amount')).toHaveText(tilePrice?.trim() ?? '');

  // No column of the basket is cut off on the 1280×800 counter.
  await page.screenshot({ path: testInfo.outputPath('basket-food-keys.png') });
  const clipped = await page
    .locator('.basket-line > :not(.visually-hidden), .food-line > *, .seat-cell > *')
    .evaluateAll((els) =>
      els
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.getAttribute('class') ?? el.tagName}: ${el.textContent}`),
    );
  expect(clipped).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );

  await keys.press('F5');
  await expect(page.locator('#tender-amount')).toBeFocused();
  await keys.press('Enter');
  await soldSeats(page);
  const sold = page.getByTestId('sold-seats');
  await expect(sold).toContainText(`2 × ${firstName}`);
  await expect(sold).toContainText(`1 × ${secondName}`);
  expect(foodKeys).toBe(8);
  expect(keys.count).toBeLessThanOrEqual(10);
  test.info().annotations.push({
    type: 'keys: food (two items, one changed with + and −) then cash',
    description: `${String(foodKeys)} for the food, ${String(keys.count)} in all after the seats`,
  });
});
