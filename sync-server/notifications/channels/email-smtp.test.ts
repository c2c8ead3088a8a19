import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmailTransport, OutgoingEmail, SendResult } from '../types.js';
import {
  classifySmtpError,
  smtpEmailTransport,
  smtpOptionsOf,
  type SmtpSettings,
} from './email-smtp.js';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from '../../../test/support/smtp-test-server.js';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 256)),
  Buffer.from('\n%%EOF\n'),
]);

function settings(port: number, extra: Partial<SmtpSettings> = {}): SmtpSettings {
  return {
    mailFrom: 'Marquee Tickets <tickets@cinema.example>',
    smtpHost: '127.0.0.1',
    smtpPort: port,
    smtpSecurity: 'none',
    smtpUser: '',
    smtpPassword: '',
    smtpTimeoutMs: 5_000,
    ...extra,
  };
}

function email(id: string, to = 'ana@example.org'): OutgoingEmail {
  return {
    id,
    to,
    content: {
      subject: 'Your tickets for Nosferatu — ÄÖ',
      text: 'Row F, seat 7',
      html: '<p>Row F, seat <b>7</b></p>',
      attachments: [{ filename: 'tickets.pdf', contentType: 'application/pdf', content: PDF }],
    },
    headers: {
      'List-Unsubscribe': '<https://cinema.example/u/abc>',
      'X-Marquee-Kind': 'booking.confirmed',
    },
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(
  options: Parameters<typeof startSmtpTestServer>[0] = {},
): Promise<SmtpTestServer> {
  const server = await startSmtpTestServer(options);
  cleanups.push(() => server.stop());
  return server;
}

function transportTo(port: number, extra: Partial<SmtpSettings> = {}): EmailTransport {
  const transport = smtpEmailTransport(
    settings(port, extra),
    () => new Date('2026-03-01T18:30:00Z'),
  );
  cleanups.push(() => transport.close());
  return transport;
}

describe('SMTP transport', () => {
  it('delivers subject, text, html, the PDF, the Message-ID and custom headers', async () => {
    const server = await start();
    const result = await transportTo(server.port).send(email('msg-0001'));
    expect(result).toEqual({ ok: true, ref: expect.stringContaining('queued as Q1') as string });
    expect(server.received).toHaveLength(1);
    const [{ parsed, envelopeTo }] = server.received as [SmtpTestServer['received'][number]];
    expect(envelopeTo).toEqual(['ana@example.org']);
    expect(parsed.subject).toBe('Your tickets for Nosferatu — ÄÖ');
    expect(parsed.text?.trim()).toBe('Row F, seat 7');
    expect(parsed.html).toBe('<p>Row F, seat <b>7</b></p>');
    expect(parsed.messageId).toBe('<msg-0001@cinema.example>');
    expect(parsed.from?.value[0]).toMatchObject({
      name: 'Marquee Tickets',
      address: 'tickets@cinema.example',
    });
    expect(parsed.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe(
      'List-Unsubscribe: <https://cinema.example/u/abc>',
    );
    expect(parsed.headers.get('x-marquee-kind')).toBe('booking.confirmed');
    expect(parsed.date?.toISOString()).toBe('2026-03-01T18:30:00.000Z');
    expect(parsed.attachments).toHaveLength(1);
    const pdf = parsed.attachments[0];
    expect(pdf?.filename).toBe('tickets.pdf');
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.content.equals(PDF)).toBe(true);
  });

  it('signs in when a user is set, and a wrong password is retried rather than dropped', async () => {
    const server = await start({ auth: { user: 'relay', pass: 's3cret' } });
    const good = await transportTo(server.port, { smtpUser: 'relay', smtpPassword: 's3cret' }).send(
      email('msg-auth'),
    );
    expect(good.ok).toBe(true);
    expect(server.received[0]?.parsed.messageId).toBe('<msg-auth@cinema.example>');

    const bad = await transportTo(server.port, { smtpUser: 'relay', smtpPassword: 'nope' }).send(
      email('msg-auth-2'),
    );
    expect(bad).toMatchObject({
      ok: false,
      permanent: false,
      reason: expect.stringContaining('535') as string,
    });
    expect(server.received).toHaveLength(1);
  });

  it('a recipient refused with 550 is a permanent failure carrying the server text', async () => {
    const server = await start();
    server.behaviour.refuse.set('gone@example.org', { code: 550, text: 'No such user here' });
    const result = await transportTo(server.port).send(email('msg-550', 'gone@example.org'));
    expect(result).toMatchObject({ ok: false, permanent: true });
    expect(!result.ok && result.reason).toContain('No such user here');
    expect(server.received).toHaveLength(0);
  });

  it('a server answering 451 is a transient failure', async () => {
    const server = await start();
    server.behaviour.dataReply = { code: 451, text: 'Local error in processing' };
    const result = await transportTo(server.port).send(email('msg-451'));
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.reason).toContain('451');
  });

  it('a stopped server is transient, and delivery works again once it is back on the same port', async () => {
    const server = await start();
    const transport = transportTo(server.port);
    expect((await transport.send(email('msg-before'))).ok).toBe(true);
    await server.stop();

    const down = await transport.send(email('msg-down'));
    expect(down).toMatchObject({ ok: false, permanent: false });
    expect(!down.ok && down.reason).toMatch(/ECONNREFUSED/);

    const again = await start({ port: server.port });
    // The pool may still hold a connection the old server dropped: allow the worker's kind of retry.
    let result: SendResult = down;
    const deadline = Date.now() + 10_000;
    while (!result.ok && Date.now() < deadline) result = await transport.send(email('msg-down'));
    expect(result.ok).toBe(true);
    expect(again.received.map((r) => r.parsed.messageId)).toEqual(['<msg-down@cinema.example>']);
  });

  it('refuses bad input without contacting the server', async () => {
    const server = await start();
    const transport = transportTo(server.port);
    expect(await transport.send(email('msg-x', 'not-an-address'))).toMatchObject({
      ok: false,
      permanent: true,
    });
    expect(await transport.send(email('../escape'))).toMatchObject({ ok: false, permanent: true });
    expect(
      await transport.send({
        ...email('msg-y'),
        headers: { 'X-Evil': 'a\r\nBcc: all@example.org' },
      }),
    ).toMatchObject({ ok: false, permanent: true });
    expect(
      await transport.send({ ...email('msg-z'), headers: { 'Message-ID': '<other@x.example>' } }),
    ).toMatchObject({ ok: false, permanent: true });
    expect(server.received).toHaveLength(0);
  });
});

describe('SMTP security and timeouts', () => {
  it('maps SMTP_SECURITY and SMTP_USER onto nodemailer', () => {
    expect(smtpOptionsOf(settings(465, { smtpSecurity: 'tls' }))).toMatchObject({
      secure: true,
      requireTLS: false,
      ignoreTLS: false,
      auth: undefined,
    });
    expect(
      smtpOptionsOf(settings(587, { smtpSecurity: 'starttls', smtpUser: 'u', smtpPassword: 'p' })),
    ).toMatchObject({
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
      auth: { user: 'u', pass: 'p' },
    });
    expect(smtpOptionsOf(settings(25, { smtpTimeoutMs: 1234 }))).toMatchObject({
      pool: true,
      ignoreTLS: true,
      connectionTimeout: 1234,
      greetingTimeout: 1234,
      socketTimeout: 1234,
    });
  });

  it('starttls refuses to go on with a server that offers no TLS (transient, nothing sent)', async () => {
    const server = await start();
    const result = await transportTo(server.port, { smtpSecurity: 'starttls' }).send(
      email('msg-tls'),
    );
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(server.received).toHaveLength(0);
  });

  it('a server that never greets is transient after the timeout', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const port = (silent.address() as AddressInfo).port;
    const result = await transportTo(port, { smtpTimeoutMs: 200 }).send(email('msg-silent'));
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.reason).toMatch(/ETIMEDOUT|timed? ?out|Greeting/i);
  });
});

