import { describe, expect, it } from 'vitest';
import { giveBackText, splitGiveBack, type GiveBackSource } from './give-back.js';

const src = (
  tender: GiveBackSource['tender'],
  paidMinor: number,
  givenBackMinor = 0,
  reference: string | null = null,
): GiveBackSource => ({ tender, paidMinor, givenBackMinor, reference });

describe('splitGiveBack', () => {
  it('gives a one-tender sale back on that tender, with its reference', () => {
    expect(splitGiveBack(708, [src('card', 1416, 0, 'T-99')])).toEqual([
      { tender: 'card', amountMinor: 708, reference: 'T-99' },
    ]);
  });

  it('splits part of a mixed sale in proportion, in whole units that add up', () => {
    const lines = splitGiveBack(1001, [src('cash', 1000), src('card', 1002, 0, 'R1')]);
    expect(lines.reduce((a, l) => a + l.amountMinor, 0)).toBe(1001);
    expect(lines.map((l) => l.amountMinor)).toEqual([500, 501]);
  });

  it('never gives more back on a tender than it took, over several partial voids', () => {
    const paid = [src('cash', 333), src('card', 667, 0, 'R'), src('voucher', 100, 0, 'V7')];
    const given = [0, 0, 0];
    for (const part of [367, 367, 366]) {
      const lines = splitGiveBack(
        part,
        paid.map((p, i) => ({ ...p, givenBackMinor: given[i] ?? 0 })),
      );
      expect(lines.reduce((a, l) => a + l.amountMinor, 0)).toBe(part);
      for (const l of lines) {
        const i = paid.findIndex((p) => p.tender === l.tender);
        given[i] = (given[i] ?? 0) + l.amountMinor;
      }
    }
    expect(given).toEqual([333, 667, 100]);
  });

  it('gives back exactly what is left when the last tickets go', () => {
    expect(
      splitGiveBack(900, [src('cash', 500, 120), src('electronic', 600, 80, 'UPI-1')]),
    ).toEqual([
      { tender: 'cash', amountMinor: 380, reference: null },
      { tender: 'electronic', amountMinor: 520, reference: 'UPI-1' },
    ]);
  });

  it('gives in cash only what no recorded payment covers', () => {
    expect(splitGiveBack(500, [])).toEqual([{ tender: 'cash', amountMinor: 500, reference: null }]);
    expect(splitGiveBack(1200, [src('card', 1000, 0, 'R')])).toEqual([
      { tender: 'card', amountMinor: 1000, reference: 'R' },
      { tender: 'cash', amountMinor: 200, reference: null },
    ]);
  });

  it('says how each tender goes back', () => {
    expect(giveBackText({ tender: 'card', amountMinor: 1, reference: '42' }, '0.01')).toBe(
      '0.01 back to the card on the terminal (ref 42)',
    );
    expect(giveBackText({ tender: 'cash', amountMinor: 1, reference: null }, '0.01')).toBe(
      '0.01 in cash from the drawer',
    );
  });
});
