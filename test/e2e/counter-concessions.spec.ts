// Food and drink at the counter on the demo cinema (INR, GST added on top): 2 adult tickets and 2 of
// an item for cash, added from the menu with the keyboard; the receipt at the virtual printer lists
// the item, and the Z-report's takings include it. Axe and a screenshot of the basket with food.
import AxeBuilder from '@axe-core/playwright';
import { formatMoney } from '../../common/money.js';
import { priceOrder } from '../../common/pricing.js';
import { localDateOf } from '../../common/schedule.js';
import { expectPrinted, openCounterAtShow, soldSeats } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { waitStationReady } from './support/station-call.js';

test('sells 2 adult tickets and 2 of a food item for cash; receipt and Z-report include the food', async ({
  page,
  startCounterStack,
}, testInfo) => {
  test.setTimeout(180_000);
  const stack = await startCounterStack({ data: 'demo', stations: 1 });
  const station = stack.stations[0];
  if (!station) throw new Error('stack without station');
  const db = stack.db.$client;
  const next = (
    await db.query<{ id: string; starts_at: Date; cinema_id: string }>(
      "SELECT sh.id, sh.starts_at, sh.cinema_id FROM shows sh JOIN cinemas c ON c.id = sh.cinema_id WHERE c.name = $1 AND sh.status = 'on_sale' AND sh.starts_at > now() + interval '45 minutes' ORDER BY sh.starts_at LIMIT 1",
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

  // The menu's first item, added twice from the keyboard (Enter, then Space) without leaving the basket.
  const menuItem = page.locator('.food-item').first();
  await expect(menuItem).toBeVisible();
  const name = (await menuItem.getAttribute('data-item')) ?? '';
  await menuItem.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  const line = page.locator(`.food-line[data-item="${name}"]`);
  await expect(line.getByTestId('food-qty')).toHaveText('2');
  await expect(menuItem).toBeFocused();

  // The line is priced by the one pricing function: 2 × shelf price plus the food taxes added on top.
  const item = (
    await db.query<{ price_minor: number; currency: string }>(
      'SELECT price_minor, currency FROM concession_items WHERE cinema_id = $1 AND name = $2',
      [next.cinema_id, name],
    )
  ).rows[0];
  const taxes = await db.query<{ name: string; rate_bp: number; inclusive: boolean }>(
    "SELECT name, rate_bp, inclusive FROM taxes WHERE cinema_id = $1 AND item_class = 'concession'",
    [next.cinema_id],
  );
  const priced = priceOrder(
    {
      currency: item?.currency ?? 'INR',
      concessions: [{ unitPriceMinor: item?.price_minor ?? 0, quantity: 2 }],
      taxes: taxes.rows.map((t) => ({
        name: t.name,
        rateBp: t.rate_bp,
        inclusive: t.inclusive,
        itemClass: 'concession' as const,
      })),
    },
    new Date(),
  );
  if (!priced.ok) throw new Error(priced.error.message);
  const foodTotal = priced.value.totalMinor;
  const inr = (minor: number) => formatMoney(minor, 'INR', 'en-IN');
  await expect(line.locator('.amount')).toHaveText(inr(foodTotal));

  // The basket with food, as the cashier sees it: screenshot, axe, and nothing wider than the screen.
  await page.screenshot({ path: testInfo.outputPath('basket-concessions.png') });
  const axe = await new AxeBuilder({ page }).include('.basket').analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );

  await page.keyboard.press('F5');
  await expect(page.locator('#tender-amount')).toBeFocused();
  await page.keyboard.press('Enter');
  await soldSeats(page);
  const sold = page.getByTestId('sold-seats');
  await expect(sold).toContainText(`2 × ${name}`);
  const total = Number(await sold.getAttribute('data-total'));
  expect(total).toBeGreaterThan(foodTotal);

  // The receipt lists the item with its quantity (the decoder's text, spaces ignored).
  await expectPrinted(station.printer, ['RECEIPT', name.replace(/\s+/g, ''), '2x']);
  // The server has the food lines of the sale.
  const serverItems = await db.query<{ quantity: number; total_minor: number }>(
    "SELECT i.quantity, i.total_minor FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.station_id = $1 AND o.status = 'paid'",
    [station.id],
  );
  expect(serverItems.rows).toEqual([{ quantity: 2, total_minor: foodTotal }]);

  // The Z-report: takings include the food, split into tickets and food, and the food is itemised.
  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: 'Close the till' })).toBeVisible();
  const z = page.getByTestId('zreport');
  await expect(z.getByTestId('z-sales-amount')).toHaveText(inr(total));
  await expect(z.getByTestId('z-food-amount')).toHaveText(inr(foodTotal));
  await expect(z.getByTestId('z-tickets-amount')).toHaveText(inr(total - foodTotal));
  await expect(z.locator(`[data-item="${name}"] td`).first()).toHaveText('2');
  await page.getByLabel('Counted cash').fill(String((500_000 + total) / 100));
  await page.getByRole('button', { name: 'Close till and print Z-report' }).click();
  await expect(z.getByRole('heading', { name: 'Z-report' })).toBeVisible();
  // The close is blind: the expected cash shows once the count is in.
  await expect(z.locator('[data-tender="cash"] [data-col="expected"]')).toHaveText(
    inr(500_000 + total),
  );
  await expectPrinted(station.printer, [
    'Z-REPORT',
    'Foodanddrink',
    `${name.replace(/\s+/g, '')}(2)`,
  ]);
});
