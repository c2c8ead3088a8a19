// What every screen of the station must pass at each screen size: a screenshot kept as a test
// artifact, no serious or critical axe violations, and nothing wider than the window.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** Screenshots `name`, runs axe and checks the width. */
export async function checkScreen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    `axe on ${name}`,
  ).toEqual([]);
  // Nothing may push the screen sideways: nobody at a counter scrolls horizontally.
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    `${name} fits the width`,
  ).toBe(true);
}
