// Issue 11, item 7 at the counter: the cashier chooses themselves from the list (type to filter,
// arrows, Enter), then types their PIN; wrong PINs lock only that person, whose tile says so, while
// another cashier signs in; a manager chooses themselves and types their PIN to unlock.
import { FIXTURE_NAMES, FIXTURE_PINS } from '../support/show-fixture.js';
import { readyStation, signIn } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

test('a person, then their PIN; a lockout is one person’s and a manager lifts it', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station } = await readyStation(stack);
  await page.goto(station.url);

  // The list: everyone of the cinema, letters filter it, Esc clears, arrows move.
  const filter = page.locator('#person-filter');
  await expect(filter).toBeFocused();
  const options = page.getByRole('option');
  await expect(options).toHaveText([/Casey Cashier/, /Morgan Manager/, /Robin Cashier/]);
  await page.keyboard.type('rob');
  await expect(options).toHaveText([/Robin Cashier/]);
  await page.keyboard.press('Escape');
  await expect(options).toHaveCount(3);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: /Morgan Manager/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('ArrowUp');

  // Casey mistypes five times: locked, and told to wait or ask a manager.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: FIXTURE_NAMES.cashier })).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await expect(page.locator('#pin')).toBeFocused();
    await page.keyboard.type('9517');
    await page.keyboard.press('Enter');
    // The answer empties the field, or replaces it when the person is locked out: typing on before
    // it comes would be wiped with it.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const field = document.querySelector<HTMLInputElement>('#pin');
          return field === null || field.value === '';
        }),
      )
      .toBe(true);
    await expect(page.getByRole('alert')).toContainText(/does not match|locked out/);
  }
  await expect(page.getByRole('alert')).toContainText('locked out for 30 seconds');
  await expect(page.getByText('Locked for 1 min — a manager can unlock')).toBeVisible();

  // Esc: back to the list, where Casey's tile is marked; Robin signs in all the same.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('option', { name: /Casey Cashier/ })).toContainText('Locked for');
  await page.keyboard.type(FIXTURE_NAMES.cashier2);
  await page.keyboard.press('Enter');
  await page.keyboard.type(FIXTURE_PINS.cashier2);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The manager chooses themselves in the unlock dialog and types their PIN; Casey signs in.
  await expect(filter).toBeFocused();
  await page.keyboard.type('Casey');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Unlock…' }).press('Enter');
  const dialog = page.getByTestId('unlock-dialog');
  await expect(dialog.getByLabel('Manager', { exact: true }).locator('option:checked')).toHaveText(
    FIXTURE_NAMES.manager,
  );
  await expect(dialog.getByLabel('Manager PIN')).toBeFocused();
  await page.keyboard.type(FIXTURE_PINS.manager);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('#pin')).toBeFocused();
  await page.keyboard.type(FIXTURE_PINS.cashier);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Signing in by the helper, as every other spec does.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, stack.data.people.manager);
});
