// Issue 18, the door's camera: Chromium's fake camera plays a video of a real signed ticket's QR
// code (made here, from this stack's key); "Use camera" starts it, the code is decoded and the
// ticket let in through the same scan as the wedge scanner, once although it stays in view; the
// wedge field keeps working while the camera runs, nothing is fetched from another host (the door
// runs offline), and a station with no camera it may use says so.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import QRCode from 'qrcode';
import { signTicketCode } from '../../common/ticket-code.js';
import { expect, test } from './support/counter-fixtures.js';
import { checkScreen } from './support/screen-check.js';

const W = 640;
const H = 480;

/** A y4m video (4:2:0) of `text`'s QR code, black on white, centred, `frames` frames long. */
function qrVideo(text: string, frames: number): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor((H - 40) / (n + 2 * quiet));
  const side = (n + 2 * quiet) * scale;
  const left = Math.floor((W - side) / 2);
  const top = Math.floor((H - side) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = (top + (r + quiet) * scale + dy) * W + left + (c + quiet) * scale;
        y.fill(16, row, row + scale);
      }
    }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${String(W)} H${String(H)} F10:1 Ip A1:1 C420jpeg\n`),
    ...Array.from({ length: frames }, () => frame),
  ]);
}

test('door camera: a ticket held up to the camera is admitted once; the scanner still works', async ({
  startCounterStack,
}, testInfo) => {
  test.setTimeout(180_000);
  const stack = await startCounterStack({
    data: 'fixture',
    stations: 1,
    startsInMinutes: 10,
    stationEnv: [{ STATION_MODE: 'door', STATION_DOOR_NAME: 'Door 1' }],
  });
  const [door] = stack.stations;
  if (!door) throw new Error('a door expected');
  // The server's key as this stack's database keeps it, made when the door first syncs.
  let key = new Uint8Array();
  await expect(async () => {
    const stored = await stack.db.$client.query<{ value: string }>(
      "SELECT value FROM server_meta WHERE key = 'ticket_signing_key'",
    );
    key = new Uint8Array(Buffer.from(stored.rows[0]?.value ?? '', 'hex'));
    expect(key).toHaveLength(32);
  }).toPass({ timeout: 30_000 });
  const showId = stack.data.showIds[0] ?? '';
  const codeOf = (ticketId: string) =>
    signTicketCode(
      { ticketId, showId, seatLabel: 'D4', issuedAt: Date.now() },
      { kind: 'server', secretKey: key },
    );

  const video = testInfo.outputPath('ticket.y4m');
  writeFileSync(video, qrVideo(codeOf(randomUUID()), 20));
  const config = testInfo.project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...config,
    args: [
      ...(config.args ?? []),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    const origin = new URL(door.url).origin;
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    await page.goto(door.url);
    await expect(page.getByRole('heading', { name: 'Door 1', level: 2 })).toBeVisible();
    await expect(page.getByText('cannot check tickets yet')).toBeHidden({ timeout: 30_000 });
    const field = page.getByLabel('Scan a ticket, or type its code and press Enter');

    await page.getByRole('button', { name: /Use camera/ }).click();
    await expect(page.getByLabel('Camera preview')).toBeVisible();
    const yes = page.locator('.door-yes');
    await expect(yes).toContainText('Come in', { timeout: 20_000 });
    await expect(yes).toContainText('seat D4');
    await checkScreen(page, testInfo, 'door-camera-admitted');
    await expect(yes).toBeHidden({ timeout: 10_000 });
    // The code stays in front of the camera (the video loops): still one scan, one admission.
    await page.waitForTimeout(3000);
    await expect(page.locator('.door-recent li')).toHaveCount(1);
    await expect(page.getByRole('cell', { name: /^1 of / })).toBeVisible();

    // The wedge scanner meanwhile: the field has the focus and its ticket is let in too.
    await expect(field).toBeFocused();
    await page.keyboard.type(codeOf(randomUUID()));
    await page.keyboard.press('Enter');
    await expect(yes).toContainText('Come in');
    await yes.click();
    await expect(page.getByRole('cell', { name: /^2 of / })).toBeVisible();

    // F2 stops the camera.
    await page.keyboard.press('F2');
    await expect(page.getByLabel('Camera preview')).toBeHidden();
    await expect(page.getByRole('button', { name: /Use camera/ })).toBeVisible();
    expect(elsewhere).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('door camera: a station without a camera it may use says so, and the scanner goes on', async ({
  page,
  startCounterStack,
}) => {
  test.setTimeout(120_000);
  const stack = await startCounterStack({
    data: 'fixture',
    stations: 1,
    startsInMinutes: 10,
    stationEnv: [{ STATION_MODE: 'door', STATION_DOOR_NAME: 'Door 1' }],
  });
  const [door] = stack.stations;
  if (!door) throw new Error('a door expected');
  await page.goto(door.url);
  await expect(page.getByRole('heading', { name: 'Door 1', level: 2 })).toBeVisible();
  await page.keyboard.press('F2');
  await expect(page.getByRole('alert')).toContainText(
    /The camera was refused|No camera found on this station/,
  );
  await expect(page.getByLabel('Camera preview')).toBeHidden();
  await expect(page.getByLabel('Scan a ticket, or type its code and press Enter')).toBeFocused();
});
