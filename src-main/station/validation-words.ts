// Zod's findings in the words of the person at the counter: no schema paths ("tenders.0.amountMinor:
// Too big"), one sentence per problem that says what to do. Fields this file does not know still get
// a plain sentence built from their name.
import type { core } from 'zod';
import { COUNTER_TENDERS, TENDER_LABELS } from '../../common/tenders.js';

type Issue = core.$ZodIssue;
type Origin = string | undefined;

const TENDER_LIST = COUNTER_TENDERS.map((t) => TENDER_LABELS[t]).join(', ');
const RELOAD = 'Reload the screen (F5 in the browser, or restart the station app) and try again.';

/** What a field is called at the counter, when its camelCase name would not say it. */
const NOUNS: Record<string, string> = {
  amountMinor: 'the amount',
  float: 'the opening float',
  counted: 'the counted amount',
  reference: 'the reference',
  discountCode: 'the discount code',
  reason: 'the reason',
  note: 'the note',
  quantity: 'the quantity',
  lines: 'the basket',
  tenders: 'the payments',
  concessions: 'the food and drink',
  seatIds: 'the seats',
  ticketIds: 'the tickets',
  limit: 'the number of sales to list',
  count: 'the number of seats',
};

/** Ids the screen sends by itself: a bad one means the screen is out of date, not that the cashier typed wrong. */
const ID_FIELDS = new Set([
  'showId',
  'orderId',
  'seatId',
  'ticketTypeId',
  'itemId',
  'tillId',
  'jobId',
  'holdId',
  'categoryId',
  'id',
]);

/** Sentences for one field and kind of problem, where the generic ones would be vague. */
const SPECIAL: Record<string, Partial<Record<string, (i: Issue) => string>>> = {
  pin: { any: () => 'A PIN is 4 to 8 digits. Type your PIN again.' },
  managerPin: {
    any: () =>
      'That is not a manager’s PIN: a manager’s PIN has 6 to 8 digits. Ask the manager to type it again.',
  },
  amountMinor: {
    too_big: () => 'The amount is too large. Check the figure you typed.',
    too_small: () => 'The amount must be more than zero.',
  },
  tender: { any: () => `Choose how the customer pays: ${TENDER_LIST}.` },
  tenders: {
    too_small: () => 'Take a payment before completing the sale.',
    too_big: (i) => `A sale takes at most ${limitOf(i)} payments. Combine payments of one kind.`,
  },
  lines: {
    too_small: () => 'The basket has no seats. Pick seats first.',
    too_big: (i) => `A sale has at most ${limitOf(i)} seats. Sell the rest as a second sale.`,
  },
  reason: { too_small: () => 'Say why: a reason is needed.' },
  date: { any: () => 'Choose a date from the calendar.' },
};

function limitOf(i: Issue): string {
  const n = 'maximum' in i ? i.maximum : 'minimum' in i ? i.minimum : '';
  return String(n);
}

/** The field an issue is about: the last named key of its path (array positions skipped). */
function fieldOf(i: Issue): string | null {
  for (let k = i.path.length - 1; k >= 0; k--) {
    const key = i.path[k];
    if (typeof key !== 'string') continue;
    // A tender as the key of a float or count ({cash: …}): the amount of that tender.
    if ((COUNTER_TENDERS as readonly string[]).includes(key)) continue;
    return key;
  }
  return null;
}

function nounOf(field: string): string {
  return (
    NOUNS[field] ??
    `the ${field
      .replace(/(Minor|Id)$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()}`
  );
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function generic(i: Issue, noun: string): string {
  const origin: Origin = 'origin' in i ? String(i.origin) : undefined;
  switch (i.code) {
    case 'too_big':
      if (origin === 'string')
        return `${capital(noun)} is too long: at most ${limitOf(i)} characters.`;
      if (origin === 'array' || origin === 'set') return `${capital(noun)}: at most ${limitOf(i)}.`;
      return `${capital(noun)} is too large.`;
    case 'too_small':
      if (origin === 'string')
        return Number(limitOf(i)) <= 1
          ? `${capital(noun)} is missing. Fill it in.`
          : `${capital(noun)} is too short: at least ${limitOf(i)} characters.`;
      if (origin === 'array' || origin === 'set') return `${capital(noun)} is empty.`;
      return `${capital(noun)} is too small.`;
    case 'invalid_type':
      return 'expected' in i && i.expected === 'int'
        ? `${capital(noun)} must be a whole number.`
        : `${capital(noun)} is missing or not valid.`;
    case 'invalid_format':
    case 'invalid_value':
      return `${capital(noun)} is not valid. Check what you typed.`;
    default:
      return `${capital(noun)} is not valid.`;
  }
}

/** One problem in the cashier's words. */
export function issueWords(i: Issue): string {
  if (i.code === 'unrecognized_keys') {
    const parent = fieldOf(i);
    if (parent === 'float' || parent === 'counted')
      return `That is not a way of paying this counter takes. Use ${TENDER_LIST}.`;
    return `The screen sent something the station does not know. ${RELOAD}`;
  }
  const field = fieldOf(i);
  if (field === null) return `The screen sent a request the station cannot read. ${RELOAD}`;
  if (ID_FIELDS.has(field))
    return `The screen refers to ${nounOf(field)} that the station cannot use. ${RELOAD}`;
  const special = SPECIAL[field];
  const say = special?.[i.code] ?? special?.any;
  return say ? say(i) : generic(i, nounOf(field));
}

/** Every problem of a refused input, each said once, in the cashier's words. */
export function validationMessage(issues: readonly Issue[]): string {
  const sentences = [...new Set(issues.map(issueWords))];
  return sentences.length === 0
    ? 'Something on this screen is not valid. Check what you typed and try again.'
    : sentences.join(' ');
}
