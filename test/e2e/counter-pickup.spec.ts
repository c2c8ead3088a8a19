// Pick-up at the counter (issue 18): a web booking made through the public API is found on F11 by
// its reference typed as the customer reads it, printed once; a second print needs a manager's PIN
// and prints REPRINT 1. With the server down, another booking is collected from the replica and the
// collection reaches PostgreSQL once the server is back.
import { readyStation, signIn } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';
import { waitFor } from './support/station-call.js';
import { webBooking } from './support/web-booking.js';

test('a web booking is picked up at the counter online and offline; a second print is a manager reprint', async ({
  page,
  startCounterStack,
}, testInfo) => {
  test.setTimeout(150_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 1 });
  const { station, showId } = await readyStation(stack);
  const online = await webBooking(stack, showId, 2);
  const offline = await webBooking(stack, showId, 1);
  // Both bookings are in the station's replica before anything is typed.
  for (const b of [online, offline])
    await waitFor(async () => {
      const r = await stack.db.$client.query('SELECT 1 FROM orders WHERE id = $1', [b.id]);
      return r.rowCount === 1 ? true : undefined;
    }, 'the booking on the server');

  await page.goto(station.url);
  await signIn(page, stack.data.people.cashier);
  await page.keyboard.press('F11');
  const field = page.getByLabel('Booking reference or QR code');
  await expect(field).toBeFocused();
  // As the customer reads it out: lower case, with a space.
  await page.keyboard.type(
    `${online.reference.slice(0, 3).toLowerCase()} ${online.reference.slice(3).toLowerCase()}`,
  );
  await page.keyboard.press('Enter');
  const booking = page.getByRole('region', { name: `Booking ${online.reference}` });
  await expect(booking).toBeVisible({ timeout: 15_000 });
  await expect(booking.getByRole('list', { name: 'Seats' }).getByRole('listitem')).toHaveCount(2);
  await checkScreen(page, testInfo, 'counter-pickup-found');
  await expect(page.getByRole('button', { name: 'Print tickets' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Printed: 2 tickets.')).toBeVisible();
  await expect
    .poll(() => station.printer.jobs().length, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(1);
  await checkScreen(page, testInfo, 'counter-pickup-printed');
  await waitFor(async () => {
    const r = await stack.db.$client.query(
      'SELECT 1 FROM booking_collections WHERE order_id = $1',
      [online.id],
    );
    return r.rowCount === 1 ? true : undefined;
  }, 'the collection on the server');

  // Found again: already printed; a reprint needs a manager's PIN.
  await field.fill(online.reference);
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Already printed here/)).toBeVisible();
  await page.getByLabel('Manager PIN to reprint').fill(stack.data.pins.manager);
  await page.getByRole('button', { name: 'Reprint', exact: true }).click();
  await expect(page.getByText('Reprinted: 2 tickets.')).toBeVisible();

  // Server down: the other booking is collected from the replica and syncs on reconnect.
  await stack.server.stop();
  await expect(
    page.getByText(/Offline: the server cannot be reached|Connecting to the server/),
  ).toBeVisible({
    timeout: 15_000,
  });
  await field.fill(offline.reference);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: `Booking ${offline.reference}` })).toBeVisible();
  await page.getByRole('button', { name: 'Print tickets' }).click();
  await expect(page.getByText(/Printed: 1 ticket\. Offline/)).toBeVisible();
  await checkScreen(page, testInfo, 'counter-pickup-offline');
  await stack.server.start();
  await waitFor(async () => {
    const r = await stack.db.$client.query(
      'SELECT 1 FROM booking_collections WHERE order_id = $1',
      [offline.id],
    );
    return r.rowCount === 1 ? true : undefined;
  }, 'the offline collection on the server');
});
