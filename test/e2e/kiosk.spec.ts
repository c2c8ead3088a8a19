// Issue 18 acceptance, kiosk: with touch at a portrait 1080×1920 and a landscape 1920×1080 screen,
// a manager opens the kiosk; a customer buys 2 tickets and a drink with the simulated terminal,
// declined first (the seats stay held on the server), then approved (a kiosk sale on the server,
// tickets printed); the idle warning counts down and its reset releases the seats on the server;
// the kiosk is out of service while its printer is off; web bookings are picked up online and
// offline, printed once (a second kiosk print is refused). Axe-clean on every screen.
import type { Page } from '@playwright/test';
import { signIn } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';
import type { E2eStack } from './support/stack-e2e.js';
import { waitFor } from './support/station-call.js';
import { webBooking } from './support/web-booking.js';

const KIOSK_ENV = {
  STATION_KIOSK: 'true',
  PAYMENT_TERMINAL: 'simulated',
  // The terminal waits for the test's answer (the on-screen buttons of the simulated terminal).
  TERMINAL_DELAY_MS: '120000',
  KIOSK_IDLE_SECONDS: '60',
  KIOSK_WARN_SECONDS: '20',
};

async function kioskStack(start: (o: object) => Promise<E2eStack>) {
  const stack = await start({
    data: 'fixture',
    stations: 1,
    startsInMinutes: 90,
    food: true,
    stationEnv: [KIOSK_ENV],
  });
  const station = stack.stations[0];
  if (!station) throw new Error('stack without station');
  await stack.db.$client.query("UPDATE stations SET kind = 'kiosk' WHERE id = $1", [station.id]);
  return { stack, station, showId: stack.data.showIds[0] ?? '' };
}

