// GET /bookings/{id}/tickets: a paid booking's tickets carry server-signed codes naming the right
// ticket, show and seat, drawn as QR images that scan back to the same code; an unpaid booking has
// none ("pay first"); refunded tickets show no code; strangers are told there is no such booking.
import { randomUUID } from 'node:crypto';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyTicketCode } from '../../common/ticket-code.js';
import type { BookingTickets } from '../../common/api/bookings.js';
import {
  bookHold,
  buyerHeaders,
  CARDS,
  holdSeats,
  payWithCard,
  startPaying,
  type Buyer,
  startBookingHarness,
} from '../../test/support/bookings.js';
import type { ShowFixture } from '../../test/support/show-fixture.js';
import type { App } from '../app.js';
import { signingPublicKeyHex } from '../services/signing.js';
import { ticketQrSvg } from './tickets.js';

let app: App;
let fx: ShowFixture;
const customers = [randomUUID(), randomUUID()];
const bearers: string[] = [];

beforeAll(async () => {
  const h = await startBookingHarness({
    fixture: { rows: 4, perRow: 8 },
    setup: async (pool) => {
      for (const c of customers)
        await pool.query(
          "INSERT INTO customers (id, email, password_hash, name) VALUES ($1, $2, 'unusable', 'Buyer')",
          [c, `${c}@example.com`],
        );
    },
  });
  ({ app, fx } = h);
  for (const c of customers) bearers.push(await h.bearer({ customer: c }));
});
afterAll(async () => {
  await app.close();
});

const seat = (row: number, n: number) => fx.rows[row]?.[n] ?? '';
const getTickets = (bookingId: string, buyer: Buyer) =>
  app.inject({
    method: 'GET',
    url: `/api/v1/bookings/${bookingId}/tickets`,
    headers: buyerHeaders(buyer),
  });

