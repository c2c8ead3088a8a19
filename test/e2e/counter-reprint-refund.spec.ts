// Tickets follow the money: a voided sale cannot be reprinted; refunding one seat of two (manager
// PIN) says what goes back and how, prints a credit note, and a reprint then prints only the other
// seat; the refunded ticket id reaches the replica of a second station of the cinema.
import Database from 'better-sqlite3';
import path from 'node:path';
import { expectPrinted, openCounterAtShow, soldSeats } from './support/counter-page.js';
import { expect, test } from './support/counter-fixtures.js';
import { waitFor, waitStationReady } from './support/station-call.js';

/** Printed text with whitespace removed, as expectPrinted compares it. */
const squeezed = (text: string): string => text.replace(/\s+/g, '');
const ticketSeat = (seat: string): string => `Row${seat.slice(0, 1)}Seat${seat.slice(1)}`;

test('void refuses reprint; a refund of one seat reprints the other and revokes it at every station', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({ data: 'fixture', stations: 2 });
  const [one, two] = stack.stations;
  const showId = stack.data.showIds[0];
  if (!one || !two || showId === undefined) throw new Error('stack without two stations');
  await Promise.all(
    [one, two].map((s) => waitStationReady(s.url, stack.data.people, { showIds: [showId] })),
  );
  await openCounterAtShow(page, stack, one.url, showId, '100');
  const sellTwo = async () => {
    await page.keyboard.press('2');
    await page.keyboard.press('F5');
    await page.keyboard.press('Enter');
    return soldSeats(page);
  };
  const backToMap = async () => {
    await page.keyboard.press('Escape');
    await expect(page.locator('#show-filter')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('.map-box')).toBeFocused();
  };
  const rowOf = (seats: string[]) => page.locator('tbody tr').filter({ hasText: seats.join(', ') });
  const dialog = page.getByRole('dialog');

  // Sale 1, voided whole: the dialog says the cash comes from the drawer, a void slip prints.
  const voided = await sellTwo();
  await page.keyboard.press('F3');
  await rowOf(voided).getByRole('button', { name: 'Void…' }).click();
  await expect(dialog.getByTestId('give-back')).toContainText('in cash from the drawer');
  await dialog.getByRole('button', { name: 'Void tickets' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(/Sale 1: 2 ticket\(s\) voided\. Give back .+ in cash from the drawer/),
  ).toBeVisible();
  await expectPrinted(one.printer, ['VOID-TICKETSCANCELLED', 'Reason:Customerchangedtheirmind']);
  const voidedRow = rowOf(voided.map((s) => `${s} (void)`));
  await expect(voidedRow.getByRole('button', { name: 'Reprint sale 1' })).toBeDisabled();
  // F9 reprints the last sale: the station refuses, and says why.
  const ticketJobs = () => one.printer.jobs().filter((j) => squeezed(j.text).includes('REPRINT'));
  await page.keyboard.press('F9');
  await expect(page.getByRole('alert').filter({ hasText: 'no valid tickets left' })).toBeVisible();
  expect(ticketJobs()).toHaveLength(0);

  // Sale 2: refund one seat of two with the manager's PIN.
  await backToMap();
  const [refundedSeat, keptSeat] = await sellTwo();
  if (refundedSeat === undefined || keptSeat === undefined) throw new Error('two seats not sold');
  await page.keyboard.press('F3');
  await rowOf([refundedSeat, keptSeat]).getByRole('button', { name: 'Void…' }).click();
  await dialog.getByRole('checkbox', { name: new RegExp(`^${keptSeat} `) }).uncheck();
  await dialog.getByRole('checkbox', { name: /^Refund/ }).check();
  await dialog.getByLabel('Reason').selectOption('Wrong seats sold');
  await dialog.getByLabel('Manager PIN').fill(stack.data.pins.manager);
  await dialog.getByRole('button', { name: 'Refund tickets' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Sale 2: 1 ticket\(s\) refunded\. Give back/)).toBeVisible();
  await expectPrinted(one.printer, ['CREDITNOTE-REFUND', 'Reason:Wrongseatssold', 'Approvedby']);

  // The reprint prints the kept seat only, marked REPRINT 1.
  await rowOf([`${refundedSeat} (refunded)`])
    .getByRole('button', { name: 'Reprint sale 2' })
    .click();
  await expect(page.getByText(/Reprinting the 1 valid ticket\(s\) of sale 2/)).toBeVisible();
  const reprint = await waitFor(() => ticketJobs()[0], 'the reprint at the printer', 15_000);
  expect(ticketJobs()).toHaveLength(1);
  expect(squeezed(reprint.text)).toContain('REPRINT1');
  expect(squeezed(reprint.text)).toContain(ticketSeat(keptSeat));
  expect(squeezed(reprint.text)).not.toContain(ticketSeat(refundedSeat));

  // The refunded ticket is revoked in the replica of the other station.
  const refunded = await stack.db.$client.query<{ id: string }>(
    "SELECT id FROM tickets WHERE show_id = $1 AND status = 'refunded'",
    [showId],
  );
  expect(refunded.rows).toHaveLength(1);
  const ticketId = refunded.rows[0]?.id ?? '';
  const replica = new Database(path.join(two.dataDir, 'station.db'), { readonly: true });
  try {
    const row = await waitFor(
      () =>
        replica.prepare('SELECT status FROM revoked_tickets WHERE ticket_id = ?').get(ticketId) as
          { status: string } | undefined,
      'the revocation at the second station',
      10_000,
    );
    expect(row).toEqual({ status: 'refunded' });
  } finally {
    replica.close();
  }
});
