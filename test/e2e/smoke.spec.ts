import { expect, test } from '@playwright/test';
import { startTestStation } from './support/station.js';

test('the station web shell opens in Chromium and answers through the contract', async ({
  page,
}, testInfo) => {
  const station = await startTestStation();
  // Errors in the console (a CSP violation, a failed load) are bugs even when the page looks right.
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(station.url);
    await expect(page.getByRole('heading', { name: 'Marquee' })).toBeVisible();
    // The status comes from the station over the contract WebSocket, not from the page.
    await expect(page.getByText('00000000-0000-4000-8000-000000000001')).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Server:');
    await page.screenshot({ path: testInfo.outputPath('station-smoke.png'), fullPage: true });
    expect(errors).toEqual([]);
  } finally {
    await station.stop();
  }
});
