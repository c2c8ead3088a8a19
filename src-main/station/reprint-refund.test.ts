// Tickets follow the money at the counter: a void or refund says per tender what goes back and how,
// prints a slip, revokes the tickets at once and names the approving manager to the server; a
// reprint prints only the tickets still valid, and none for a sale given back whole.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleView, VoidResult } from '../../common/contract/station.js';
import {
  createShowFixture,
  FIXTURE_PINS,
  type ShowFixture,
} from '../../test/support/show-fixture.js';
import {
  caughtUp,
  startTestServer,
  startTestStation,
  until,
  type TestServer,
  type TestStation,
} from '../../test/support/stack.js';
import { plainText } from '../printing/escpos-decoder.js';
import type { TicketPrintData } from '../printing/print-data.js';

let server: TestServer & { dbUrl: string };
let pool: pg.Pool;
let fx: ShowFixture;
let st: TestStation;

beforeAll(async () => {
  server = await startTestServer();
  pool = new pg.Pool({ connectionString: server.dbUrl });
  fx = await createShowFixture(pool, { rows: 4, perRow: 10, startsInMinutes: 240 });
  st = await startTestStation(server.url, fx.station, { allocationPerCategory: 0 });
  await caughtUp(st);
  await st.call('auth:signIn', { staffId: fx.staff.cashier, pin: FIXTURE_PINS.cashier });
  await st.call('till:open', { float: { cash: 5000 } });
});
afterAll(async () => {
  await st.stop();
  await server.stop();
  await pool.end();
});

const printedText = async (needle: string) =>
  plainText(
    (
      await until(
        () => st.printer.jobs().find((j) => plainText(j.document).includes(needle)),
        5000,
        needle,
      )
    ).document,
  );

describe('void, refund and reprint at the counter', () => {
  it('splits the money back per tender, prints slips, revokes tickets and reprints only valid ones', async () => {
    // Two seats at 10.00: 5.00 on card, 20.00 cash handed over, 5.00 change.
    const seats = [fx.rows[0]?.[0] ?? '', fx.rows[0]?.[1] ?? ''];
    const sale = await st.call<SaleView>('sales:create', {
      showId: fx.showId,
      lines: seats.map((seatId) => ({ seatId, ticketTypeId: fx.ticketTypes.adult })),
      tenders: [
        { tender: 'card', amountMinor: 500, reference: 'AUTH-9' },
        { tender: 'cash', amountMinor: 2000 },
      ],
    });
    const [first, second] = sale.tickets.map((t) => t.ticketId);

    // Void one ticket: 10.00 back in proportion to what is left on each tender (15.00 cash, 5.00 card).
    const voided = await st.call<VoidResult>('sales:void', {
      orderId: sale.orderId,
      ticketIds: [first],
      reason: 'Wrong seats sold',
    });
    expect(voided.status).toBe('partially_refunded');
    expect(voided.giveBack).toEqual([
      { tender: 'card', amountMinor: 250, reference: 'AUTH-9' },
      { tender: 'cash', amountMinor: 750, reference: null },
    ]);
    const slip = await printedText('VOID - TICKETS CANCELLED');
    expect(slip).toContain('in cash from the drawer');
    expect(slip).toContain('Reason: Wrong seats sold');
    expect(
      st.station.db.$client
        .prepare('SELECT status FROM revoked_tickets WHERE ticket_id = ?')
        .get(first),
    ).toEqual({ status: 'void' });

    // The reprint prints the other ticket only, as REPRINT 1.
    const { jobIds } = await st.call<{ jobIds: string[] }>('sales:reprint', {
      orderId: sale.orderId,
    });
    const job = st.station.printQueue.job(jobIds[0] ?? '');
    expect(job?.reprint).toBe(1);
    expect((job?.payload as TicketPrintData[]).map((t) => t.ticketId)).toEqual([second]);

    // Refund the last ticket: it needs a manager, and gives back exactly what is left per tender.
    const refunded = await st.call<VoidResult>('sales:void', {
      orderId: sale.orderId,
      reason: 'Show cancelled or disrupted',
      refund: true,
      managerPin: FIXTURE_PINS.manager,
    });
    expect(refunded.status).toBe('refunded');
    expect(refunded.giveBack).toEqual([
      { tender: 'card', amountMinor: 250, reference: 'AUTH-9' },
      { tender: 'cash', amountMinor: 750, reference: null },
    ]);
    expect(refunded.tenderBalances.every((b) => b.givenBackMinor === b.paidMinor)).toBe(true);
    const credit = await printedText('CREDIT NOTE - REFUND');
    expect(credit).toContain('Morgan Manager');
    const audit = await pool.query<{ details: { staffId: string; approvedBy: string } }>(
      "SELECT details FROM audit_log WHERE action = 'refund' AND entity_id = $1",
      [second],
    );
    expect(audit.rows[0]?.details).toMatchObject({
      staffId: fx.staff.cashier,
      approvedBy: fx.staff.manager,
    });

    // Nothing valid is left: no reprint.
    await expect(st.call('sales:reprint', { orderId: sale.orderId })).rejects.toMatchObject({
      code: 'BO_TICKET_NOT_VALID',
    });
  });
});
