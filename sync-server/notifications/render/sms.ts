// SMS texts: short, one message where possible, never more than three. The film title (then the
// cinema name) gives way first; the reference and the time are never cut. No links: a manage or
// reset link may carry a token, and an SMS is read on lock screens and stored by carriers.
import type { MessageContent } from '../types.js';
import { checkContent } from './check.js';
import { graphemes, plainSpaces } from './format.js';
import { smsSegments, toGsm } from './gsm.js';
import type { Vars } from './strings.js';
import { prepare } from './vars.js';

/** The most parts an SMS may take. */
export const SMS_MAX_SEGMENTS = 3;
// A title cut shorter than this says nothing; below it we accept a second part instead.
const MIN_TITLE = 12;

function shorten(text: string, length: number): string {
  const chars = graphemes(text);
  return chars.length <= length
    ? text
    : `${chars
        .slice(0, Math.max(1, length - 3))
        .join('')
        .trimEnd()}...`;
}

/** Shortens `field` until the text fits `segments` parts or the field reaches `floor` characters. */
function fitField(
  make: (v: Vars) => string,
  v: Vars,
  field: 'film' | 'cinema' | 'method',
  segments: number,
  floor: number,
): Vars {
  let current = v;
  let length = graphemes(current[field]).length;
  while (smsSegments(toGsm(make(current))).segments > segments && length > floor) {
    length -= 1;
    current = { ...current, [field]: shorten(v[field], length) };
  }
  return current;
}

/** The SMS text of a message; throws BO_VALIDATION on bad content. */
export function renderSms(content: MessageContent): string {
  checkContent(content);
  const { vars, language } = prepare(content);
  const make = language.kinds[content.kind].sms;
  const plain = Object.fromEntries(
    Object.entries(vars).map(([k, val]) => [k, typeof val === 'string' ? plainSpaces(val) : val]),
  ) as Vars;
  // Aim for one part, giving up title length down to MIN_TITLE; then make sure of the hard limit.
  let v = fitField(make, plain, 'film', 1, MIN_TITLE);
  v = fitField(make, v, 'film', SMS_MAX_SEGMENTS, 3);
  v = fitField(make, v, 'cinema', SMS_MAX_SEGMENTS, 3);
  v = fitField(make, v, 'method', SMS_MAX_SEGMENTS, 3);
  let text = toGsm(make(v));
  // Nothing left to shorten (absurd data): cut the end rather than send a fourth part.
  while (smsSegments(text).segments > SMS_MAX_SEGMENTS)
    text = shorten(text, graphemes(text).length - 1);
  return text;
}
