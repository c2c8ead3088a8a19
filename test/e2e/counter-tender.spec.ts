// A sale in progress keeps its tenders: part cash, Esc → the counter says what to give back and keeps
// the money on the sale; leaving the sale asks again; back on payment only the rest is due. Then a sale
// paid with a voucher and UPI / wallet, each with its code or reference, on screen and on the receipt.
import {
  chooseShow,
  expectPrinted,
  openCounterAtShow,
  readyStation,
  showStart,
  signIn,
  soldSeats,
  gbp,
} from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

const minorOf = (text: string | null) =>
  Math.round(Number((text ?? '').replace(/[^\d.]/g, '')) * 100);

test('part cash stays on the sale through Esc, and leaving the sale says what to give back', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);
  await openCounterAtShow(page, stack, station.url, showId, '200');

  await page.keyboard.press('2');
  await expect(page.locator('.basket-line')).toHaveCount(2);
  await page.keyboard.press('F5');
  await expect(page.locator('#tender-amount')).toBeFocused();
  const total = minorOf(await page.getByTestId('tender-total').textContent());
  expect(total).toBeGreaterThan(500);
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('amount-due')).toHaveText(gbp(total - 500));

  // Esc: the counter shows the cash to give back, and by default keeps it on the sale.
  await page.keyboard.press('Escape');
  const question = page.getByTestId('leave-payment');
  await expect(question).toBeVisible();
  await expect(question.locator('[data-tender="cash"]')).toHaveText(
    `Give back ${gbp(500)} cash from the drawer`,
  );
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(page.locator('.map-box')).toBeVisible();
  await expect(page.getByTestId('basket-taken')).toContainText(`Cash ${gbp(500)}`);

  // Leaving the sale (Esc to the show list) asks again; Esc keeps the sale.
  await page.keyboard.press('Escape');
  const leave = page.getByTestId('leave-sale');
  await expect(leave).toBeVisible();
  await expect(leave.locator('[data-tender="cash"]')).toHaveText(
    `Give back ${gbp(500)} cash from the drawer`,
  );
  await page.keyboard.press('Escape');
  await expect(leave).toBeHidden();
  await expect(page.locator('.basket-line')).toHaveCount(2);

  // Back on payment only the rest is due; Enter takes it and the sale has one cash tender.
  await page.keyboard.press('F5');
  await expect(page.getByTestId('amount-due')).toHaveText(gbp(total - 500));
  await expect(page.getByRole('list', { name: 'Taken so far' })).toContainText(`Cash ${gbp(500)}`);
  await page.keyboard.press('Enter');
  expect(await soldSeats(page)).toHaveLength(2);
  await expect(page.getByTestId('sold-seats')).toContainText(`Paid Cash ${gbp(total)}`);
  await expectPrinted(station.printer, ['RECEIPT', `Cash${gbp(total)}`]);
});

test('pays with a voucher and UPI / wallet, each with its code or reference; cash far above due asks first', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);
  await openCounterAtShow(page, stack, station.url, showId, '200');

  await page.keyboard.press('1');
  await expect(page.locator('.basket-line')).toHaveCount(1);
  await page.keyboard.press('F5');
  await expect(page.locator('#tender-amount')).toBeFocused();
  const total = minorOf(await page.getByTestId('tender-total').textContent());

  // 500 pounds for a ticket is more likely a typo than a note: asked first, Esc corrects it.
  await page.keyboard.type('500');
  await page.keyboard.press('Enter');
  const large = page.getByTestId('large-cash');
  await expect(large).toContainText(`Cash handed over ${gbp(50_000)} for ${gbp(total)} due`);
  await page.keyboard.press('Escape');
  await expect(large).toBeHidden();
  await expect(page.getByTestId('amount-due')).toHaveText(gbp(total));

  // V: voucher, its code first; Enter without the code is refused and nothing is taken.
  await page.keyboard.press('v');
  await expect(page.locator('#tender-ref')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice-error')).toContainText('type the voucher code');
  await page.keyboard.type('GIFT-42');
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('#tender-amount')).toBeFocused();
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('amount-due')).toHaveText(gbp(total - 300));
  await expect(page.locator('#tender-amount')).toBeFocused();

  // U: UPI / wallet for the rest, with its transaction reference.
  await page.keyboard.press('u');
  await expect(page.locator('#tender-ref')).toBeFocused();
  await page.keyboard.type('UPI-778899');
  await page.keyboard.press('Enter');
  expect(await soldSeats(page)).toHaveLength(1);
  const sold = page.getByTestId('sold-seats');
  await expect(sold).toContainText(`Voucher ${gbp(300)} (GIFT-42)`);
  await expect(sold).toContainText(`UPI / wallet ${gbp(total - 300)} (UPI-778899)`);
  await expect(page.getByTestId('change-due')).toHaveText('No change due');
  await expectPrinted(station.printer, [
    `Voucher${gbp(300)}`,
    'CodeGIFT-42',
    `UPI/wallet${gbp(total - 300)}`,
    'RefUPI-778899',
  ]);
  // The server recorded both tenders with their references.
  const paid = await stack.db.$client.query<{ tender: string; reference: string }>(
    "SELECT p.tender, p.reference FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.station_id = $1 AND o.status = 'paid' ORDER BY p.tender",
    [station.id],
  );
  expect(paid.rows).toEqual([
    { tender: 'electronic', reference: 'UPI-778899' },
    { tender: 'voucher', reference: 'GIFT-42' },
  ]);
  // The next sale starts with nothing taken.
  await page.keyboard.press('F2');
  await chooseShow(page, showId, await showStart(stack, showId), stack.data.timeZone);
  await expect(page.getByTestId('basket-taken')).toHaveCount(0);
});

test('a training sale is numbered T-1, says nothing was sold, and keeps the drawer shut', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);
  await page.goto(station.url);
  await signIn(page, stack.data.people.cashier);
  await expect(page.locator('#till-float')).toBeFocused();
  await page.keyboard.type('200');
  await page.getByLabel(/Training mode/).check();
  await page.getByRole('button', { name: 'Open till (Enter)' }).click();
  await chooseShow(page, showId, await showStart(stack, showId), stack.data.timeZone);
  await page.keyboard.press('1');
  await page.keyboard.press('F5');
  await expect(page.locator('#tender-amount')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(
    'Training sale T-1: no tickets printed, nothing was charged',
  );
  await expectPrinted(station.printer, ['TRAINING', 'SaleT-1']);
  const receipt = station.printer.jobs().find((j) => j.text.includes('RECEIPT'));
  expect(receipt?.document.items.filter((i) => i.kind === 'drawer')).toEqual([]);
  // Nothing reached the server.
  const orders = await stack.db.$client.query('SELECT 1 FROM orders WHERE station_id = $1', [
    station.id,
  ]);
  expect(orders.rowCount).toBe(0);
});
