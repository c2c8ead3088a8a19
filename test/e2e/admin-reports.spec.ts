// Issue 17 acceptance: a manager opens the reports dashboard on the demo cinema with two weeks of
// sales behind it, switches the period and the cinemas, reads the films leaderboard, and exports
// a CSV whose figures are those on screen; every screen is axe-clean and fits the window.
import { readFile } from 'node:fs/promises';
import { writeSalesHistory } from '../../db/demo/history.js';
import { openAdmin } from './support/admin-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';
import { waitStationReady } from './support/station-call.js';

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`reports at ${String(size.width)}×${String(size.height)}: dashboard, periods, leaderboard, CSV`, async ({
    page,
    startCounterStack,
  }, testInfo) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    const stack = await startCounterStack({ data: 'demo', stations: 1 });
    await writeSalesHistory(stack.db.$client, { days: 14, before: new Date() });
    const station = stack.stations[0];
    if (!station) throw new Error('stack without station');
    await waitStationReady(station.url, stack.data.people, {});
    await openAdmin(page, station.url, stack.data.people.manager);

    await page.keyboard.press('Alt+8');
    await expect(page.getByRole('heading', { name: 'Reports', level: 2 })).toBeVisible();
    const kpis = page.getByLabel('This period against the one before');
    await page.getByLabel('Period', { exact: true }).selectOption('last7');
    await expect(kpis).toContainText('Takings');
    await expect(page.locator('.report-kpi-value').first()).not.toHaveText('₹0.00');
    await expect(page.getByRole('img', { name: /^Takings by day: \d{4}-/ })).toBeVisible();
    await checkScreen(page, testInfo, 'admin-22-reports-dashboard');

    // Another period: yesterday alone, then every cinema the manager sees.
    await page.getByLabel('Period', { exact: true }).selectOption('yesterday');
    await expect(page.locator('.report-days')).toContainText('Cinema day 20');
    await page.getByLabel('Cinemas', { exact: true }).selectOption('all');
    await expect(page.locator('.report-kpi-value').first()).toBeVisible();
    await page.getByLabel('Cinemas', { exact: true }).selectOption('this');
    await page.getByLabel('Period', { exact: true }).selectOption('last7');

    // The leaderboard, ranked by score, filtered by a genre.
    await page.getByRole('tab', { name: 'Films' }).click();
    const board = page.getByRole('table', { name: 'Films leaderboard' });
    await expect(board.getByRole('row').nth(1)).toContainText(/^1/);
    const scores = (await board.locator('tbody tr td:nth-child(4)').allInnerTexts()).map(Number);
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[0]).toBeLessThanOrEqual(100);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const genre = page.getByLabel('Genre');
    const genres = (await genre.locator('option').allInnerTexts()).slice(1);
    expect(genres.length).toBeGreaterThan(0);
    await genre.selectOption(genres[0] ?? '');
    await expect(board.locator('tbody tr').first()).toContainText(genres[0] ?? '');
    await checkScreen(page, testInfo, 'admin-23-reports-films');

    // Takings by film, exported: the CSV holds the rows on screen, money in major units.
    await page.getByRole('tab', { name: 'Takings' }).click();
    await page.getByLabel('Break down by').selectOption('film');
    const table = page.getByRole('table', { name: 'Takings by film' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    const rows = await table.locator('tbody tr').count();
    const firstFilm = await table.locator('tbody tr td').first().innerText();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^takings-by-film-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
    expect(csv[0]).toBe(
      'Film,Admissions,Tickets,Food and drink,Voids,Refunds,Refund fees kept,Takings,Of which tax,Average ticket',
    );
    expect(csv).toHaveLength(rows + 2); // header, rows, total
    expect(csv[1]?.startsWith(firstFilm)).toBe(true);
    await checkScreen(page, testInfo, 'admin-24-reports-takings');

    await page.getByRole('tab', { name: 'Occupancy' }).click();
    await expect(page.getByRole('table', { name: 'Occupancy per film' })).toBeVisible();
    await checkScreen(page, testInfo, 'admin-25-reports-occupancy');
  });
}
