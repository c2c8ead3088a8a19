// Reads a station's printer folder back as paper: every ticket printed, in which job, and whether
// it was marked REPRINT. Ticket ids come from the QR's signed code, checked with the server's key
// the station learnt (so a code that is no real ticket is reported, never counted).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { verifyTicketCode } from '../../common/ticket-code.js';
import type { PrintedTicket } from './audit-types.js';

/** The word layouts print on a copy (src-main/printing/print-labels.ts), with its number. */
const REPRINT = /(^|\s)REPRINT \d+(\s|$)/m;
const QR = /^\[QR: (\S+)\]$/gm;
const UNSIGNED = /^UNSIGNED:([0-9a-f-]{36})$/;

/** The server's public key as the station last learnt it with its certificate, or null. */
export function serverKeyOf(db: Database.Database): Uint8Array | null {
  const row = db.prepare("SELECT value FROM sync_state WHERE key = 'station_cert'").get() as
    { value: string } | undefined;
  if (row === undefined) return null;
  try {
    const cert = JSON.parse(row.value) as { serverPublicKey?: unknown };
    return typeof cert.serverPublicKey === 'string'
      ? new Uint8Array(Buffer.from(cert.serverPublicKey, 'hex'))
      : null;
  } catch {
    return null;
  }
}

/** Reads every `<n>.txt` job of `dir`: the tickets on it, and lines about codes that are not tickets. */
export async function readPrintedTickets(
  dir: string,
  serverKey: Uint8Array | null,
): Promise<{ printed: PrintedTicket[]; problems: string[] }> {
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => /^\d+\.txt$/.test(n))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const printed: PrintedTicket[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const job = name.replace(/\.txt$/, '');
    const text = await readFile(path.join(dir, name), 'utf8');
    // A job of several tickets has a cut after each; each piece is one ticket's paper. What
    // follows the last cut is paper a broken connection left unfinished (the queue prints the
    // job again): it is no ticket handed out, so it counts neither as a print nor as a copy.
    const pieces = text.split(/^\[(?:PARTIAL )?CUT\]$/m).slice(0, -1);
    for (const piece of pieces) {
      for (const [, code = ''] of piece.matchAll(QR)) {
        const ticketId = ticketIdOf(code, serverKey);
        if (ticketId === null) problems.push(`job ${job}: a QR that is not a valid ticket code`);
        else printed.push({ ticketId, job, reprint: REPRINT.test(piece) });
      }
    }
  }
  return { printed, problems };
}

function ticketIdOf(code: string, serverKey: Uint8Array | null): string | null {
  // A station without a certified key yet prints its tickets' ids unsigned (sale-prints.ts).
  const unsigned = UNSIGNED.exec(code);
  if (unsigned) return unsigned[1] ?? null;
  if (serverKey === null) return null;
  const v = verifyTicketCode(code, serverKey);
  return v.ok ? v.payload.ticketId : null;
}
