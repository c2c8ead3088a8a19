// The refund slip (credit note) prints what went back, on which tender and how, why, and who did and
// approved it; a partial reprint of a sale's tickets prints only the kept ones and keeps counting.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos, plainText, textLines } from './escpos-decoder.js';
import { buildRefundSlip, CHARS_PER_LINE, type LayoutPrinter } from './layouts.js';
import type { RefundSlipPrintData } from './print-data.js';
import { MUMBAI, sampleTicket } from './print-fixtures.js';
import { openQueueWorld, waitFor, type QueueWorld } from './print-queue-fixtures.js';

const EPSON_80: LayoutPrinter = { type: 'epson', widthMm: 80, drawerPin: 2 };
const STAR_58: LayoutPrinter = { type: 'star', widthMm: 58, drawerPin: 5 };

const slip = (over: Partial<RefundSlipPrintData> = {}): RefundSlipPrintData => ({
  cinema: MUMBAI,
  kind: 'refund',
  saleNumber: '42',
  at: '2026-03-14T14:05:00.000Z',
  movieTitle: 'Monsoon Express',
  screenName: 'Screen 2',
  startsAt: '2026-03-14T15:30:00.000Z',
  lines: [{ description: 'Adult F7', quantity: 1, unitPriceMinor: 70800, totalMinor: 70800 }],
  totalMinor: 70800,
  giveBack: [
    { label: 'Cash', how: 'in cash from the drawer', amountMinor: 20800 },
    {
      label: 'Card',
      how: 'back to the card on the terminal',
      amountMinor: 50000,
      reference: 'AUTH 7731',
    },
  ],
  reason: 'Wrong show sold',
  cashier: 'Casey Cashier',
  approvedBy: 'Morgan Manager',
  openDrawer: true,
  ...over,
});

let world: QueueWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('refund slip', () => {
  it.each([EPSON_80, STAR_58])(
    'names sale, show, amounts per tender and how, reason, cashier and manager on $type $widthMm mm',
    (printer) => {
      const doc = decodeEscPos(buildRefundSlip(slip(), printer));
      expect(doc.warnings).toEqual([]);
      const text = plainText(doc);
      for (const needle of [
        'CREDIT NOTE - REFUND',
        'Monsoon Express',
        'Adult F7',
        'in cash from the drawer',
        'back to the card on the terminal',
        'AUTH 7731',
        'Reason: Wrong show sold',
        'Casey Cashier',
        'Approved by',
        'Morgan Manager',
      ])
        expect(text).toContain(needle);
      expect(text).toMatch(/TOTAL\s+-INR\s?708\.00/);
      expect(text).toMatch(/Card\s+INR\s?500\.00/);
      expect(doc.items.filter((i) => i.kind === 'drawer')).toHaveLength(1);
      for (const line of textLines(doc))
        expect(line.text.length * line.style.widthScale, line.text).toBeLessThanOrEqual(
          CHARS_PER_LINE[printer.widthMm],
        );
    },
  );

  it('says VOID for a void and kicks no drawer when nothing goes back in cash', () => {
    const text = plainText(
      decodeEscPos(
        buildRefundSlip(slip({ kind: 'void', approvedBy: undefined, openDrawer: false }), EPSON_80),
      ),
    );
    expect(text).toContain('VOID - TICKETS CANCELLED');
    expect(text).not.toContain('Approved by');
    const quiet = decodeEscPos(buildRefundSlip(slip({ openDrawer: false }), EPSON_80));
    expect(quiet.items.filter((i) => i.kind === 'drawer')).toEqual([]);
  });
});

describe('partial ticket reprint', () => {
  it('prints only the kept tickets and numbers the copy after every earlier one', async () => {
    const w = await openQueueWorld();
    world = w;
    w.queue.start();
    const tickets = ['A', 'B'].map((id) =>
      sampleTicket({ ticketId: id, seat: { row: 'F', number: id === 'A' ? '7' : '8' } }),
    );
    const original = w.queue.enqueue('ticket', tickets);
    const full = w.queue.reprint(original);
    const onlyB = w.queue.reprint(original, (t) => t.ticketId === 'B');
    const again = w.queue.reprint(original, (t) => t.ticketId === 'B');
    await waitFor('printed', () => w.queue.job(again)?.status === 'printed');
    expect([full, onlyB, again].map((id) => w.queue.job(id)?.reprint)).toEqual([1, 2, 3]);
    expect((w.queue.job(onlyB)?.payload as unknown[]).length).toBe(1);
    const last = plainText(w.printer.jobs().at(-1)?.document ?? decodeEscPos(Buffer.alloc(0)));
    expect(last).toContain('REPRINT 3');
    expect(() => w.queue.reprint(original, () => false)).toThrow(/no print job/);
  });
});
