import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-decoder.js';
import { renderDocumentText } from './escpos-render.js';
import { buildTicket } from './layouts.js';
import { BERLIN, sampleReceipt, sampleTicket } from './print-fixtures.js';
import { previewJob } from './ticket-preview.js';

const settings = {
  interface: 'tcp://192.168.1.50:9100',
  type: 'epson' as const,
  widthMm: 80 as const,
};

describe('previewJob', () => {
  it('shows exactly what the printer would print', () => {
    const ticket = sampleTicket({ ticketCode: 'CODE-1' });
    const preview = previewJob('ticket', ticket, settings);
    if (!preview.ok) throw new Error(preview.error.message);
    const printed = renderDocumentText(
      decodeEscPos(buildTicket(ticket, { type: 'epson', widthMm: 80, drawerPin: 2 })),
      { width: 48 },
    );
    expect(preview.value.text).toBe(printed);
    expect(preview.value.widthChars).toBe(48);
    expect(preview.value.warnings).toEqual([]);
    expect(preview.value.lines).toContain('[QR: CODE-1]');
    expect(preview.value.lines.at(-1)).toBe('[CUT]');
    expect(
      preview.value.items.some((i) => i.kind === 'text' && i.text.includes('Row H  Seat 12')),
    ).toBe(true);
  });

  it('marks a reprint and lays out for the paper and command set given', () => {
    const preview = previewJob(
      'ticket',
      [sampleTicket({ cinema: BERLIN })],
      { type: 'star', widthMm: 58 },
      { reprint: 2 },
    );
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.text).toContain('REPRINT 2');
    expect(preview.value.text).toContain('Kino Köpenick');
    expect(preview.value.widthChars).toBe(32);
    expect(preview.value.lines.every((l) => l.length <= 32 || l.startsWith('['))).toBe(true);
  });

  it('previews receipts with the cinema labels', () => {
    const preview = previewJob('receipt', sampleReceipt('cash'), settings, {
      labels: { receipt: 'QUITTUNG' },
    });
    expect(preview.ok && preview.value.text).toContain('QUITTUNG');
  });

  it('returns coded errors for bad settings or data instead of throwing', () => {
    expect(previewJob('ticket', sampleTicket(), { ...settings, widthMm: 76 as 80 })).toMatchObject({
      ok: false,
      error: { code: 'BO_PRINTER_SETTINGS_INVALID' },
    });
    expect(previewJob('ticket', [], settings)).toMatchObject({
      ok: false,
      error: { code: 'BO_PRINT_JOB_INVALID' },
    });
  });
});
