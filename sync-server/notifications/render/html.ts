// The email's HTML: a single-column, table-based, inline-styled layout because many mail clients
// drop <style> blocks and ignore flexbox. Every value from data goes through esc(); links come only
// from the URLs the message carries (checked to be http(s) before rendering).

/** Text made safe for HTML element content and quoted attributes. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const FONT = "font-family:'Helvetica Neue',Helvetica,Arial,sans-serif";
const INK = '#1f2328';
const MUTED = '#57606a';
const ACCENT = '#8b1a1a';

/** One paragraph of plain text. */
export function paragraph(text: string): string {
  return `<p style="margin:0 0 16px;${FONT};font-size:16px;line-height:24px;color:${INK}">${esc(text)}</p>`;
}

/** A label/value table (booking details); rows with an empty value are left out. */
export function detailsTable(rows: readonly (readonly [string, string])[]): string {
  const cells = rows
    .filter(([, value]) => value.trim() !== '')
    .map(
      ([label, value]) =>
        `<tr><td style="padding:6px 12px 6px 0;${FONT};font-size:14px;color:${MUTED};vertical-align:top;white-space:nowrap">${esc(label)}</td>` +
        `<td style="padding:6px 0;${FONT};font-size:14px;color:${INK};vertical-align:top">${esc(value)}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 16px;border-collapse:collapse">${cells}</table>`;
}

/** A table with a header row and right-aligned last column (tickets, items). */
export function listTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string, i: number, n: number, th: boolean): string => {
    const align = i === n - 1 ? 'right' : 'left';
    const weight = th ? 'font-weight:bold;' : '';
    return `<td align="${align}" style="padding:6px 8px;border-bottom:1px solid #d0d7de;${FONT};font-size:14px;${weight}color:${INK}">${esc(text)}</td>`;
  };
  const line = (cols: readonly string[], th: boolean): string =>
    `<tr>${cols.map((c, i) => cell(c, i, cols.length, th)).join('')}</tr>`;
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 16px;border-collapse:collapse">` +
    line(head, true) +
    rows.map((r) => line(r, false)).join('') +
    `</table>`
  );
}

/** A button-like link with the URL repeated as text for clients that block buttons. */
export function button(label: string, url: string, fallback: string): string {
  const href = esc(url);
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px"><tr>` +
    `<td bgcolor="${ACCENT}" style="border-radius:4px"><a href="${href}" style="display:inline-block;padding:12px 20px;${FONT};font-size:16px;color:#ffffff;text-decoration:none;font-weight:bold">${esc(label)}</a></td>` +
    `</tr></table>` +
    `<p style="margin:0 0 16px;${FONT};font-size:12px;line-height:18px;color:${MUTED}">${esc(fallback)}<br><a href="${href}" style="color:${ACCENT};word-break:break-all">${href}</a></p>`
  );
}

/** A small muted line (footer, unsubscribe). */
export function smallLink(label: string, url: string): string {
  return `<a href="${esc(url)}" style="color:${MUTED}">${esc(label)}</a>`;
}

/** The whole document around the blocks. */
export function page(opts: {
  lang: string;
  title: string;
  heading: string;
  blocks: string[];
  footer: string;
}): string {
  return (
    `<!DOCTYPE html><html lang="${esc(opts.lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(opts.title)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f6f8fa">` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="background:#f6f8fa"><tr><td align="center" style="padding:24px 12px">` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="600" style="max-width:600px;width:100%;background:#ffffff;border:1px solid #d0d7de;border-radius:6px">` +
    `<tr><td style="padding:20px 24px;background:${ACCENT};border-radius:6px 6px 0 0;${FONT};font-size:14px;letter-spacing:2px;color:#ffffff;font-weight:bold">MARQUEE</td></tr>` +
    `<tr><td style="padding:24px">` +
    `<h1 style="margin:0 0 16px;${FONT};font-size:22px;line-height:28px;color:${INK}">${esc(opts.heading)}</h1>` +
    opts.blocks.join('') +
    `</td></tr>` +
    `<tr><td style="padding:16px 24px;border-top:1px solid #d0d7de;${FONT};font-size:12px;line-height:18px;color:${MUTED}">${opts.footer}</td></tr>` +
    `</table></td></tr></table></body></html>`
  );
}
