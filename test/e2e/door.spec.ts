// Issue 18 acceptance, door screen: a keyboard-wedge scanner types a ticket's code and Enter; a
// valid ticket gets a full-screen green answer, the second scan a red "already admitted" with the
// time and the door, a forged code a red refusal; the other door says where it was let in; the
// scans waiting to sync stay in view while the server is away. Axe-clean at a landscape screen and
// a portrait one.
import { randomUUID } from 'node:crypto';
import { signTicketCode } from '../../common/ticket-code.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
]) {
  test(`door at ${String(size.width)}×${String(size.height)}: admitted, already admitted, refused, offline`, async ({
    page,
    startCounterStack,
  }, testInfo) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    const stack = await startCounterStack({
      data: 'fixture',
      stations: 2,
      startsInMinutes: 10,
      stationEnv: [
        { STATION_MODE: 'door', STATION_DOOR_NAME: 'Door 1' },
        { STATION_MODE: 'door', STATION_DOOR_NAME: 'Door 2' },
      ],
    });
    const [one, two] = stack.stations;
    if (!one || !two) throw new Error('two doors expected');
    // The server's key as this stack's database keeps it (signingKey() caches one per process).
    const stored = await stack.db.$client.query<{ value: string }>(
      "SELECT value FROM server_meta WHERE key = 'ticket_signing_key'",
    );
    const key = new Uint8Array(Buffer.from(stored.rows[0]?.value ?? '', 'hex'));
    expect(key).toHaveLength(32);
    const showId = stack.data.showIds[0] ?? '';
    const codeOf = (ticketId: string) =>
      signTicketCode(
        { ticketId, showId, seatLabel: 'C7', issuedAt: Date.now() },
        { kind: 'server', secretKey: key },
      );

    await page.goto(one.url);
    await expect(page.getByRole('heading', { name: 'Door 1', level: 2 })).toBeVisible();
    await expect(page.getByText('cannot check tickets yet')).toBeHidden({ timeout: 30_000 });
    const field = page.getByLabel('Scan a ticket, or type its code and press Enter');
    await expect(field).toBeFocused();

    // The scanner types the code and Enter.
    const ticket = randomUUID();
    await page.keyboard.type(codeOf(ticket));
    await page.keyboard.press('Enter');
    const yes = page.locator('.door-yes');
    await expect(yes).toContainText('Come in');
    await expect(yes).toContainText('seat C7');
    await checkScreen(page, testInfo, `door-1-admitted-${String(size.width)}`);
    await expect(yes).toBeHidden({ timeout: 10_000 });
    await expect(page.getByRole('cell', { name: /^1 of / })).toBeVisible();

    await page.keyboard.type(codeOf(ticket));
    await page.keyboard.press('Enter');
    const no = page.locator('.door-no');
    await expect(no).toContainText('Not admitted');
    await expect(no).toContainText(/Already admitted \d{2}:\d{2} at Door 1\./);
    await checkScreen(page, testInfo, `door-2-already-${String(size.width)}`);
    await no.click();

    const forged = codeOf(randomUUID()).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    await page.keyboard.type(forged);
    await page.keyboard.press('Enter');
    await expect(no).toContainText('Not a Marquee ticket');
    await no.click();
    await expect(page.locator('.door-recent li').first()).toContainText('Not a Marquee ticket');

    // The other door heard of the admission through the server.
    const other = await page.context().newPage();
    await other.setViewportSize(size);
    await other.goto(two.url);
    await expect(other.getByText('cannot check tickets yet')).toBeHidden({ timeout: 30_000 });
    await expect(async () => {
      await other.keyboard.type(codeOf(ticket));
      await other.keyboard.press('Enter');
      await expect(other.locator('.door-no')).toContainText('at Door 1', { timeout: 2000 });
    }).toPass({ timeout: 20_000 });
    await other.close();

    // Offline: the door keeps letting people in and shows what waits to sync.
    await stack.server.stop();
    await expect(page.getByText(/Offline|Connecting/).first()).toBeVisible({ timeout: 15_000 });
    await page.keyboard.type(codeOf(randomUUID()));
    await page.keyboard.press('Enter');
    await expect(yes).toContainText('Come in');
    await yes.click();
    await expect(page.locator('.door-pending strong').first()).toHaveText(/^[1-9]\d*$/);
    await checkScreen(page, testInfo, `door-3-offline-${String(size.width)}`);
  });
}
