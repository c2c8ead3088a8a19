// The admin view as a manager opens it from the counter (issue 15).
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { signIn } from './counter-page.js';

/** Signs the manager in on a page of their own and opens the admin view with their PIN. */
export async function openAdmin(
  page: Page,
  url: string,
  manager: { name: string; pin: string },
): Promise<void> {
  await page.goto(url);
  await signIn(page, manager);
  await page.keyboard.press('F10');
  await expect(page.locator('#admin-pin')).toBeFocused();
  await page.keyboard.type(manager.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Films', level: 2 })).toBeVisible();
}
