// Printer settings as a manager enters them, validated once with zod so a typo in a host or port
// becomes BO_PRINTER_SETTINGS_INVALID instead of a socket error at the first sale.
import { z } from 'zod';

/** Where the bytes go: a network printer (raw port 9100) or a device file. */
export type PrinterTarget =
  { kind: 'tcp'; host: string; port: number } | { kind: 'device'; path: string };

const TCP_RE = /^tcp:\/\/(\[[^\]]*\]|[^\s/:[\]]+)(?::(\d{1,5}))?\/?$/i;
const HOSTNAME_LABEL_RE = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const IPV6_RE = /^[0-9a-f:.]+$/i;

/** Parses "tcp://host[:port]" or an absolute device path; null when it is neither. */
export function parsePrinterInterface(text: string): PrinterTarget | null {
  const tcp = TCP_RE.exec(text);
  if (tcp) {
    const rawHost = tcp[1] ?? '';
    const port = tcp[2] === undefined ? 9100 : Number(tcp[2]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
    if (rawHost.startsWith('[')) {
      const v6 = rawHost.slice(1, -1);
      return IPV6_RE.test(v6) && v6.split(':').length >= 3 ? { kind: 'tcp', host: v6, port } : null;
    }
    return isHostname(rawHost) ? { kind: 'tcp', host: rawHost, port } : null;
  }
  if (text.includes('\0') || /^[a-z]+:\/\//i.test(text)) return null;
  // POSIX device paths (/dev/usb/lp0) and Windows device or share paths (\\.\COM1, \\host\printer).
  if (/^\/.+/.test(text) || /^\\\\[^\\]+\\[^\\]+/.test(text)) return { kind: 'device', path: text };
  return null;
}

function isHostname(host: string): boolean {
  if (/^[\d.]+$/.test(host)) {
    const parts = host.split('.');
    return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
  }
  return host.length <= 253 && host.split('.').every((label) => HOSTNAME_LABEL_RE.test(label));
}

/** The settings of one printer. */
export const printerSettingsSchema = z.object({
  /** "tcp://host:port" (port defaults to 9100) or a device path such as /dev/usb/lp0. */
  interface: z
    .string()
    .trim()
    .refine((s) => parsePrinterInterface(s) !== null, {
      message: 'expected tcp://host:port (port 1-65535) or an absolute device path',
    }),
  /** Command set: Epson ESC/POS or Star Line Mode. */
  type: z.enum(['epson', 'star']),
  /** Paper width: 58 mm (32 columns) or 80 mm (48 columns). */
  widthMm: z.union([z.literal(58), z.literal(80)], { message: 'paper width must be 58 or 80 mm' }),
  /** Which pin of the drawer port opens the cash drawer. */
  drawerPin: z
    .union([z.literal(2), z.literal(5)], { message: 'drawer pin must be 2 or 5' })
    .default(2),
  /** Connect, write and status-answer timeout. */
  timeoutMs: z.number().int().min(100).max(60_000).default(3000),
  /** How long to wait for a DLE EOT status answer before printing anyway; 0 skips the status check. */
  statusTimeoutMs: z.number().int().min(0).max(10_000).default(300),
});

/** Validated printer settings, defaults applied. */
export type PrinterSettings = z.output<typeof printerSettingsSchema>;

/** Printer settings as entered, before defaults. */
export type PrinterSettingsInput = z.input<typeof printerSettingsSchema>;

/** Stable error codes of the printing layer. */
export type PrinterErrorCode =
  | 'BO_PRINTER_SETTINGS_INVALID'
  | 'BO_PRINTER_UNREACHABLE'
  | 'BO_PRINTER_PAPER_OUT'
  | 'BO_PRINTER_FAILED';

/** A printing error as it crosses to the print queue and the UI. */
export type PrinterError = { code: PrinterErrorCode; message: string };

/** Validates settings; the error names every bad field. */
export function parsePrinterSettings(
  input: unknown,
):
  { ok: true; value: PrinterSettings; target: PrinterTarget } | { ok: false; error: PrinterError } {
  const parsed = printerSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`)
      .join('; ');
    return { ok: false, error: { code: 'BO_PRINTER_SETTINGS_INVALID', message } };
  }
  const target = parsePrinterInterface(parsed.data.interface);
  if (!target)
    return {
      ok: false,
      error: { code: 'BO_PRINTER_SETTINGS_INVALID', message: 'interface: not a printer address' },
    };
  return { ok: true, value: parsed.data, target };
}
