// Issue 15 acceptance: a manager creates a film with a poster; draws a 120-seat layout with two
// categories, an aisle, two wheelchair places with companions and a pillar, by mouse drags and the
// keyboard; saves it; edits a layout that has sold seats and gets a new version while the old show
// keeps its map; a counter already open shows the new poster and prints the cinema's new address
// on its next receipt, without a restart.
import type { Page } from '@playwright/test';
import { openAdmin } from './support/admin-page.js';
import { expectPrinted, openCounterAtShow, readyStation } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';

// A 2×3 PNG, built once (a poster need only be a real image).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAFklEQVR42mNgYPj/n4GBgYHh/38GBgAAIf8D/W0g1GAAAAAASUVORK5CYII=',
  'base64',
);

/** The grid cell at row r, column c (0-based). */
const cell = (page: Page, r: number, c: number) =>
  page.locator(`[data-cell="${String(r)}:${String(c)}"]`);

async function drag(page: Page, from: [number, number], to: [number, number]) {
  const a = await cell(page, ...from).boundingBox();
  const b = await cell(page, ...to).boundingBox();
  if (!a || !b) throw new Error('cell not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 24 });
  await page.mouse.up();
}

test('a manager edits films, the cinema and seat layouts; an open counter follows', async ({
  page,
  context,
  startCounterStack,
}) => {
  test.setTimeout(240_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);
  // The counter is open on a cashier's page, the admin view on the manager's.
  await openCounterAtShow(page, stack, station.url, showId, '200');
  const admin = await context.newPage();
  await admin.setViewportSize({ width: 1280, height: 800 });
  await openAdmin(admin, station.url, stack.data.people.manager);

  // 1. A new film with its poster.
  await admin.getByRole('button', { name: 'New film' }).click();
  await admin.getByLabel('Title').fill('Midnight Projection');
  await admin.getByLabel('Certificate').fill('12A');
  await admin.getByLabel('Duration (minutes)').fill('104');
  await admin.getByLabel('Release date').fill('2026-01-05');
  await admin.getByLabel('Close date').fill('2025-12-01');
  await expect(admin.locator('#film-close-error')).toHaveText('is before the release date');
  await admin.getByLabel('Close date').fill('');
  await admin.getByLabel('Genres').fill('Thriller, Drama');
  await admin.getByLabel('Cast').fill('Asha Rao');
  await admin
    .getByLabel('Poster')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(admin.locator('#film-poster-error')).toContainText('not a JPEG, PNG or WebP');
  await admin
    .getByLabel('Poster')
    .setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: PNG });
  await admin.getByRole('button', { name: 'Create film' }).click();
  await expect(admin.getByRole('img', { name: 'Poster of Midnight Projection' })).toBeVisible();

  // 2. A poster for the film the counter is selling: the open counter shows it, no restart.
  await admin.getByLabel('Search films').fill('Test Film');
  await admin.getByRole('button', { name: 'Test Film' }).click();
  await admin
    .getByLabel('Poster')
    .setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: PNG });
  await admin.getByRole('button', { name: 'Save film' }).click();
  await expect(admin.getByRole('img', { name: 'Poster of Test Film' })).toBeVisible();
  await page.keyboard.press('Escape'); // the cashier goes back to the show list
  await expect(page.getByRole('img', { name: 'Poster of Test Film' })).toBeVisible({
    timeout: 15_000,
  });

  // 3. The cinema's new address and tax id print on the counter's next receipt.
  await admin.keyboard.press('Alt+2');
  await admin.getByLabel('Address').fill('9 Projector Lane, London');
  await admin.getByLabel('Tax ids').fill('VAT GB 123 4567 89');
  await admin.getByRole('button', { name: 'Save cinema' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect
    .poll(
      async () =>
        (
          await stack.db.$client.query<{ n: string }>(
            "SELECT count(*) AS n FROM change_log WHERE entity = 'cinemas'",
          )
        ).rows[0]?.n,
    )
    .not.toBe('0');
  await page.locator(`#show-${showId}`).click();
  await expect(page.locator('.map-box')).toBeFocused();
  await page.keyboard.press('1');
  await page.keyboard.press('F5');
  await page.keyboard.press('Enter');
  await expectPrinted(station.printer, [
    '9ProjectorLane,London',
    'VATGB12345678 9'.replace(/\s/g, ''),
  ]);

  // 4. A new 120-seat layout, drawn by mouse and keyboard.
  await admin.keyboard.press('Alt+3');
  await admin
    .getByRole('button', { name: /^Seat layouts of/ })
    .first()
    .click();
  await admin.getByLabel('Rows').fill('10');
  await admin.getByLabel('Seats across').fill('13');
  await admin.getByRole('button', { name: 'New layout' }).click();
  await expect(admin.getByRole('grid')).toBeVisible();
  // Premium: the back two rows, painted by dragging along each.
  await admin.getByRole('radio', { name: /Premium seat/ }).click();
  await drag(admin, [8, 0], [8, 12]);
  await drag(admin, [9, 0], [9, 12]);
  // The aisle: column 7 top to bottom, by keyboard (arrows move, Shift+arrows select, a number
  // key picks the tool, Space paints).
  const tools = await admin.getByRole('radio').allInnerTexts();
  const keyOf = (name: string) => String(tools.findIndex((t) => t.includes(name)) + 1);
  await cell(admin, 0, 0).focus();
  for (let i = 0; i < 6; i++) await admin.keyboard.press('ArrowRight');
  await expect(cell(admin, 0, 6)).toBeFocused();
  for (let i = 0; i < 9; i++) await admin.keyboard.press('Shift+ArrowDown');
  await admin.keyboard.press(keyOf('Floor'));
  await admin.keyboard.press('Space');
  // Two wheelchair places either side of the aisle, each with a companion, and a pillar.
  const paintAt = async (r: number, c: number, key: string) => {
    await cell(admin, r, c).focus();
    await admin.keyboard.press(key); // number keys pick the tool
    await admin.keyboard.press('Space');
  };
  await paintAt(0, 5, keyOf('Wheelchair'));
  await paintAt(0, 7, keyOf('Wheelchair'));
  await expect(admin.locator('.editor-problems li')).toHaveCount(2);
  await paintAt(0, 4, keyOf('Companion'));
  await paintAt(0, 8, keyOf('Companion'));
  await paintAt(9, 6, keyOf('Pillar'));
  // Undo and redo the pillar.
  await admin.keyboard.press('Control+z');
  await expect(cell(admin, 9, 6)).toHaveClass(/ecell-floor/);
  await admin.keyboard.press('Control+y');
  await expect(cell(admin, 9, 6)).toHaveClass(/ecell-pillar/);
  await expect(admin.locator('.editor-counts')).toContainText('120 seats');
  await expect(admin.locator('.editor-counts')).toContainText('Premium 24');
  await expect(admin.locator('.editor-counts')).toContainText('2 wheelchair places');
  await expect(admin.getByRole('heading', { name: 'Ready to save' })).toBeVisible();
  await admin.getByRole('button', { name: 'Save layout' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'saved: new shows' })).toBeVisible();
  const made = await stack.db.$client.query<{ seats: string; pillars: string }>(
    'SELECT (SELECT count(*) FROM seats s WHERE s.layout_id = l.id) AS seats, jsonb_array_length(l.blocks) AS pillars FROM seat_layouts l WHERE l.active AND l.version = 1 ORDER BY l.created_at DESC LIMIT 1',
  );
  expect(made.rows[0]).toEqual({ seats: '120', pillars: 1 });

  // 5. The layout the counter sold from has sales: saving it makes a new version; the show keeps its map.
  const layoutOf = async () =>
    (
      await stack.db.$client.query<{ layout_id: string }>(
        'SELECT layout_id FROM shows WHERE id = $1',
        [showId],
      )
    ).rows[0]?.layout_id;
  const before = await layoutOf();
  const fixtureRow = admin.getByRole('row').filter({ hasText: 'Main (v1)' });
  await fixtureRow.getByRole('button', { name: /^Edit/ }).click();
  await expect(admin.locator('.admin-note')).toContainText('Saving makes version 2');
  await paintAt(0, 0, keyOf('Floor'));
  await admin.getByRole('button', { name: 'Save layout' }).click();
  await admin.getByRole('button', { name: 'Save new version' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved as version 2' })).toBeVisible();
  expect(await layoutOf()).toBe(before);
  // The counter still draws the show with the seats it had.
  const seatsOfShow = await stack.db.$client.query<{ n: string }>(
    'SELECT count(*) AS n FROM show_seats WHERE show_id = $1',
    [showId],
  );
  await page.keyboard.press('F2');
  await page.locator(`#show-${showId}`).click();
  await expect(page.locator('.map-svg [data-seat]')).toHaveCount(Number(seatsOfShow.rows[0]?.n));
});
