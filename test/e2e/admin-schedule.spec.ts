// Issue 16 acceptance: a manager sets a price card and a promo code, schedules a film for a week by
// batch creation with one conflict refused and shown, copies the week to the next, publishes it,
// blocks two house seats with a reason and limits web sales to 80 %; a counter already open sells
// a ticket for a new show at the card's price and sees the blocked seats, while a web hold beyond
// the quota is refused.
import { localDateOf } from '../../common/schedule.js';
import { openAdmin } from './support/admin-page.js';
import {
  chooseShow,
  expectPrinted,
  openCounterAtShow,
  readyStation,
} from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

test('a manager plans and prices a week; an open counter sells it, the web stops at its quota', async ({
  page,
  context,
  startCounterStack,
}) => {
  test.setTimeout(300_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1, rows: 2, perRow: 10 });
  const db = stack.db.$client;
  // The fixture's screen projects its one format (a screen's formats are issue 15's screen form).
  await db.query(
    'INSERT INTO screen_formats (screen_id, format_id) SELECT DISTINCT screen_id, format_id FROM shows ON CONFLICT DO NOTHING',
  );
  const { station, showId } = await readyStation(stack);
  await openCounterAtShow(page, stack, station.url, showId, '200');
  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1280, height: 800 });
  await openAdmin(admin, station.url, stack.data.people.manager);

  // 1. A price card for every show: premium seats at £12.00.
  await admin.keyboard.press('Alt+7');
  await admin.getByRole('button', { name: 'New price card' }).click();
  await admin.getByLabel('Name', { exact: true }).fill('Every day');
  await admin.getByLabel(/^Premium \(PRM\)/).fill('12.00');
  await admin.getByLabel(/^Standard \(STD\)/).fill('-3');
  await admin.getByRole('button', { name: 'Add card' }).click();
  await expect(admin.locator('#card-price-STD-error')).toBeVisible();
  await admin.getByLabel(/^Standard \(STD\)/).fill('9.50');
  // What a customer pays, by the one pricing function: VAT is included, so £12.00.
  await expect(admin.locator('.prices-pays')).toContainText('£12.00');
  await admin.getByRole('button', { name: 'Add card' }).click();
  await expect(admin.getByRole('button', { name: 'Every day' })).toBeVisible();

  // 2. A promo code; one whose window ends before it starts is refused next to the field.
  await admin.getByRole('tab', { name: 'Promo codes' }).click();
  await admin.getByRole('button', { name: 'New promo code' }).click();
  await admin.getByLabel('Code', { exact: true }).fill('OPENING10');
  await admin.getByLabel('Name', { exact: true }).fill('Opening week');
  await admin.getByLabel('Percent off').fill('10');
  await admin.getByLabel('Valid from').fill('2030-01-10T10:00');
  await admin.getByLabel('Valid until').fill('2030-01-01T10:00');
  await admin.getByRole('button', { name: 'Add code' }).click();
  await expect(admin.locator('#promo-to-error')).toHaveText('ends before it starts');
  await admin.getByLabel('Valid from').fill('');
  await admin.getByLabel('Valid until').fill('');
  await admin.getByRole('button', { name: 'Add code' }).click();
  await expect(admin.getByRole('button', { name: 'OPENING10' })).toBeVisible();

  // 3. Next week: a first show on Monday at 14:30, then the film at 11:00 and 14:00 every day;
  // Monday 14:00 clashes with the 14:30 show and is refused and named.
  await admin.keyboard.press('Alt+6');
  await admin.getByRole('button', { name: 'Next week' }).click();
  await admin.keyboard.press('n');
  const batch = admin.getByRole('dialog', { name: 'Add shows' });
  const days = batch.getByRole('group', { name: 'Days' }).getByRole('checkbox');
  for (const box of await days.all()) await box.uncheck();
  await days.first().check(); // Monday
  await batch.getByLabel('Times', { exact: true }).fill('14:30');
  await batch.getByRole('button', { name: 'Check' }).click();
  await expect(batch.getByRole('status')).toContainText('can be created');
  await batch.getByRole('button', { name: /^Create \d+ show/ }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'created' })).toBeVisible();
  await expect(batch).toBeHidden();

  await admin.keyboard.press('n');
  await batch.getByRole('button', { name: 'Whole week' }).click();
  await batch.getByLabel('Times', { exact: true }).fill('11:00, 14:00');
  await batch.getByRole('button', { name: 'Check' }).click();
  await expect(batch.getByRole('status')).toContainText('13 shows can be created; 1 conflict');
  await expect(batch.locator('.planner-conflict')).toHaveCount(1);
  await expect(batch.locator('.planner-conflict')).toContainText('Overlaps Test Film');
  await batch.getByRole('button', { name: 'Create 13 shows' }).click();
  await expect(
    admin
      .getByRole('status')
      .filter({ hasText: '13 draft shows of Test Film created; 1 left out' }),
  ).toBeVisible();

  // 4. Copy the week to the one after, then publish the week.
  await admin.getByRole('button', { name: 'Copy week…' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(
    admin.getByRole('status').filter({ hasText: '14 shows copied as drafts' }),
  ).toBeVisible();
  await admin.getByRole('button', { name: /^Publish week/ }).click();
  await expect(admin.getByRole('status').filter({ hasText: '14 shows published' })).toBeVisible();

  // 5. The Tuesday 11:00 show: two house seats with a reason, and the web limited to 80 %.
  await admin.getByRole('navigation', { name: 'Days' }).getByRole('button').nth(2).click();
  await admin.getByRole('button', { name: /11:00–.*Test Film, on sale/ }).click();
  const panel = admin.locator('.planner-panel');
  await panel.getByLabel('Web may sell (%)').fill('80');
  await panel.getByRole('button', { name: 'Save quotas' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Web 16 seats' })).toBeVisible();
  await panel.getByRole('button', { name: 'House seats…' }).click();
  const seats = admin.getByRole('dialog', { name: /^House seats/ });
  const free = seats.getByRole('button', { name: /, free$/ });
  await free.nth(0).click();
  await free.nth(1).click();
  await seats.getByLabel('Reason').fill('Director’s guests');
  await seats.getByRole('button', { name: 'Block 2 seats' }).click();
  await expect(
    seats.getByRole('list', { name: 'Blocked seats' }).getByRole('listitem'),
  ).toHaveCount(2);
  await expect(seats.getByRole('list', { name: 'Blocked seats' })).toContainText(
    'Director’s guests',
  );
  await seats.getByRole('button', { name: 'Close' }).click();

  const show = await db.query<{ id: string; starts_at: Date }>(
    "SELECT id, starts_at FROM shows WHERE status = 'on_sale' AND web_quota = 16",
  );
  const planned = show.rows[0];
  if (!planned) throw new Error('the planned show is missing');
  expect(
    localDateOf(planned.starts_at, stack.data.timeZone) >
      localDateOf(new Date(), stack.data.timeZone),
  ).toBe(true);

  // 6. The open counter sells a ticket for it at the card's price, and sees the house seats.
  await page.keyboard.press('Escape');
  await chooseShow(page, planned.id, planned.starts_at, stack.data.timeZone);
  await expect(page.locator('.map-svg [data-look="blocked"]')).toHaveCount(2, { timeout: 15_000 });
  await page.keyboard.press('1');
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expectPrinted(station.printer, ['12.00']);

  // 7. The web may hold 16 seats: 10 and then 7 more is one too many.
  const hold = (count: number) =>
    fetch(`${stack.server.url}/api/v1/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ showId: planned.id, count }),
    });
  expect((await hold(10)).status).toBe(201);
  const over = await hold(7);
  expect(over.status).toBe(409);
  expect(((await over.json()) as { error: { code: string } }).error.code).toBe('BO_CHANNEL_QUOTA');
});
