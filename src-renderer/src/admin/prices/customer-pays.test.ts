import { describe, expect, it } from 'vitest';
import { customerPays, taxNote } from './customer-pays.js';

const gst = [
  { name: 'CGST', rateBp: 900, inclusive: false, itemClass: 'ticket' as const },
  { name: 'SGST', rateBp: 900, inclusive: false, itemClass: 'ticket' as const },
];
const vat = [{ name: 'VAT', rateBp: 2000, inclusive: true, itemClass: 'ticket' as const }];

describe('what a customer pays', () => {
  it('multiplies by format and ticket type and adds added taxes', () => {
    // ₹250.00 × IMAX 1.5 × child 0.7 = ₹262.50, + CGST ₹23.63 + SGST ₹23.63 (each rounded) = ₹309.76.
    expect(customerPays(25000, 15000, 7000, gst, 'INR')).toBe(30976);
    // Included VAT changes nothing in the total.
    expect(customerPays(1200, 10000, 10000, vat, 'GBP')).toBe(1200);
  });
  it('says how taxes read', () => {
    expect(taxNote(vat)).toBe('incl. VAT 20 %');
    expect(taxNote(gst)).toBe('with CGST 9 %, SGST 9 % added');
    expect(taxNote([])).toBe('');
  });
});
