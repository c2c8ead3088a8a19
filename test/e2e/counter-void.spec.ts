// Voids and refunds from the sales list: a sale of this till session is voided by the cashier; a sale
// of an earlier session needs a refund with a manager's PIN and a reason. The seats come free again.
import { soldSeats, readyStation, openCounterAtShow } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

test('void in the session, refund with a manager PIN after it', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(60_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);
  const validTickets = async () =>
    Number(
      (
        await stack.db.$client.query<{ n: string }>(
          "SELECT count(*) AS n FROM tickets WHERE show_id = $1 AND status = 'valid'",
          [showId],
        )
      ).rows[0]?.n,
    );

  await openCounterAtShow(page, stack, station.url, showId, '100');
  const sell = async (n: string) => {
    await page.keyboard.press(n);
    await page.keyboard.press('F5');
    await page.keyboard.press('Enter');
    return soldSeats(page);
  };
  const first = await sell('2');
  await page.keyboard.press('F2');
  await expect(page.locator('#show-filter')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.map-box')).toBeFocused();
  const second = await sell('1');
  const secondTotal = Number(await page.getByTestId('sold-seats').getAttribute('data-total'));
  expect(await validTickets()).toBe(3);

  // Void the first sale (this session): no manager needed.
  await page.keyboard.press('F3');
  const rowOf = (seats: string[]) => page.locator('tbody tr').filter({ hasText: seats.join(', ') });
  await rowOf(first).getByRole('button', { name: 'Void…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Void sale 1');
  await dialog.getByRole('button', { name: 'Void tickets' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Sale 1: 2 ticket\(s\) voided/)).toBeVisible();
  await expect(rowOf(first.map((s) => `${s} (void)`))).toBeVisible();
  expect(await validTickets()).toBe(1);

  // A new till session: the second sale is now a refund, which needs a manager.
  // The first sale was voided, so the drawer holds the float and the second sale.
  await page.keyboard.press('F4');
  await page.getByLabel('Counted cash').fill(String((10000 + secondTotal) / 100));
  await page.getByRole('button', { name: 'Close till and print Z-report' }).click();
  await expect(
    page.getByTestId('zreport').getByRole('heading', { name: 'Z-report' }),
  ).toBeVisible();
  await page.locator('#till-float').fill('100');
  await page.keyboard.press('Enter');
  await expect(page.locator('.header')).toContainText('Till open');
  await page.keyboard.press('F3');
  await rowOf(second).getByRole('button', { name: 'Refund…' }).click();
  await expect(dialog.getByRole('heading')).toHaveText('Refund sale 2');
  await dialog.getByLabel('Reason').selectOption('Wrong show sold');
  await dialog.getByRole('button', { name: 'Refund tickets' }).click();
  await expect(dialog.getByRole('alert')).toContainText('manager');
  await dialog.getByLabel('Manager PIN').fill(stack.data.pins.cashier);
  await dialog.getByRole('button', { name: 'Refund tickets' }).click();
  await expect(dialog.getByRole('alert')).toContainText('not a manager');
  await dialog.getByLabel('Manager PIN').fill(stack.data.pins.manager);
  await dialog.getByRole('button', { name: 'Refund tickets' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Sale 2: 1 ticket\(s\) refunded/)).toBeVisible();
  expect(await validTickets()).toBe(0);

  // The seats are free again on the map.
  await page.keyboard.press('Escape');
  await expect(page.locator('#show-filter')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.map-box')).toBeFocused();
  for (const seat of [...first, ...second])
    await expect(page.locator(`[data-seat="${seat}"]`)).toHaveAttribute(
      'data-look',
      /^(free|mine)$/,
    );
});
