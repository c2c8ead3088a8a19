// SMS length rules (GSM 03.38): a text in the GSM 7-bit alphabet fits 160 characters in one message
// (153 per part when split), extension characters count twice; one character outside it switches
// the whole text to UCS-2, 70 per message (67 per part).

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENDED = '^{}\\[~]|€\f';
const basic = new Set(BASIC);
const extended = new Set(EXTENDED);

/** True when the character is in the GSM 7-bit alphabet (basic or extension table). */
export function isGsm(char: string): boolean {
  return basic.has(char) || extended.has(char);
}

/** How the text is encoded and how many parts it takes. */
export function smsSegments(text: string): {
  encoding: 'gsm' | 'ucs2';
  units: number;
  segments: number;
} {
  const chars = Array.from(text);
  if (chars.every(isGsm)) {
    const units = chars.reduce((n, c) => n + (extended.has(c) ? 2 : 1), 0);
    return { encoding: 'gsm', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  // UCS-2 counts UTF-16 code units: an emoji outside the BMP takes two.
  const units = text.length;
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

// Typography that looks the same in GSM: keeps a title with a curly quote or a dash in one message.
const LOOKALIKES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u00b7': '-',
  '\u00d7': 'x',
  '\u2212': '-',
};

/** The text with characters outside GSM replaced by look-alikes or their unaccented letter where one exists. */
export function toGsm(text: string): string {
  let out = '';
  for (const c of text) {
    if (isGsm(c)) out += c;
    else if (Object.hasOwn(LOOKALIKES, c)) out += LOOKALIKES[c] ?? c;
    else {
      const bare = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += Array.from(bare).every(isGsm) && bare !== '' ? bare : c;
    }
  }
  return out;
}
