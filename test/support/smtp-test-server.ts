// A real SMTP server for tests (smtp-server), on a port of the system's choosing: it keeps what it
// receives, parsed with mailparser, and can be told to refuse recipients or answer 4xx to data.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** How the test server behaves; change the fields while it runs. */
export type SmtpTestBehaviour = {
  /** Recipients refused at RCPT TO with this code and text. */
  refuse: Map<string, { code: number; text: string }>;
  /** When set, every DATA is answered with this code and text instead of being accepted. */
  dataReply: { code: number; text: string } | null;
};

/** A running test SMTP server. */
export type SmtpTestServer = {
  port: number;
  received: { envelopeTo: string[]; raw: Buffer; parsed: ParsedMail }[];
  behaviour: SmtpTestBehaviour;
  /** Stops listening and drops the open connections; a second call waits for the first. */
  stop(): Promise<void>;
};

function smtpError(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

/** Starts a plain (no TLS) SMTP server on 127.0.0.1; `auth` makes sign-in required. */
export async function startSmtpTestServer(
  options: { port?: number; auth?: { user: string; pass: string } } = {},
): Promise<SmtpTestServer> {
  const received: SmtpTestServer['received'] = [];
  const behaviour: SmtpTestBehaviour = { refuse: new Map(), dataReply: null };
  const auth = options.auth;
  const server = new SMTPServer({
    disabledCommands: auth === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: auth === undefined,
    allowInsecureAuth: true,
    // Pooled client connections stay open; a stopped server should not wait 30 s for them.
    closeTimeout: 50,
    logger: false,
    onAuth(login, _session, callback) {
      if (auth !== undefined && login.username === auth.user && login.password === auth.pass) {
        callback(null, { user: login.username });
      } else {
        callback(smtpError(535, 'Authentication credentials invalid'));
      }
    },
    onRcptTo(address, _session, callback) {
      const refusal = behaviour.refuse.get(address.address);
      callback(refusal === undefined ? null : smtpError(refusal.code, refusal.text));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const reply = behaviour.dataReply;
        if (reply !== null) {
          callback(smtpError(reply.code, reply.text));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            callback(null, `Ok: queued as Q${received.length}`);
          },
          (err: unknown) => callback(err as Error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    port,
    received,
    behaviour,
    stop: () => (stopped ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}
