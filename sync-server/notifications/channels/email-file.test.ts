import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../config.js';
import type { OutgoingEmail } from '../types.js';
import { emailTransportOf } from './email.js';
import { fileEmailTransport } from './email-file.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');

function email(id: string): OutgoingEmail {
  return {
    id,
    to: 'ana@example.org',
    content: {
      subject: 'Booking K7Q2 confirmed',
      text: 'See you at 19:30',
      html: '<p>See you at <b>19:30</b></p>',
      attachments: [{ filename: 'tickets.pdf', contentType: 'application/pdf', content: PDF }],
    },
    headers: { 'X-Marquee-Kind': 'booking.confirmed' },
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-mail-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file email transport', () => {
  it('writes an .eml named by UTC time and id that parses back', async () => {
    const mailDir = path.join(dir, 'not-yet', 'mail');
    const transport = fileEmailTransport(
      { mailDir, mailFrom: 'Marquee <tickets@cinema.example>' },
      () => new Date('2026-03-01T18:30:05.250Z'),
    );
    const result = await transport.send(email('msg-42'));
    expect(result).toEqual({ ok: true, ref: '2026-03-01T18-30-05.250Z-msg-42.eml' });
    expect((await readdir(mailDir)).filter((f) => !f.startsWith('.'))).toEqual([
      '2026-03-01T18-30-05.250Z-msg-42.eml',
    ]);

    const raw = await readFile(path.join(mailDir, '2026-03-01T18-30-05.250Z-msg-42.eml'));
    expect(raw.includes('\r\n')).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Booking K7Q2 confirmed');
    expect(parsed.text?.trim()).toBe('See you at 19:30');
    expect(parsed.html).toBe('<p>See you at <b>19:30</b></p>');
    expect(parsed.messageId).toBe('<msg-42@cinema.example>');
    expect(parsed.headers.get('x-marquee-kind')).toBe('booking.confirmed');
    expect(parsed.to).toMatchObject({ value: [{ address: 'ana@example.org' }] });
    expect(parsed.attachments[0]?.content.equals(PDF)).toBe(true);
    await transport.close();
  });

  it('sending the same id twice, even at once, leaves one file', async () => {
    let clock = Date.parse('2026-03-01T18:30:00Z');
    const transport = fileEmailTransport(
      { mailDir: dir, mailFrom: 'tickets@cinema.example' },
      () => new Date((clock += 1000)),
    );
    const [first, second] = await Promise.all([
      transport.send(email('msg-dup')),
      transport.send(email('msg-dup')),
    ]);
    const third = await transport.send(email('msg-dup'));
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect((await transport.send(email('msg-other'))).ok).toBe(true);
    const files = (await readdir(dir)).filter((f) => !f.startsWith('.'));
    expect(files.filter((f) => f.endsWith('-msg-dup.eml'))).toHaveLength(1);
    expect(files).toHaveLength(2);
    await transport.close();
  });

  it('bad input is a permanent failure and writes nothing', async () => {
    const transport = fileEmailTransport({ mailDir: dir, mailFrom: 'tickets@cinema.example' });
    expect(await transport.send(email('../../etc/passwd'))).toMatchObject({
      ok: false,
      permanent: true,
    });
    expect(await transport.send({ ...email('msg-1'), to: 'ana@localhost' })).toMatchObject({
      ok: false,
      permanent: true,
      reason: 'recipient the domain has no dot',
    });
    expect((await readdir(dir)).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it('emailTransportOf picks the transport MAIL_TRANSPORT names and checks MAIL_FROM', () => {
    const config = loadServerConfig({}, { mailDir: dir });
    expect(emailTransportOf(config).name).toBe('file');
    const smtp = emailTransportOf({ ...config, mailTransport: 'smtp' });
    expect(smtp.name).toBe('smtp');
    void smtp.close();
    expect(() => emailTransportOf({ ...config, mailFrom: 'Marquee <nobody>' })).toThrow(
      /MAIL_FROM/,
    );
  });
});
