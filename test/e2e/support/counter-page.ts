// Steps the counter tests share, done the way a cashier does them: with the keyboard.
import { expect, type Page } from '@playwright/test';
import { formatMoney } from '../../../common/money.js';
import { localDateOf } from '../../../common/schedule.js';
import type { VirtualPrinter } from '../../../src-main/printing/virtual-printer.js';
import type { E2eStack, E2eStation } from './stack-e2e.js';
import { waitStationReady } from './station-call.js';

/** An amount as the fixture cinema (GBP, en-GB) shows it. */
export const gbp = (minor: number): string => formatMoney(minor, 'GBP', 'en-GB');

/** Presses keys and counts them, so a test can hold the UI to a key budget. */
export class KeyCounter {
  count = 0;
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    this.count += 1;
    await this.page.keyboard.press(key);
  }
}

/** Signs in as a cashier does, by keyboard: types their name, Enter to choose them, then the PIN. */
export async function signIn(page: Page, person: { name: string; pin: string }): Promise<void> {
  await expect(page.locator('#person-filter')).toBeFocused();
  await page.keyboard.type(person.name);
  await expect(page.getByRole('option', { name: new RegExp(person.name) })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('Enter');
  await expect(page.locator('#pin')).toBeFocused();
  await page.keyboard.type(person.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** Opens the till with a cash float, by keyboard; ends on the show list. */
export async function openTill(page: Page, float: string): Promise<void> {
  await expect(page.locator('#till-float')).toBeFocused();
  await page.keyboard.type(float);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Shows · / })).toBeVisible();
}

/**
 * Moves the show list to the local date of `startsAt`, forwards or back from the date it shows: near
 * midnight a show made "in 2 hours" is tomorrow, and one "40 minutes ago" can be yesterday.
 */
export async function goToShowDate(page: Page, startsAt: Date, timeZone: string): Promise<void> {
  await expect(page.locator('#show-filter')).toBeFocused();
  const dateField = page.locator('.shows-bar input[type="date"]');
  const target = localDateOf(startsAt, timeZone);
  const shown = (await dateField.inputValue()) || localDateOf(new Date(), timeZone);
  const days = Math.round((Date.parse(target) - Date.parse(shown)) / 86_400_000);
  const key = days < 0 ? 'Control+ArrowLeft' : 'Control+ArrowRight';
  for (let i = 0; i < Math.abs(days); i++) await page.keyboard.press(key);
  await expect(dateField).toHaveValue(target);
}

/** Moves the show list's highlight to a show's card with the arrow keys (the show's date is up). */
export async function highlightShow(page: Page, showId: string): Promise<void> {
  const card = page.locator(`#show-${showId}`);
  await expect(card).toBeVisible();
  // The highlight starts on the next show to begin, which depends on the hour: the target can sit
  // above it or below it, so move towards it from wherever the highlight is.
  const ids = async () =>
    page
      .locator('[id^="show-"][aria-selected]')
      .evaluateAll((els) => els.map((el) => [el.id, el.getAttribute('aria-selected')] as const));
  for (let i = 0; i < 100 && (await card.getAttribute('aria-selected')) !== 'true'; i++) {
    const list = await ids();
    const at = list.findIndex(([, sel]) => sel === 'true');
    const want = list.findIndex(([id]) => id === `show-${showId}`);
    await page.keyboard.press(at > want ? 'ArrowUp' : 'ArrowDown');
  }
  await expect(card).toHaveAttribute('aria-selected', 'true');
}

/** Opens a show's seat map with the keyboard: the show's date, arrows to its card, Enter. */
export async function chooseShow(
  page: Page,
  showId: string,
  startsAt: Date,
  timeZone: string,
): Promise<void> {
  await goToShowDate(page, startsAt, timeZone);
  await highlightShow(page, showId);
  await page.keyboard.press('Enter');
  await expect(page.locator('.map-box')).toBeFocused();
}

/** Seat labels of the sale on the done screen. */
export async function soldSeats(page: Page): Promise<string[]> {
  const el = page.getByTestId('sold-seats');
  await expect(el).toBeVisible({ timeout: 15_000 });
  return ((await el.getAttribute('data-seats')) ?? '').split(' ').filter((x) => x !== '');
}

/**
 * Waits until the virtual printer has received every one of `needles`. Spaces are ignored: double-size
 * text (film, row and seat on a ticket) decodes with a space between letters.
 */
export async function expectPrinted(
  printer: Pick<VirtualPrinter, 'jobs'>,
  needles: string[],
  timeoutMs = 15_000,
): Promise<void> {
  const printed = () =>
    printer
      .jobs()
      .map((j) => j.text.replace(/\s+/g, ''))
      .join('|');
  await expect
    .poll(() => needles.filter((n) => !printed().includes(n)), {
      timeout: timeoutMs,
      message: `printer output should contain ${needles.join(', ')}`,
    })
    .toEqual([]);
}

/** The start of a show, as the show list needs it to pick the right day. */
export async function showStart(stack: E2eStack, showId: string): Promise<Date> {
  const r = await stack.db.$client.query<{ starts_at: Date }>(
    'SELECT starts_at FROM shows WHERE id = $1',
    [showId],
  );
  return r.rows[0]?.starts_at ?? new Date();
}

/**
 * The stack's first station and show (or `showId`), once the station holds escrow for the show. The
 * show's own local date is asked for: near midnight a show "in 2 hours" is not on today's list.
 */
export async function readyStation(
  stack: E2eStack,
  showId: string | undefined = stack.data.showIds[0],
): Promise<{ station: E2eStation; showId: string }> {
  const station = stack.stations[0];
  if (!station || showId === undefined) throw new Error('stack without station or show');
  const date = localDateOf(await showStart(stack, showId), stack.data.timeZone);
  await waitStationReady(station.url, stack.data.people, { showIds: [showId], date });
  return { station, showId };
}

/** A cashier's start of shift: open the station, sign in, open the till with `float`, open the show's map. */
export async function openCounterAtShow(
  page: Page,
  stack: E2eStack,
  url: string,
  showId: string,
  float: string,
): Promise<void> {
  const startsAt = await showStart(stack, showId);
  await page.goto(url);
  await signIn(page, stack.data.people.cashier);
  await openTill(page, float);
  await chooseShow(page, showId, startsAt, stack.data.timeZone);
}
