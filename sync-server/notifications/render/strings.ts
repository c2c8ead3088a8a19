// The shape of one language's words for every message, and the pick of a language by locale. Only
// English exists today; a new language is one more table of this shape (strings-en.ts is the model).
import type { NotificationKind } from '../types.js';
import { EN } from './strings-en.js';

/** The values a message's words are made from, already formatted for the cinema (plain text). */
export type Vars = {
  /** Greeting name; empty when unknown. */
  name: string;
  film: string;
  /** Full local date and time of the show. */
  when: string;
  /** Short local date and time, for SMS and push. */
  whenShort: string;
  reference: string;
  cinema: string;
  screen: string;
  /** Seats, e.g. "F12, F13". */
  seats: string;
  /** The kind's main amount (refund, total) formatted; empty when none. */
  amount: string;
  /** A fee kept back, formatted; empty when none. */
  fee: string;
  /** How money goes back, e.g. "the card you paid with". */
  method: string;
  /** Why it happened, already in words. */
  reason: string;
  /** Local deadline to pay, in full; empty when none. */
  payBy: string;
  /** The same deadline, short, for SMS and push. */
  payByShort: string;
  /** Validity of a reset link in minutes. */
  minutes: number;
  /** A moved show's earlier start, in full and short; empty otherwise. */
  was: string;
  wasShort: string;
  /** The cinema's reply to the customer's feedback. */
  reply: string;
  /** True when money was paid (show cancelled). */
  paid: boolean;
};

/** The words of one kind of message on every channel. */
export type KindStrings = {
  /** Email subject line. */
  subject: (v: Vars) => string;
  /** The big line at the top of the email. */
  heading: (v: Vars) => string;
  /** Email paragraphs, plain text (escaped when put into HTML). */
  body: (v: Vars) => string[];
  /** Label of the email's link button, if it has one. */
  action: string | null;
  /** The whole SMS. */
  sms: (v: Vars) => string;
  /** In-app notification title. */
  pushTitle: (v: Vars) => string;
  /** In-app notification body. */
  pushBody: (v: Vars) => string;
};

/** Every word of one language. */
export type Language = {
  /** Labels shared by all kinds (the booking details block, footer). */
  labels: {
    greeting: (name: string) => string;
    reference: string;
    film: string;
    when: string;
    cinema: string;
    screen: string;
    seats: string;
    ticket: string;
    price: string;
    items: string;
    discount: string;
    total: string;
    inclTax: (tax: string) => string;
    attached: string;
    linkFallback: string;
    footer: (cinema: string | null) => string;
    unsubscribe: string;
  };
  /** Refund reasons (booking.refunded) by code; `other` for unknown codes. */
  refundReasons: Record<string, string> & { other: string };
  /** Payment failure reasons by provider code; `other` for unknown codes. */
  paymentReasons: Record<string, string> & { other: string };
  kinds: Record<NotificationKind, KindStrings>;
};

/** The language for a locale; English until another table is added. */
export function languageFor(_locale: string): Language {
  return EN;
}

/** A reason code in words, falling back to the table's `other`. */
export function reasonText(
  table: Record<string, string> & { other: string },
  code: string,
): string {
  return Object.hasOwn(table, code) ? (table[code] ?? table.other) : table.other;
}
