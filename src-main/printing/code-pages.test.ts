import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { CODE_PAGE_UPPER_HALVES } from './code-page-tables.js';
import {
  chooseCodePage,
  dialectHasCodePage,
  isPrintable,
  toPrintable,
  type CodePageName,
} from './code-pages.js';
import { decodeEscPos, textLines } from './escpos-decoder.js';

const PAGES = Object.keys(CODE_PAGE_UPPER_HALVES) as CodePageName[];

describe('code page tables', () => {
  for (const dialect of ['epson', 'star'] as const) {
    for (const page of PAGES.filter((p) => dialectHasCodePage(dialect, p))) {
      it(`${page} on ${dialect} matches what node-thermal-printer encodes`, () => {
        const chars = Array.from(CODE_PAGE_UPPER_HALVES[page])
          .filter((c) => c !== '\ufffd')
          .join('');
        const printer = new ThermalPrinter({
          type: dialect === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
          interface: '',
          characterSet: CharacterSet[page],
          width: 200,
        });
        printer.println(chars);
        const doc = decodeEscPos(printer.getBuffer(), { dialect });
        expect(doc.items.filter((i) => i.kind === 'codepage')).toMatchObject([{ name: page }]);
        expect(textLines(doc).map((l) => l.text)).toEqual([chars]);
      });
    }
  }
});

describe('chooseCodePage', () => {
  it('picks a page from the language, then the currency, else PC858', () => {
    expect(chooseCodePage('epson', 'en-GB', 'GBP')).toBe('PC858_EURO');
    expect(chooseCodePage('epson', 'de-DE', 'EUR')).toBe('PC858_EURO');
    expect(chooseCodePage('star', 'en-IN', 'INR')).toBe('PC858_EURO');
    expect(chooseCodePage('epson', 'pl-PL', 'PLN')).toBe('WPC1250_LATIN2');
    expect(chooseCodePage('star', 'uk-UA', 'UAH')).toBe('WPC1251_CYRILLIC');
    expect(chooseCodePage('epson', 'el-GR', 'EUR')).toBe('WPC1253_GREEK');
    expect(chooseCodePage('star', 'el-GR', 'EUR')).toBe('PC737_GREEK');
    expect(chooseCodePage('epson', 'en', 'TRY')).toBe('WPC1254_TURKISH');
  });
});

describe('toPrintable', () => {
  it('keeps what the page has and rewrites the rest', () => {
    expect(toPrintable('Köpenick £5 €3', 'PC858_EURO')).toBe('Köpenick £5 €3');
    expect(toPrintable('₹350 – “Dil Se”…', 'PC858_EURO')).toBe('Rs.350 - "Dil Se"...');
    expect(toPrintable('Łódź Kraków', 'PC858_EURO')).toBe('Lódz Kraków');
    expect(toPrintable('Łódź', 'WPC1250_LATIN2')).toBe('Łódź');
    expect(toPrintable('12,50\u00a0€ 7:30\u202fPM', 'PC858_EURO')).toBe('12,50 € 7:30 PM');
    expect(toPrintable('€5', 'PC437_USA')).toBe('EUR5');
    expect(toPrintable('映画 🎬\u0007', 'PC858_EURO')).toBe('?? ?');
    expect(isPrintable('£12.50', 'PC858_EURO')).toBe(true);
    expect(isPrintable('₹12.50', 'PC858_EURO')).toBe(false);
  });
});