/** Draws the SVG's dark modules (qrcode's "M x y h n m dx dy" strokes) and scans the picture. */
function scanSvg(svg: string): string | null {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const px = 4;
  const w = size * px;
  const img = new Uint8ClampedArray(w * w * 4).fill(255);
  let [x, y] = [0, 0];
  for (const [, op, a, b] of d.matchAll(/([MmHhVv])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    const [n, m] = [Number(a), Number(b)];
    if (op === 'M') [x, y] = [n, m];
    else if (op === 'm') [x, y] = [x + n, y + m];
    else if (op === 'h') {
      const row = Math.floor(y);
      for (let i = x * px; i < (x + n) * px; i++)
        for (let j = row * px; j < (row + 1) * px; j++)
          img.fill(0, (j * w + i) * 4, (j * w + i) * 4 + 3);
      x += n;
    } else throw new Error(`unexpected SVG path command ${String(op)}`);
  }
  return jsQR(img, w, w)?.data ?? null;
}

describe('booking tickets', () => {
  it('a paid guest booking: signed codes for the right ticket, show and seat, as QR images', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(0, 0), seat(0, 1)]);
    const booking = await bookHold(app, hold, fx.ticketTypes.adult);
    const guest = { bookingSecret: booking.bookingSecret ?? '' };

    const unpaid = await getTickets(booking.id, guest);
    expect(unpaid.statusCode).toBe(409);
    expect(unpaid.json()).toMatchObject({ error: { code: 'BO_BOOKING_STATE' } });

    expect((await payWithCard(app, await startPaying(app, booking), CARDS.ok)).status).toBe(
      'succeeded',
    );
    const res = await getTickets(booking.id, guest);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<BookingTickets>();
    expect(body).toMatchObject({
      bookingId: booking.id,
      reference: booking.reference,
      status: 'confirmed',
      show: {
        id: fx.showId,
        movieTitle: 'Test Film',
        cinemaName: 'Test Cinema',
        cinemaAddress: '1 High St',
        screenName: 'Screen 1',
        timeZone: 'Europe/London',
        format: '2D',
      },
    });
    expect(body.tickets.map((t) => [t.seatLabel, t.ticketTypeName, t.status])).toEqual([
      ['A1', 'Adult', 'valid'],
      ['A2', 'Adult', 'valid'],
    ]);
    expect(body.tickets.map((t) => t.ticketId).sort()).toEqual(
      booking.tickets.map((t) => t.ticketId).sort(),
    );

    const serverKey = Buffer.from(
      await signingPublicKeyHex(app.ctx.db.$client, app.ctx.config.ticketSigningKey),
      'hex',
    );
    for (const t of body.tickets) {
      const v = verifyTicketCode(t.code ?? '', serverKey);
      expect(v).toMatchObject({
        ok: true,
        payload: { ticketId: t.ticketId, showId: fx.showId, seatLabel: t.seatLabel, kid: 'srv' },
      });
      // The very code stored with the ticket (the one stations replicate and the door checks).
      const stored = await app.ctx.db.$client.query<{ code: string }>(
        'SELECT code FROM tickets WHERE id = $1',
        [t.ticketId],
      );
      expect(stored.rows[0]?.code).toBe(t.code);
      expect(t.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(t.qrSvg).toBe(await ticketQrSvg(t.code ?? ''));
      expect(scanSvg(t.qrSvg ?? '')).toBe(t.code);
    }
  });

  it('a customer’s booking: theirs to read; another customer, a wrong secret or nobody gets 404', async () => {
    const me = { authorization: bearers[0] ?? '' };
    const hold = await holdSeats(app, fx.showId, [seat(1, 0)], me);
    const booking = await bookHold(app, hold, fx.ticketTypes.child, me);
    await payWithCard(app, await startPaying(app, booking, me), CARDS.ok);
    const mine = await getTickets(booking.id, me);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json<BookingTickets>().tickets).toMatchObject([
      { seatLabel: 'B1', ticketTypeName: 'Child', status: 'valid' },
    ]);
    const strangers: Buyer[] = [
      { authorization: bearers[1] ?? '' },
      { bookingSecret: `bs_${'A'.repeat(43)}` },
      {},
    ];
    for (const who of strangers) {
      const res = await getTickets(booking.id, who);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'BO_BOOKING_NOT_FOUND' } });
    }
    expect((await getTickets(randomUUID(), me)).statusCode).toBe(404);
    expect((await getTickets('not-a-uuid', me)).statusCode).toBe(400);
  });

  it('refunded tickets are listed with their status and no code or QR', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(2, 0), seat(2, 1)]);
    const booking = await bookHold(app, hold, fx.ticketTypes.adult);
    await payWithCard(app, await startPaying(app, booking), CARDS.ok);
    const gone = booking.tickets[0]?.ticketId ?? '';
    // As a per-ticket cancellation leaves it.
    await app.ctx.db.$client.query("UPDATE tickets SET status = 'refunded' WHERE id = $1", [gone]);
    const res = await getTickets(booking.id, { bookingSecret: booking.bookingSecret ?? '' });
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map(res.json<BookingTickets>().tickets.map((t) => [t.ticketId, t]));
    expect(byId.get(gone)).toMatchObject({ status: 'refunded', code: null, qrSvg: null });
    const kept = byId.get(booking.tickets[1]?.ticketId ?? '');
    expect(kept).toMatchObject({ status: 'valid' });
    expect(kept?.code).toEqual(expect.any(String));
  });

  it('a booking that lapsed unpaid has no tickets', async () => {
    const hold = await holdSeats(app, fx.showId, [seat(3, 0)]);
    const booking = await bookHold(app, hold, fx.ticketTypes.adult);
    await app.ctx.db.$client.query("UPDATE bookings SET status = 'expired' WHERE id = $1", [
      booking.id,
    ]);
    const res = await getTickets(booking.id, { bookingSecret: booking.bookingSecret ?? '' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: { code: 'BO_BOOKING_STATE', details: { status: 'expired' } },
    });
  });
});
