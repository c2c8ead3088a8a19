// Which code page a cinema's printer uses and how text is made printable in it. Thermal printers
// print one byte per character from a selected code page; anything outside it must be replaced
// before node-thermal-printer sees it, or the library silently prints '?' (₹) or switches pages
// behind our back.
import { CODE_PAGE_UPPER_HALVES } from './code-page-tables.js';

/** Printer command dialect as emitted by node-thermal-printer. */
export type PrinterDialect = 'epson' | 'star';

/** Code pages the layouts choose from (node-thermal-printer CharacterSet names). */
export type CodePageName = keyof typeof CODE_PAGE_UPPER_HALVES;

// Selector numbers as node-thermal-printer emits them: ESC t n (Epson) and ESC GS t n (Star).
// null: the dialect has no such page.
const SELECTORS: Record<CodePageName, { epson: number; star: number | null }> = {
  PC437_USA: { epson: 0, star: 1 },
  PC858_EURO: { epson: 19, star: 4 },
  PC852_LATIN2: { epson: 18, star: 5 },
  PC857_TURKISH: { epson: 13, star: 12 },
  PC866_CYRILLIC2: { epson: 17, star: 10 },
  PC737_GREEK: { epson: 14, star: 15 },
  WPC1252: { epson: 16, star: 32 },
  WPC1250_LATIN2: { epson: 45, star: 33 },
  WPC1251_CYRILLIC: { epson: 46, star: 34 },
  WPC1253_GREEK: { epson: 47, star: null },
  WPC1254_TURKISH: { epson: 48, star: null },
};

const NAMES = Object.keys(SELECTORS) as CodePageName[];
const ENCODABLE = new Map<CodePageName, Set<string>>(
  NAMES.map((name) => [
    name,
    new Set(Array.from(CODE_PAGE_UPPER_HALVES[name]).filter((c) => c !== '\ufffd')),
  ]),
);

/** The code page a printer starts with after power-on or ESC @. */
export const DEFAULT_CODE_PAGE: CodePageName = 'PC437_USA';

/** The code page selected by selector number `n` in a dialect, or null when we do not know it. */
export function codePageBySelector(dialect: PrinterDialect, n: number): CodePageName | null {
  // Star's "normal" page 0 is the same table as PC437.
  if (dialect === 'star' && n === 0) return 'PC437_USA';
  return NAMES.find((name) => SELECTORS[name][dialect] === n) ?? null;
}

/** Decodes one byte in a code page; U+FFFD where the page has no character. */
export function decodeByte(page: CodePageName | null, byte: number): string {
  if (byte < 0x80) return String.fromCharCode(byte);
  if (page === null) return '\ufffd';
  return CODE_PAGE_UPPER_HALVES[page].charAt(byte - 0x80) || '\ufffd';
}

// Languages whose letters PC858 cannot print, and the page that can; Greek and Turkish differ
// per dialect because Star has no Windows Greek/Turkish page.
const BY_LANGUAGE: Record<string, { epson: CodePageName; star: CodePageName }> = {
  ...Object.fromEntries(
    ['cs', 'sk', 'pl', 'hu', 'sl', 'hr', 'ro', 'bs', 'sq'].map((l) => [
      l,
      { epson: 'WPC1250_LATIN2', star: 'WPC1250_LATIN2' },
    ]),
  ),
  ...Object.fromEntries(
    ['ru', 'uk', 'be', 'bg', 'mk', 'sr', 'kk'].map((l) => [
      l,
      { epson: 'WPC1251_CYRILLIC', star: 'WPC1251_CYRILLIC' },
    ]),
  ),
  el: { epson: 'WPC1253_GREEK', star: 'PC737_GREEK' },
  tr: { epson: 'WPC1254_TURKISH', star: 'PC857_TURKISH' },
  az: { epson: 'WPC1254_TURKISH', star: 'PC857_TURKISH' },
};

// For an English-speaking (or unknown) locale the currency still hints at the region.
const BY_CURRENCY: Record<string, string> = {
  PLN: 'pl',
  CZK: 'cs',
  HUF: 'hu',
  RON: 'ro',
  RUB: 'ru',
  UAH: 'uk',
  BGN: 'bg',
  TRY: 'tr',
};

/** Chooses the code page for a cinema from its locale and currency; PC858 (Latin + €, £) otherwise. */
export function chooseCodePage(
  dialect: PrinterDialect,
  locale: string,
  currency: string,
): CodePageName {
  const language = (locale.split(/[-_]/)[0] ?? '').toLowerCase();
  const byLanguage = BY_LANGUAGE[language];
  if (byLanguage) return byLanguage[dialect];
  const hinted = BY_CURRENCY[currency.toUpperCase()];
  const byCurrency = hinted === undefined ? undefined : BY_LANGUAGE[hinted];
  return byCurrency ? byCurrency[dialect] : 'PC858_EURO';
}

/** Whether a dialect can select a code page at all. */
export function dialectHasCodePage(dialect: PrinterDialect, page: CodePageName): boolean {
  return SELECTORS[page][dialect] !== null;
}

// Typography and symbols no code page here has, in order of preference for the reader.
const REPLACEMENTS: Record<string, string> = {
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\u00ad': '',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': ',',
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2026': '...',
  '\u2022': '*',
  '\u00b7': '.',
  '\u2122': 'TM',
  '\u00a9': '(c)',
  '\u00ae': '(R)',
  '\u20b9': 'Rs.',
  '\u20bd': 'RUB',
  '\u20ba': 'TL',
  '\u20b4': 'UAH',
  '\u20a9': 'KRW',
  '\u20aa': 'ILS',
  '\u20ab': 'VND',
  '\u0e3f': 'THB',
  '\u20b1': 'PHP',
  '\u20a6': 'NGN',
  '\u20ac': 'EUR',
  '\u00a3': 'GBP',
  '\u00a5': 'JPY',
  '\u0131': 'i',
  '\u00df': 'ss',
  '\u0152': 'OE',
  '\u0153': 'oe',
  '\u00c6': 'AE',
  '\u00e6': 'ae',
  '\u00d8': 'O',
  '\u00f8': 'o',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u00d7': 'x',
};

/** Whether every character of `text` prints as itself in `page`. */
export function isPrintable(text: string, page: CodePageName): boolean {
  const encodable = ENCODABLE.get(page);
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x20 && cp < 0x7f) continue;
    if (!encodable?.has(ch)) return false;
  }
  return true;
}

/** Rewrites text so that every character prints in `page`: symbols spelled out, accents dropped, '?' last. */
export function toPrintable(text: string, page: CodePageName): string {
  const encodable = ENCODABLE.get(page) ?? new Set<string>();
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x20 && cp < 0x7f) out += ch;
    else if (cp < 0x20 || cp === 0x7f) out += ch === '\t' || ch === '\n' ? ' ' : '';
    // Non-breaking spaces print in some pages but would upset width arithmetic; use plain spaces.
    else if (encodable.has(ch) && cp !== 0xa0 && cp !== 0xad) out += ch;
    else out += replacementFor(ch, encodable);
  }
  return out;
}

function replacementFor(ch: string, encodable: Set<string>): string {
  const mapped = REPLACEMENTS[ch];
  if (mapped !== undefined) return mapped;
  const stripped = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  const ok =
    stripped.length > 0 &&
    Array.from(stripped).every((c) => (c >= ' ' && c < '\x7f') || encodable.has(c));
  return ok ? stripped : '?';
}
