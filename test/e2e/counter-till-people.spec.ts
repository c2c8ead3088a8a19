// Tills belong to people: a refund with no till open asks for one and lands on it; a second cashier
// meets the first one's till and hands it over; a blind close with a shortage needs a manager.
import type { Page } from '@playwright/test';
import { FIXTURE_NAMES, FIXTURE_PINS } from '../support/show-fixture.js';
import {
  chooseShow,
  expectPrinted,
  openCounterAtShow,
  openTill,
  readyStation,
  showStart,
  signIn,
  soldSeats,
  gbp,
} from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

/** Sells `n` best seats in exact cash from the open seat map; returns the sale's total. */
async function sellCash(page: Page, n: string): Promise<number> {
  await page.keyboard.press(n);
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await soldSeats(page);
  return Number(await page.getByTestId('sold-seats').getAttribute('data-total'));
}

/** Closes the open till from the till screen, counting `cashMinor` in the drawer. */
async function closeCounting(page: Page, cashMinor: number): Promise<void> {
  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: 'Close the till' })).toBeVisible();
  await page.getByLabel('Counted cash').fill(String(cashMinor / 100));
  await page.getByRole('button', { name: 'Close till and print Z-report' }).click();
}

test('a refund with no till open asks to open one, and lands on that till’s Z-report', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(90_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);
  await openCounterAtShow(page, stack, station.url, showId, '100');
  const total = await sellCash(page, '1');
  await closeCounting(page, 10000 + total);
  await expect(
    page.getByTestId('zreport').getByRole('heading', { name: 'Z-report' }),
  ).toBeVisible();

  const refund = async () => {
    await page.keyboard.press('F3');
    await page.getByRole('button', { name: 'Refund…' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Manager PIN').fill(stack.data.pins.manager);
    await dialog.getByRole('button', { name: 'Refund tickets' }).click();
    return dialog;
  };
  const dialog = await refund();
  await expect(dialog.getByRole('alert')).toContainText('Open your till first');
  await dialog.getByLabel('Manager PIN').press('Escape');
  await expect(dialog).toBeHidden();

  await page.keyboard.press('F4');
  await openTill(page, '50');
  await refund();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/1 ticket\(s\) refunded/)).toBeVisible();

  await closeCounting(page, 5000 - total);
  const z = page.getByTestId('zreport');
  await expect(z.getByRole('heading', { name: 'Z-report' })).toBeVisible();
  await expect(z.getByTestId('z-refunds')).toContainText(gbp(total));
  await expect(z.getByTestId('z-net')).toHaveText(gbp(-total));
  await expect(z.locator('[data-tender="cash"] [data-col="difference"]')).toHaveText(gbp(0));
  await expect(z.locator('[data-staff="Casey Cashier"] [data-col="refunds"]')).toHaveText(
    gbp(total),
  );
});

test('a second cashier meets the first one’s till: look only, then a manager closes it for its owner', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);
  await openCounterAtShow(page, stack, station.url, showId, '100');
  const caseyTotal = await sellCash(page, '2');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // Robin signs in onto Casey's open till: told whose it is, and offered the handover.
  await signIn(page, { name: FIXTURE_NAMES.cashier2, pin: FIXTURE_PINS.cashier2 });
  const handover = page.getByTestId('till-handover');
  await expect(
    handover.getByRole('heading', { name: 'Casey Cashier’s till is open on this station' }),
  ).toBeVisible();
  await expect(page.getByTestId('till-pill')).toContainText('Casey Cashier’s till · look only');

  // Look only: Robin can find a show, but the station refuses a sale on Casey's till.
  await expect(handover.getByRole('button', { name: 'Look only (L)' })).toBeFocused();
  await page.keyboard.press('l');
  await chooseShow(page, showId, await showStart(stack, showId), stack.data.timeZone);
  await page.keyboard.press('1');
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/The open till here is Casey Cashier’s/)).toBeVisible();
  await page.keyboard.press('Escape');

  // Hand over: a manager's PIN closes Casey's till for her, with Robin at the keyboard.
  await page.keyboard.press('F4');
  await expect(handover.getByRole('button', { name: 'Look only (L)' })).toBeFocused();
  await page.keyboard.press('m');
  await expect(page.getByRole('heading', { name: 'Close the till' })).toBeVisible();
  await page.getByLabel('Counted cash').fill(String((10000 + caseyTotal) / 100));
  await page.getByLabel('Manager PIN').fill(stack.data.pins.manager);
  await page.keyboard.press('Enter');
  const z = page.getByTestId('zreport');
  await expect(z.getByRole('heading', { name: 'Z-report' })).toBeVisible();
  await expect(z.getByTestId('z-owner')).toContainText('Casey Cashier’s till');
  await expect(z.getByTestId('z-closed-by')).toHaveText('Morgan Manager');
  await expect(z.locator('[data-staff]')).toHaveCount(1);
  await expect(z.locator('[data-staff="Casey Cashier"] [data-col="sales"]')).toHaveText(
    gbp(caseyTotal),
  );

  // Robin opens their own till, sells, and closes it: their Z-report holds only their money.
  await openTill(page, '20');
  await chooseShow(page, showId, await showStart(stack, showId), stack.data.timeZone);
  const robinTotal = await sellCash(page, '1');
  await closeCounting(page, 2000 + robinTotal);
  await expect(z.getByRole('heading', { name: 'Z-report' })).toBeVisible();
  await expect(z.getByTestId('z-owner')).toContainText('Robin Cashier’s till');
  await expect(z.getByTestId('z-sales-amount')).toHaveText(gbp(robinTotal));
  await expect(z.locator('[data-staff]')).toHaveCount(1);
  await expect(z.locator('[data-staff="Robin Cashier"] [data-col="sales"]')).toHaveText(
    gbp(robinTotal),
  );
});

test('a blind close with a shortage over the limit asks for a manager’s PIN and a note', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(90_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);
  await openCounterAtShow(page, stack, station.url, showId, '100');
  const total = await sellCash(page, '1');

  // Blind: the cashier counts without seeing what the drawer should hold.
  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: 'Close the till' })).toBeVisible();
  await expect(page.getByTestId('zreport').locator('[data-col="expected"]')).toHaveCount(0);
  await page.getByLabel('Counted cash').fill(String((10000 + total - 2000) / 100));
  await page.keyboard.press('Enter');

  const approval = page.getByTestId('till-variance');
  await expect(approval.getByRole('heading')).toHaveText('The count differs: a manager approves');
  await expect(page.getByText(/Cash short by £20\.00/)).toBeVisible();
  await expect(approval.locator('[data-tender="cash"] [data-col="difference"]')).toHaveText(
    gbp(-2000),
  );
  await expect(page.getByLabel('Manager PIN')).toBeFocused();
  await page.keyboard.type(stack.data.pins.cashier);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Gave change twice');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/not a manager’s/)).toBeVisible();
  await page.getByLabel('Manager PIN').fill(stack.data.pins.manager);
  await page.keyboard.press('Enter');

  const z = page.getByTestId('zreport');
  await expect(z.getByRole('heading', { name: 'Z-report' })).toBeVisible();
  await expect(z.getByTestId('z-approval')).toContainText('Morgan Manager');
  await expect(z.getByTestId('z-approval')).toContainText('Gave change twice');
  await expect(z.locator('[data-tender="cash"] [data-col="difference"]')).toHaveText(gbp(-2000));
  await expect(page.getByTestId('till-pill')).toContainText('Till closed');
  await expectPrinted(station.printer, ['Z-REPORT', 'VarianceapprovedbyMorganManager']);
});
