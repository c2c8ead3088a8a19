// What the paper would show, as plain text: for the virtual printer's .txt files and previews.
import type { DecodedDocument, DecodedItem } from './escpos-types.js';

/** Rendering options; width defaults to the widest line, between 32 and 64 columns. */
export type RenderOptions = { width?: number };

/** Renders a decoded document as text with [QR: …], [CUT] and [DRAWER pin n] markers. */
export function renderDocumentText(doc: DecodedDocument, options: RenderOptions = {}): string {
  const width = options.width ?? inferWidth(doc.items);
  const out: string[] = [];
  for (const item of doc.items) {
    switch (item.kind) {
      case 'text': {
        const used = item.text.length * item.style.widthScale;
        const pad =
          item.align === 'center'
            ? Math.floor((width - used) / 2)
            : item.align === 'right'
              ? width - used
              : 0;
        // Double-width text is spread so the .txt keeps its proportions.
        const shown =
          item.style.widthScale > 1
            ? Array.from(item.text).join(' '.repeat(item.style.widthScale - 1))
            : item.text;
        out.push((' '.repeat(Math.max(0, pad)) + shown).trimEnd());
        break;
      }
      // Printers feed several lines before a cut; more than two blank lines only stretch the file.
      case 'feed':
        for (let i = 0; i < Math.min(item.lines, 2); i++) out.push('');
        break;
      case 'cut':
        out.push(item.partial ? '[PARTIAL CUT]' : '[CUT]');
        break;
      case 'qr':
        out.push(`[QR: ${item.data}]`);
        break;
      case 'barcode':
        out.push(`[BARCODE ${item.symbology}: ${item.data}]`);
        break;
      case 'image':
        out.push(`[IMAGE ${item.widthDots}x${item.heightDots}]`);
        break;
      case 'drawer':
        out.push(`[DRAWER pin ${item.pin}]`);
        break;
      case 'beep':
        out.push('[BEEP]');
        break;
      case 'codepage':
        break;
    }
  }
  for (const warning of doc.warnings) out.push(`[WARNING: ${warning}]`);
  return out.join('\n') + '\n';
}

function inferWidth(items: DecodedItem[]): number {
  let widest = 0;
  for (const item of items)
    if (item.kind === 'text') widest = Math.max(widest, item.text.length * item.style.widthScale);
  return Math.min(64, Math.max(32, widest));
}
