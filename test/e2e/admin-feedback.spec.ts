// Issue 17 (seed 001): a manager reads the customers' feedback on the demo cinema, narrows it to
// the worst ratings waiting for a reply, replies with the keyboard, and finds the reply under
// "Replied"; the customer is told through the events outbox. Axe-clean, fits the window.
import { writeDemoFeedback } from '../../db/demo/feedback.js';
import { writeSalesHistory } from '../../db/demo/history.js';
import { openAdmin } from './support/admin-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';
import { waitStationReady } from './support/station-call.js';

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`feedback at ${String(size.width)}×${String(size.height)}: filter, reply, replied`, async ({
    page,
    startCounterStack,
  }, testInfo) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    const stack = await startCounterStack({ data: 'demo', stations: 1 });
    const before = new Date();
    await writeSalesHistory(stack.db.$client, { days: 14, before });
    const written = await writeDemoFeedback(stack.db.$client, { days: 14, before });
    expect(written.feedback).toBeGreaterThan(0);
    const station = stack.stations[0];
    if (!station) throw new Error('stack without station');
    await waitStationReady(station.url, stack.data.people, {});
    await openAdmin(page, station.url, stack.data.people.manager);

    await page.keyboard.press('Alt+9');
    await expect(page.getByRole('heading', { name: 'Feedback', level: 2 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'stars on average' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Feedback' });
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await checkScreen(page, testInfo, 'admin-26-feedback');

    // The worst rating still waiting for a word from the cinema: filter to it, reply by keyboard.
    const worst = await stack.db.$client.query<{ rating: number }>(
      `SELECT min(f.rating) AS rating FROM feedback f JOIN cinemas c ON c.id = f.cinema_id
        WHERE c.name = $1 AND f.reply IS NULL`,
      [stack.data.cinemaName],
    );
    const stars = worst.rows[0]?.rating ?? 0;
    expect(stars).toBeGreaterThan(0);
    await page.getByLabel('Reply', { exact: true }).selectOption('no');
    await page.getByLabel('Stars', { exact: true }).selectOption(String(stars));
    const ratings = table.locator('tbody tr td:nth-child(2) span');
    await expect(ratings.first()).toHaveAttribute('aria-label', `${String(stars)} of 5 stars`);
    for (const label of await ratings.evaluateAll((els) => els.map((e) => e.ariaLabel)))
      expect(label).toBe(`${String(stars)} of 5 stars`);
    const first = table.locator('tbody tr').first().getByRole('button');
    const reference = (await first.innerText()).trim();
    await first.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('form', { name: new RegExp(`^Reply to ${reference}`) });
    await expect(dialog).toBeVisible();
    await expect(page.getByLabel('Your reply')).toBeFocused();
    const reply = `Sorry about your visit — ${reference}, the next tickets are on us.`;
    await page.keyboard.type(reply);
    await checkScreen(page, testInfo, 'admin-27-feedback-reply');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Send reply' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(table).not.toContainText(reference);

    // Under "Replied" it is there with the reply; the customer's notification is queued.
    await page.getByLabel('Reply', { exact: true }).selectOption('yes');
    const row = table.locator('tbody tr').filter({ hasText: reference });
    await expect(row).toContainText(reply);
    const told = await stack.db.$client.query<{ n: string }>(
      `SELECT count(*) AS n FROM events e JOIN bookings b ON b.id = e.booking_id
        WHERE e.type = 'feedback.replied' AND b.reference = $1`,
      [reference],
    );
    expect(told.rows[0]?.n).toBe('1');
  });
}
