// The renderer's print preview: the job is built into exactly the bytes the queue would send and
// read back with the ESC/POS decoder, so the preview cannot drift from what the paper shows.
import { decodeEscPos } from './escpos-decoder.js';
import { renderDocumentText } from './escpos-render.js';
import type { DecodedItem } from './escpos-types.js';
import { CHARS_PER_LINE, type LayoutPrinter } from './print-builder.js';
import type { PrintLabels } from './print-labels.js';
import { buildJobBytes, InvalidPrintJobError } from './print-queue-layout.js';
import type { PrintJobKind, PrintJobPayloads } from './print-queue-types.js';
import {
  parsePrinterSettings,
  type PrinterError,
  type PrinterSettingsInput,
} from './printer-settings.js';

/** What the paper would show. */
export type JobPreview = {
  /** The whole document as monospace text, with [QR: …], [CUT] and [DRAWER pin n] markers. */
  text: string;
  /** `text` split into lines. */
  lines: string[];
  /** The decoded items (text lines with alignment and style, QR codes, cuts) for a richer rendering. */
  items: DecodedItem[];
  /** Columns of the paper. */
  widthChars: number;
  /** Anything the decoder did not understand; empty for every layout we ship. */
  warnings: string[];
};

/** Preview outcome: invalid settings or data come back as a coded error, never thrown. */
export type JobPreviewResult =
  | { ok: true; value: JobPreview }
  | { ok: false; error: { code: PrinterError['code'] | 'BO_PRINT_JOB_INVALID'; message: string } };

/** Options of a preview: the reprint number the job row would carry, and the cinema's labels. */
export type JobPreviewOptions = { reprint?: number; labels?: Partial<PrintLabels> };

/**
 * Renders a job as the configured printer would print it. `printer` is the printer settings (as
 * the queue reads them) or just the paper and command set, for a preview without a printer.
 */
export function previewJob<K extends PrintJobKind>(
  kind: K,
  payload: PrintJobPayloads[K],
  printer: PrinterSettingsInput | LayoutPrinter,
  options: JobPreviewOptions = {},
): JobPreviewResult {
  const target = layoutPrinter(printer);
  if (!target.ok) return target;
  let bytes: Buffer;
  try {
    bytes = buildJobBytes(kind, payload, target.value, options.reprint ?? 0, options.labels);
  } catch (err) {
    const message =
      err instanceof InvalidPrintJobError
        ? err.message
        : `layout failed: ${err instanceof Error ? err.message : String(err)}`;
    return { ok: false, error: { code: 'BO_PRINT_JOB_INVALID', message } };
  }
  const document = decodeEscPos(bytes, { dialect: target.value.type });
  const widthChars = CHARS_PER_LINE[target.value.widthMm];
  const text = renderDocumentText(document, { width: widthChars });
  return {
    ok: true,
    value: {
      text,
      lines: text.replace(/\n$/, '').split('\n'),
      items: document.items,
      widthChars,
      warnings: document.warnings,
    },
  };
}

function layoutPrinter(
  printer: PrinterSettingsInput | LayoutPrinter,
): { ok: true; value: LayoutPrinter } | { ok: false; error: PrinterError } {
  if (!('interface' in printer)) return { ok: true, value: printer };
  const parsed = parsePrinterSettings(printer);
  if (!parsed.ok) return parsed;
  const { type, widthMm, drawerPin } = parsed.value;
  return { ok: true, value: { type, widthMm, drawerPin } };
}
