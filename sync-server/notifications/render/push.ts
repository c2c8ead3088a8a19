// In-app notification texts (the notification list and the live push): plain text, which the app
// shows as text, so nothing here is HTML-escaped; lengths are capped for the list's layout.
import type { MessageContent } from '../types.js';
import { checkContent } from './check.js';
import { graphemes } from './format.js';
import { prepare } from './vars.js';

/** Longest push title, in characters. */
export const PUSH_TITLE_MAX = 80;
/** Longest push body, in characters. */
export const PUSH_BODY_MAX = 300;

// Capped in UTF-16 units (what a JS or SQL length counts), cutting only between whole characters.
function cap(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let out = '';
  for (const g of graphemes(flat)) {
    if (out.length + g.length > max - 1) break;
    out += g;
  }
  return `${out.trimEnd()}…`;
}

/** Title and body of a message's in-app notification; throws BO_VALIDATION on bad content. */
export function renderPush(content: MessageContent): { title: string; body: string } {
  checkContent(content);
  const { vars, language } = prepare(content);
  const words = language.kinds[content.kind];
  return {
    title: cap(words.pushTitle(vars), PUSH_TITLE_MAX),
    body: cap(words.pushBody(vars), PUSH_BODY_MAX),
  };
}
