// Phone numbers as SMS providers take them: E.164 only.

/**
 * The E.164 form of a phone number (spaces, dashes, dots and parentheses dropped, "00" read as
 * "+"), or null when it is not one. A number without a country code is not guessed: the region a
 * customer is in says nothing certain about the country of their phone, so `_defaultRegion` is
 * accepted for callers that have one but does not turn a local number into an international one.
 */
export function normalisePhone(raw: string, _defaultRegion?: string): string | null {
  // "+44 (0)7700 900123": the (0) is the trunk prefix dialled at home, never part of E.164.
  const compact = raw
    .trim()
    .replace(/^(\+\d{1,3})\s*\(0\)/, '$1')
    .replace(/[\s\-.()]/gu, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  // Country codes never start with 0; E.164 allows 15 digits, and nothing real has fewer than 8.
  return /^\+[1-9]\d{7,14}$/.test(international) ? international : null;
}