describe('classifySmtpError', () => {
  const cases: [string, object, boolean][] = [
    [
      '553 mailbox name not allowed',
      { code: 'EENVELOPE', responseCode: 553, response: '553 no' },
      true,
    ],
    ['554 transaction failed', { code: 'EMESSAGE', responseCode: 554, response: '554 spam' }, true],
    ['envelope without a reply', { code: 'EENVELOPE', message: 'No recipients defined' }, true],
    [
      '421 service not available',
      { code: 'EPROTOCOL', responseCode: 421, response: '421 bye' },
      false,
    ],
    ['450 mailbox busy', { code: 'EENVELOPE', responseCode: 450, response: '450 busy' }, false],
    [
      '452 insufficient storage',
      { code: 'EMESSAGE', responseCode: 452, response: '452 full' },
      false,
    ],
    ['503 bad sequence', { code: 'EPROTOCOL', responseCode: 503, response: '503 order' }, false],
    [
      'refused connection',
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'refused' },
      false,
    ],
    ['reset connection', { code: 'ECONNRESET', message: 'reset' }, false],
    ['greeting timeout', { code: 'ETIMEDOUT', message: 'Greeting never received' }, false],
    ['DNS failure', { code: 'EDNS', message: 'getaddrinfo ENOTFOUND' }, false],
    ['STARTTLS not offered', { code: 'ETLS', command: 'STARTTLS', responseCode: 500 }, false],
    ['554 at the greeting', { code: 'EPROTOCOL', command: 'CONN', responseCode: 554 }, false],
    ['something unknown', new Error('surprise'), false],
  ];
  it.each(cases)('%s', (_name, error, isPermanent) => {
    expect(classifySmtpError(error)).toMatchObject({ ok: false, permanent: isPermanent });
  });
});