/** The kiosk opens on "out of service" (closed); a manager signs in at it and opens it. */
async function openKiosk(page: Page, stack: E2eStack, url: string) {
  await page.goto(url);
  await expect(page.locator('[data-reason="closed"]')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Staff sign-in' }).tap();
  await signIn(page, stack.data.people.manager);
  await page.getByRole('button', { name: 'Open the kiosk for customers' }).tap();
  await expect(page.getByRole('button', { name: 'Touch to buy tickets' })).toBeVisible();
}

/** States of the show's seats on the server. */
async function serverSeats(stack: E2eStack, showId: string, seatLabels: string[]) {
  const r = await stack.db.$client.query<{ state: string }>(
    'SELECT ss.state FROM show_seats ss JOIN seats s ON s.id = ss.seat_id WHERE ss.show_id = $1 AND s.label = ANY($2) ORDER BY s.label',
    [showId, seatLabels],
  );
  return r.rows.map((x) => x.state);
}

/** Touch to start → the film → its show → the seats step with the 2 best seats proposed. */
async function toSeats(page: Page) {
  await page.getByRole('button', { name: 'Touch to buy tickets' }).tap();
  await expect(page.getByRole('heading', { name: 'Choose a film' })).toBeVisible();
  await page.locator('.k-film').first().tap();
  await page.locator('.k-show').first().tap();
  await expect(page.getByRole('heading', { name: 'Choose your seats' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '2' })).toHaveAttribute('aria-checked', 'true');
  const chosen = (await page.locator('.k-summary').textContent()) ?? '';
  const labels = /Your seats: ([^.]+?)\s+We picked/.exec(chosen)?.[1]?.split(', ') ?? [];
  expect(labels).toHaveLength(2);
  return labels;
}

for (const size of [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
]) {
  test(`kiosk at ${String(size.width)}×${String(size.height)}: 2 tickets and a drink, declined then approved`, async ({
    browser,
    startCounterStack,
  }, testInfo) => {
    test.setTimeout(180_000);
    const { stack, station, showId } = await kioskStack(startCounterStack);
    const context = await browser.newContext({ viewport: size, hasTouch: true });
    const page = await context.newPage();
    const w = String(size.width);
    await page.goto(station.url);
    await expect(page.locator('[data-reason="closed"]')).toBeVisible({ timeout: 60_000 });
    await checkScreen(page, testInfo, `kiosk-0-closed-${w}`);
    await openKiosk(page, stack, station.url);
    await expect(page.locator('.k-next li').first()).toBeVisible();
    await expect(page.locator('.k-slide-title')).toHaveText('Test Film');
    await checkScreen(page, testInfo, `kiosk-1-attract-${w}`);

    // Languages switch at a touch; the next steps run in English.
    await page.getByRole('button', { name: 'हिन्दी में देखें' }).tap();
    await expect(page.getByRole('button', { name: 'टिकट खरीदने के लिए छुएँ' })).toBeVisible();
    await expect(page.locator('.kiosk')).toHaveAttribute('lang', 'hi');
    await checkScreen(page, testInfo, `kiosk-1-attract-hi-${w}`);
    await page.getByRole('button', { name: 'Switch to English' }).tap();

    const seats = await toSeats(page);
    await checkScreen(page, testInfo, `kiosk-2-seats-${w}`);
    await page.getByRole('button', { name: 'Continue' }).tap();
    await expect(page.getByRole('heading', { name: 'Who are the tickets for?' })).toBeVisible();
    await expect(page.getByText('2 of 2 tickets chosen')).toBeVisible();
    // Held on the server as soon as the customer confirmed the seats.
    await waitFor(
      async () => (await serverSeats(stack, showId, seats)).every((s) => s === 'held'),
      'seats held on the server',
    );
    await checkScreen(page, testInfo, `kiosk-3-types-${w}`);
    await page.getByRole('button', { name: 'Continue' }).tap();
    await expect(page.getByRole('heading', { name: 'Food and drink?' })).toBeVisible();
    await page.getByRole('button', { name: 'One Cola more' }).tap();
    await checkScreen(page, testInfo, `kiosk-4-food-${w}`);
    await page.getByRole('button', { name: 'Continue' }).tap();
    await expect(page.getByRole('heading', { name: 'Your order' })).toBeVisible();
    await expect(page.locator('.k-order')).toContainText('1 × Cola');
    await checkScreen(page, testInfo, `kiosk-5-order-${w}`);

    // Declined: back to the order, the seats still held.
    await page.getByRole('button', { name: /^Pay .* by card$/ }).tap();
    await expect(
      page.getByRole('heading', { name: 'Insert, tap or swipe your card' }),
    ).toBeVisible();
    await checkScreen(page, testInfo, `kiosk-6-paying-${w}`);
    await page.getByRole('button', { name: 'Decline card' }).tap();
    await expect(page.getByRole('alert')).toContainText('Your card was declined');
    await expect(page.getByRole('heading', { name: 'Your order' })).toBeVisible();
    expect(await serverSeats(stack, showId, seats)).toEqual(['held', 'held']);
    const orders = await stack.db.$client.query('SELECT 1 FROM orders WHERE show_id = $1', [
      showId,
    ]);
    expect(orders.rowCount).toBe(0);

    // Approved: sold on the server as a kiosk sale with the drink, and printed.
    await page.getByRole('button', { name: /^Pay .* by card$/ }).tap();
    await page.getByRole('button', { name: 'Approve card' }).tap();
    await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
    await checkScreen(page, testInfo, `kiosk-7-thanks-${w}`);
    const sale = await waitFor(async () => {
      const r = await stack.db.$client.query<{ channel: string; id: string }>(
        'SELECT channel, id FROM orders WHERE show_id = $1',
        [showId],
      );
      return r.rows[0];
    }, 'the kiosk sale on the server');
    expect(sale.channel).toBe('kiosk');
    const items = await stack.db.$client.query<{ quantity: number }>(
      'SELECT quantity FROM order_items WHERE order_id = $1',
      [sale.id],
    );
    expect(items.rows).toEqual([{ quantity: 1 }]);
    expect(await serverSeats(stack, showId, seats)).toEqual(['sold', 'sold']);
    await waitFor(
      () => station.printer.jobs().filter((j) => /Cola/.test(j.text)).length > 0,
      'the receipt with the drink printed',
    );
    await page.getByRole('button', { name: 'Done' }).tap();
    await expect(page.getByRole('button', { name: 'Touch to buy tickets' })).toBeVisible();
    await context.close();
  });
}

test('kiosk idle: a warning counts down with more time, then the reset releases the seats on the server', async ({
  browser,
  startCounterStack,
}, testInfo) => {
  test.setTimeout(180_000);
  const { stack, station, showId } = await kioskStack(startCounterStack);
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.clock.install();
  await openKiosk(page, stack, station.url);
  const seats = await toSeats(page);
  await page.getByRole('button', { name: 'Continue' }).tap();
  await waitFor(
    async () => (await serverSeats(stack, showId, seats)).every((s) => s === 'held'),
    'seats held on the server',
  );

  // After the idle time, the warning; "more time" keeps the basket.
  await page.clock.runFor(61_000);
  const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'I need more time' })).toBeFocused();
  await checkScreen(page, testInfo, 'kiosk-8-idle-1080');
  await dialog.getByRole('button', { name: 'I need more time' }).tap();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Who are the tickets for?' })).toBeVisible();

  // Nobody answers: back to the start, the seats released on the server.
  await page.clock.runFor(61_000);
  await expect(dialog).toBeVisible();
  await page.clock.runFor(21_000);
  await expect(page.getByRole('button', { name: 'Touch to buy tickets' })).toBeVisible();
  // Free again: for everyone, or back in this kiosk's escrow when they were set aside for it.
  await waitFor(
    async () =>
      (await serverSeats(stack, showId, seats)).every(
        (s) => s === 'available' || s === 'allocated',
      ),
    'seats released on the server',
  );
  await context.close();
});

