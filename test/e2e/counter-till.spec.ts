// (d) Till open → three sales (cash; card with a child ticket; card + cash split) → close with the
// counted amounts: the Z-report on screen matches the sales, here and on the server.
import type { Page } from '@playwright/test';
import {
  expectPrinted,
  soldSeats,
  readyStation,
  openCounterAtShow,
  gbp,
} from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

async function saleTotal(page: Page): Promise<number> {
  await soldSeats(page);
  return Number(await page.getByTestId('sold-seats').getAttribute('data-total'));
}

async function nextSale(page: Page): Promise<void> {
  await page.keyboard.press('F2');
  await expect(page.locator('#show-filter')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.map-box')).toBeFocused();
}

test('the Z-report on screen matches three sales of the till', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(150_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);

  await openCounterAtShow(page, stack, station.url, showId, '150');

  // 1: two adults, exact cash.
  await page.keyboard.press('2');
  await expect(page.locator('.basket-line')).toHaveCount(2);
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  const total1 = await saleTotal(page);

  // 2: an adult and a child (T changes the type of the seat under the focus ring), by card with the terminal's reference.
  await nextSale(page);
  await page.keyboard.press('2');
  await expect(page.locator('.basket-line')).toHaveCount(2);
  await page.keyboard.press('t');
  await expect(
    page.locator('.basket-line select option:checked').filter({ hasText: 'Child' }),
  ).toHaveCount(1);
  await page.keyboard.press('F6');
  await expect(page.locator('#tender-amount')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('#tender-ref')).toBeFocused();
  await page.keyboard.type('AUTH-1234');
  await page.keyboard.press('Enter');
  const total2 = await saleTotal(page);

  // 3: three adults, £10 by card and the rest in cash with change.
  await nextSale(page);
  await page.keyboard.press('3');
  await expect(page.locator('.basket-line')).toHaveCount(3);
  await page.keyboard.press('F6');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Taken so far' })).toContainText('Card £10.00');
  await page.keyboard.press('F5');
  await expect(page.locator('#tender-amount')).toBeFocused();
  await page.keyboard.type('50');
  await page.keyboard.press('Enter');
  const total3 = await saleTotal(page);
  await expect(page.getByTestId('change-due')).toContainText(gbp(1000 + 5000 - total3));

  const cash = total1 + (total3 - 1000);
  const card = total2 + 1000;
  const float = 15000;

  // Close blind: the cashier sees the takings but not what the drawer should hold; counting exactly
  // what is expected leaves every difference zero.
  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: 'Close the till' })).toBeVisible();
  await expect(
    page.getByTestId('zreport').locator('[data-tender="cash"] [data-col="sales"]'),
  ).toHaveText(gbp(cash));
  await expect(page.getByTestId('zreport').locator('[data-col="expected"]')).toHaveCount(0);
  await page.getByLabel('Counted cash').fill(String((float + cash) / 100));
  await page.getByLabel('Counted card').fill(String(card / 100));
  await page.getByRole('button', { name: 'Close till and print Z-report' }).click();

  const z = page.getByTestId('zreport');
  await expect(z.getByRole('heading', { name: 'Z-report' })).toBeVisible();
  await expect(z.getByTestId('z-sales-count')).toHaveText('3');
  await expect(z.getByTestId('z-sales-amount')).toHaveText(gbp(total1 + total2 + total3));
  await expect(z.locator('[data-tender="cash"] [data-col="sales"]')).toHaveText(gbp(cash));
  await expect(z.locator('[data-tender="card"] [data-col="sales"]')).toHaveText(gbp(card));
  await expect(z.locator('[data-tender="cash"] [data-col="expected"]')).toHaveText(
    gbp(float + cash),
  );
  await expect(z.locator('[data-tender="cash"] [data-col="difference"]')).toHaveText(gbp(0));
  await expect(z.getByTestId('z-net')).toHaveText(gbp(total1 + total2 + total3));
  await expect(z.locator('[data-staff="Casey Cashier"] [data-col="sales"]')).toHaveText(
    gbp(total1 + total2 + total3),
  );
  await expect(z.locator('[data-tender="card"] [data-col="difference"]')).toHaveText(gbp(0));
  await expect(z.locator('[data-ticket-type="Adult"] td').first()).toHaveText('6');
  await expect(z.locator('[data-ticket-type="Child"] td').first()).toHaveText('1');
  await expect(page.locator('.header')).toContainText('Till closed');

  // The server has the same three sales, and the Z-report printed.
  const server = await stack.db.$client.query<{ n: string; total: string }>(
    'SELECT count(*) AS n, sum(total_minor) AS total FROM orders WHERE station_id = $1',
    [station.id],
  );
  expect(Number(server.rows[0]?.n)).toBe(3);
  expect(Number(server.rows[0]?.total)).toBe(total1 + total2 + total3);
  await expectPrinted(station.printer, ['Z-REPORT']);
});
