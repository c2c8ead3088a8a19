// What an email says, independent of HTML or text: the two renderings are made from this one
// structure so they never disagree.
import type { BookingFacts, MessageContent } from '../types.js';
import { formatLine, money, seatText, type Place } from './format.js';
import type { Prepared } from './vars.js';
import { listedTickets } from './vars.js';

/** A table with a header row. */
export type ListBlock = { head: string[]; rows: string[][] };

/** The parts of one email. */
export type EmailLayout = {
  subject: string;
  heading: string;
  greeting: string;
  paragraphs: string[];
  details: [string, string][];
  lists: ListBlock[];
  /** Total line, e.g. "Total £19.00 (incl. £3.17 tax)"; empty when none. */
  total: string;
  note: string;
  action: { label: string; url: string } | null;
  footer: string;
  unsubscribe: { label: string; url: string } | null;
};

function details(p: Prepared, facts: BookingFacts, withSeats: boolean): [string, string][] {
  const l = p.language.labels;
  const cert = facts.show.certification.trim();
  const film = cert === '' ? facts.show.movieTitle : `${facts.show.movieTitle} (${cert})`;
  const screen = [facts.show.screenName, formatLine(facts.show)]
    .filter((s) => s !== '')
    .join(' · ');
  const rows: [string, string][] = [
    [l.reference, facts.reference],
    [l.film, film],
    [l.when, p.vars.when],
    [l.cinema, [facts.cinema.name, facts.cinema.address].filter((s) => s !== '').join(', ')],
    [l.screen, screen],
  ];
  if (withSeats) rows.push([l.seats, p.vars.seats]);
  return rows;
}

function ticketLists(p: Prepared, place: Place, facts: BookingFacts): ListBlock[] {
  const l = p.language.labels;
  const lists: ListBlock[] = [
    {
      head: [l.ticket, '', l.price],
      rows: listedTickets(facts).map((t) => [
        seatText(t),
        t.ticketTypeName,
        money(place, t.priceMinor),
      ]),
    },
  ];
  if (facts.items.length > 0) {
    lists.push({
      head: [l.items, '', ''],
      rows: facts.items.map((i) => [i.name, `× ${i.quantity}`, money(place, i.totalMinor)]),
    });
  }
  if (facts.discountMinor > 0) {
    lists.push({
      head: [l.discount, '', ''],
      rows: [['', '', `−${money(place, facts.discountMinor)}`]],
    });
  }
  return lists;
}

function actionUrl(content: MessageContent): string | null {
  return content.kind === 'password.reset' ? content.resetUrl : content.facts.manageUrl;
}

/** The layout of one message's email. */
export function emailLayout(content: MessageContent, p: Prepared): EmailLayout {
  const words = p.language.kinds[content.kind];
  const l = p.language.labels;
  const url = actionUrl(content);
  const action = words.action === null || url === null ? null : { label: words.action, url };
  const base: EmailLayout = {
    subject: words.subject(p.vars),
    heading: words.heading(p.vars),
    greeting: l.greeting(p.vars.name),
    paragraphs: words.body(p.vars),
    details: [],
    lists: [],
    total: '',
    note: '',
    action,
    footer: l.footer(content.kind === 'password.reset' ? null : content.facts.cinema.name),
    unsubscribe: null,
  };
  if (content.kind === 'password.reset' || p.place === null) return base;
  const facts = content.facts;
  const confirmed = content.kind === 'booking.confirmed';
  return {
    ...base,
    details: details(p, facts, !confirmed),
    lists: confirmed ? ticketLists(p, p.place, facts) : [],
    total: confirmed
      ? `${l.total} ${money(p.place, facts.totalMinor)} (${l.inclTax(money(p.place, facts.taxMinor))})`
      : '',
    note: confirmed ? l.attached : '',
    unsubscribe:
      content.kind === 'show.reminder' && content.unsubscribeUrl !== null
        ? { label: l.unsubscribe, url: content.unsubscribeUrl }
        : null,
  };
}