test('kiosk out of service while its printer is off, and back when it returns', async ({
  browser,
  startCounterStack,
}, testInfo) => {
  test.setTimeout(120_000);
  const { stack, station } = await kioskStack(startCounterStack);
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    hasTouch: true,
  });
  const page = await context.newPage();
  await openKiosk(page, stack, station.url);
  await station.printer.setFault({ kind: 'offline' });
  await expect(page.getByRole('heading', { name: 'This kiosk is out of service' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.locator('[data-reason="printer"]')).toContainText('printer');
  await checkScreen(page, testInfo, 'kiosk-9-out-of-service-1920');
  await station.printer.setFault({ kind: 'none' });
  await expect(page.getByRole('button', { name: 'Touch to buy tickets' })).toBeVisible({
    timeout: 30_000,
  });
  await context.close();
});

test('kiosk pick-up of web bookings online and offline; a second print is refused', async ({
  browser,
  startCounterStack,
}, testInfo) => {
  test.setTimeout(180_000);
  const { stack, station, showId } = await kioskStack(startCounterStack);
  const online = await webBooking(stack, showId, 2);
  const offline = await webBooking(stack, showId, 1);
  const context = await browser.newContext({
    viewport: { width: 1080, height: 1920 },
    hasTouch: true,
  });
  const page = await context.newPage();
  await openKiosk(page, stack, station.url);
  const collected = (orderId: string) =>
    waitFor(async () => {
      const r = await stack.db.$client.query(
        'SELECT 1 FROM booking_collections WHERE order_id = $1',
        [orderId],
      );
      return r.rowCount === 1 ? true : undefined;
    }, 'the collection on the server');

  await page.getByRole('button', { name: 'Collect tickets booked online' }).tap();
  const field = page.getByLabel('Booking reference (from your email), or scan its QR code');
  await expect(field).toBeFocused();
  await field.fill(online.reference.toLowerCase());
  await page.getByRole('button', { name: 'Find my booking' }).tap();
  await expect(page.getByText(`Booking ${online.reference}`)).toBeVisible({ timeout: 15_000 });
  await checkScreen(page, testInfo, 'kiosk-10-pickup-found-1080');
  const jobs = station.printer.jobs().length;
  await page.getByRole('button', { name: 'Print my tickets' }).tap();
  await expect(page.getByText('Your 2 tickets are printing below.')).toBeVisible();
  await expect.poll(() => station.printer.jobs().length, { timeout: 10_000 }).toBeGreaterThan(jobs);
  await collected(online.id);

  // The same booking again: the kiosk prints a booking once; the counter reprints.
  await field.fill(online.reference);
  await page.getByRole('button', { name: 'Find my booking' }).tap();
  await expect(page.getByRole('alert')).toContainText('printed already');
  await expect(page.getByRole('button', { name: 'Print my tickets' })).toBeHidden();
  await checkScreen(page, testInfo, 'kiosk-11-pickup-refused-1080');

  // The server away: the other booking prints from the kiosk's copy and syncs on reconnect.
  await stack.server.stop();
  await field.fill(offline.reference);
  await page.getByRole('button', { name: 'Find my booking' }).tap();
  await expect(page.getByText(`Booking ${offline.reference}`)).toBeVisible();
  await page.getByRole('button', { name: 'Print my tickets' }).tap();
  await expect(page.getByText('Your ticket is printing below.')).toBeVisible();
  await stack.server.start();
  await collected(offline.id);
  await context.close();
});
