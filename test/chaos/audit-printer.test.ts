// Reading paper back: ticket ids from signed QR codes, copies told by their REPRINT line, forged
// codes reported, and the unfinished tail of a broken job not counted.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyPair, signTicketCode } from '../../common/ticket-code.js';
import { readPrintedTickets } from './audit-printer.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'marquee-audit-paper-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const server = generateKeyPair();
const code = (ticketId: string, secretKey = server.secretKey) =>
  signTicketCode(
    { ticketId, showId: randomUUID(), seatLabel: 'A1', issuedAt: Date.now() },
    { kind: 'server', secretKey },
  );
const ticket = (qr: string, reprint?: number) =>
  [
    'Test Cinema',
    ...(reprint === undefined ? [] : [`     REPRINT ${String(reprint)} `]),
    'Screen 1',
    `[QR: ${qr}]`,
    '[CUT]',
  ].join('\n');

describe('reading a printer folder', () => {
  it('finds each ticket of each job, marks copies, reports forged codes, skips unfinished paper', async () => {
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    writeFileSync(path.join(dir, '1.txt'), `${ticket(code(a))}\n${ticket(code(b))}\n`);
    writeFileSync(path.join(dir, '2.txt'), `${ticket(code(a), 1)}\n`);
    writeFileSync(path.join(dir, '3.txt'), `${ticket(code(c, generateKeyPair().secretKey))}\n`);
    // The connection broke after the QR, before the cut: the queue prints the job again.
    writeFileSync(path.join(dir, '10.txt'), `Test Cinema\n[QR: ${code(d)}]\n`);
    writeFileSync(path.join(dir, '4.bin'), 'not read');
    const paper = await readPrintedTickets(dir, server.publicKey);
    expect(paper.printed).toEqual([
      { ticketId: a, job: '1', reprint: false },
      { ticketId: b, job: '1', reprint: false },
      { ticketId: a, job: '2', reprint: true },
    ]);
    expect(paper.problems).toEqual(['job 3: a QR that is not a valid ticket code']);
  });
});
