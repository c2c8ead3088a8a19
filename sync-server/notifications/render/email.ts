// Renders a message as an email: subject, plain text and HTML made from one layout, plus the
// e-ticket PDF and calendar file for a confirmed booking.
import type { EmailContent, MessageContent } from '../types.js';
import { showIcs } from './calendar.js';
import { checkContent } from './check.js';
import { emailLayout, type EmailLayout } from './email-layout.js';
import { button, detailsTable, esc, listTable, page, paragraph, smallLink } from './html.js';
import { ticketsPdf } from './ticket-pdf.js';
import { prepare } from './vars.js';

function html(layout: EmailLayout, lang: string, fallback: string): string {
  const blocks = [
    paragraph(layout.greeting),
    ...layout.paragraphs.map(paragraph),
    layout.details.length > 0 ? detailsTable(layout.details) : '',
    ...layout.lists.map((list) => listTable(list.head, list.rows)),
    layout.total === '' ? '' : paragraph(layout.total),
    layout.note === '' ? '' : paragraph(layout.note),
    layout.action === null ? '' : button(layout.action.label, layout.action.url, fallback),
  ];
  const footer =
    esc(layout.footer) +
    (layout.unsubscribe === null
      ? ''
      : `<br>${smallLink(layout.unsubscribe.label, layout.unsubscribe.url)}`);
  return page({ lang, title: layout.subject, heading: layout.heading, blocks, footer });
}

function text(layout: EmailLayout): string {
  const lines: string[] = [layout.heading, '', layout.greeting, ''];
  for (const p of layout.paragraphs) lines.push(p, '');
  if (layout.details.length > 0) {
    for (const [label, value] of layout.details)
      if (value.trim() !== '') lines.push(`${label}: ${value}`);
    lines.push('');
  }
  for (const list of layout.lists) {
    const title = list.head.filter((h) => h !== '').join(' / ');
    lines.push(title);
    for (const row of list.rows) lines.push(`  ${row.filter((c) => c !== '').join(' · ')}`);
    lines.push('');
  }
  if (layout.total !== '') lines.push(layout.total, '');
  if (layout.note !== '') lines.push(layout.note, '');
  if (layout.action !== null) lines.push(`${layout.action.label}: ${layout.action.url}`, '');
  lines.push('--', layout.footer);
  if (layout.unsubscribe !== null)
    lines.push(`${layout.unsubscribe.label}: ${layout.unsubscribe.url}`);
  return `${lines.join('\n')}\n`;
}

/** Subject, text, HTML and attachments of one message; throws BO_VALIDATION on bad content. */
export async function renderEmail(content: MessageContent): Promise<EmailContent> {
  checkContent(content);
  const prepared = prepare(content);
  const layout = emailLayout(content, prepared);
  const lang = content.kind === 'password.reset' ? content.locale : content.facts.cinema.locale;
  const attachments: EmailContent['attachments'] = [];
  if (content.kind === 'booking.confirmed') {
    const ref = content.facts.reference.replace(/[^A-Za-z0-9_-]/g, '_');
    attachments.push(
      {
        filename: `tickets-${ref}.pdf`,
        contentType: 'application/pdf',
        content: await ticketsPdf(content.facts),
      },
      {
        filename: `${ref}.ics`,
        contentType: 'text/calendar',
        content: Buffer.from(showIcs(content.facts), 'utf8'),
      },
    );
  }
  return {
    // A header line: a newline in a film title must not start another header or fold oddly.
    subject: layout.subject.replace(/\p{Cc}+/gu, ' '),
    text: text(layout),
    html: html(layout, lang, prepared.language.labels.linkFallback),
    attachments,
  };
}
