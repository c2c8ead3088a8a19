// A web booking made through the public API as the website makes it (hold, book, pay with the test
// gateway), for the pick-up specs of the counter and the kiosk.
import { randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import type { E2eStack } from './stack-e2e.js';

/** A paid web booking of `count` seats, made as the website makes it; returns its reference and id. */
export async function webBooking(stack: E2eStack, showId: string, count: number) {
  const api = stack.server.url;
  const post = async <T>(path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers },
      body: JSON.stringify(body ?? {}),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return (await res.json()) as T;
  };
  const hold = await post<{ holdId: string; seatIds: string[]; holdSecret?: string }>(
    '/api/v1/holds',
    { showId, count },
  );
  const types = await stack.db.$client.query<{ id: string }>(
    "SELECT id FROM ticket_types WHERE name = 'Adult' LIMIT 1",
  );
  const booking = await post<{ id: string; reference: string; bookingSecret?: string }>(
    '/api/v1/bookings',
    {
      holdId: hold.holdId,
      tickets: hold.seatIds.map((seatId) => ({ seatId, ticketTypeId: types.rows[0]?.id })),
      guest: { email: 'pickup@example.com' },
    },
    { 'hold-secret': hold.holdSecret ?? '' },
  );
  const payment = await post<{ next: { kind: string; url: string } }>(
    `/api/v1/bookings/${booking.id}/payments`,
    undefined,
    { 'booking-secret': booking.bookingSecret ?? '' },
  );
  await post(new URL(payment.next.url).pathname, { card: '4242424242424242' });
  return booking;
}
