// Issue 17 item 6: a manager edits the cinema, then finds the edit in the System section's audit
// trail by keyboard alone, its before/after shown as a field diff; backups are refused to managers
// with the server's reason on screen.
import { openAdmin } from './support/admin-page.js';
import { readyStation } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';

test('a manager reads an edit’s before and after in the audit trail', async ({
  page,
  startCounterStack,
}, testInfo) => {
  test.setTimeout(180_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station } = await readyStation(stack);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAdmin(page, station.url, stack.data.people.manager);

  await page.keyboard.press('Alt+2');
  const address = page.getByLabel('Address');
  const old = await address.inputValue();
  await address.fill('9 Projector Lane, London');
  await page.getByRole('button', { name: 'Save cinema' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await page.keyboard.press('Alt+0');
  await expect(page.getByRole('heading', { name: 'System', level: 2 })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Audit trail' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.getByLabel('Action').fill('cinema.');
  await page.keyboard.press('Enter');
  const table = page.getByRole('table', { name: 'Audit trail' });
  await expect(table.getByRole('row')).toHaveCount(2); // the header and the one edit
  await expect(table).toContainText('cinema.update');

  // Open the row from the keyboard: its first cell is a button.
  await table.getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  const diff = page.locator('#audit-details table');
  const row = diff.getByRole('row', { name: /^address/ });
  await expect(row.locator('del')).toHaveText(old);
  await expect(row.locator('ins')).toHaveText('9 Projector Lane, London');
  await expect(diff.getByRole('row')).toHaveCount(2); // only the field that changed
  await checkScreen(page, testInfo, 'admin-28-audit-trail');

  // A time window after the edit (read in the cinema's zone) leaves nothing.
  await page.getByLabel('From').fill('2999-01-01T00:00');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByText('Nothing in the audit trail matches these filters.')).toBeVisible();

  await page.getByRole('tab', { name: 'Audit trail' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Backups' })).toBeFocused();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Only admins may do this.' }),
  ).toBeVisible();
  await expect(page.getByText('No backups yet.')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Back up now' })).toBeDisabled();
});
