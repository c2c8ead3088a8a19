// Issue 11, items 5 and 6 at the counter: a station started with no credential shows the enrollment
// screen; the server address is prefilled, the manager's code typed loosely enrolls it, and the
// sign-in screen then lists the cinema's people from the replica it just downloaded.
import { FIXTURE_NAMES } from '../support/show-fixture.js';
import { newStationCode } from '../support/station-codes.js';
import { expect, test } from './support/counter-fixtures.js';

test('first run: server address and code enroll the station, then its people sign in', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1, enrolled: false });
  const station = stack.stations[0];
  if (!station) throw new Error('no station');
  const manager = (
    await stack.db.$client.query<{ id: string; cinema_id: string }>(
      "SELECT id, cinema_id FROM staff WHERE role = 'manager' LIMIT 1",
    )
  ).rows[0];
  if (!manager) throw new Error('no manager');
  const { code } = await newStationCode(stack.db.$client, manager.cinema_id, manager.id);

  await page.goto(station.url);
  await expect(page.getByRole('heading', { name: 'Enroll this station' })).toBeVisible();
  await expect(page.getByLabel('Server address')).toHaveValue(stack.server.url);
  const codeField = page.getByLabel('Enrollment code');
  await expect(codeField).toBeFocused();

  // A wrong code: said clearly, nothing changes, the code field keeps the keys.
  await page.keyboard.type('abcd efgh jkmn');
  await expect(codeField).toHaveValue('ABCD-EFGH-JKMN');
  await page.keyboard.press('Enter');
  await expect(page.locator('#enroll-error')).toContainText('not valid');
  await expect(codeField).toBeFocused();

  // The real code, lower case and without dashes: Enter enrolls.
  await codeField.fill('');
  await page.keyboard.type(code.toLowerCase().replaceAll('-', ''));
  await page.keyboard.press('Enter');
  await expect(page.locator('#person-filter')).toBeFocused({ timeout: 15_000 });
  await expect(page.getByRole('option')).toHaveText(
    [
      new RegExp(FIXTURE_NAMES.cashier),
      new RegExp(FIXTURE_NAMES.manager),
      new RegExp(FIXTURE_NAMES.cashier2),
    ],
    { timeout: 15_000 },
  );
});
