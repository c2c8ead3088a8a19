import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpSmsProvider, type SmsHttpSettings } from './sms-http.js';

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
type Reply = { status: number; json?: unknown } | 'hang';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A local provider that records each request and answers with `reply`. */
async function provider(reply: Reply): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.json ?? {}));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

function settings(url: string): SmsHttpSettings {
  return {
    smsApiUrl: url,
    smsAccountId: 'AC123',
    smsAuthToken: 'tok-secret',
    smsFrom: 'Marquee',
    smsTimeoutMs: 200,
  };
}

const sms = {
  id: 'msg-sms-1',
  to: '+44 7700 900123',
  body: 'Your show starts at 19:30 & ends 21:45',
};

describe('HTTP SMS provider', () => {
  it('POSTs the form with basic auth and an idempotency key; 201 → ok with the sid', async () => {
    const { url, seen } = await provider({
      status: 201,
      json: { sid: 'SM0001', status: 'queued' },
    });
    const result = await httpSmsProvider(settings(url)).send(sms);
    expect(result).toEqual({ ok: true, ref: 'SM0001' });
    expect(seen).toHaveLength(1);
    const request = seen[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from('AC123:tok-secret').toString('base64')}`,
    );
    expect(request?.headers['idempotency-key']).toBe('msg-sms-1');
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(request?.body);
    expect(Object.fromEntries(form)).toEqual({
      To: '+447700900123',
      From: 'Marquee',
      Body: 'Your show starts at 19:30 & ends 21:45',
    });
  });

  it('400 with a JSON message → permanent with the provider message and code', async () => {
    const { url } = await provider({
      status: 400,
      json: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 },
    });
    const result = await httpSmsProvider(settings(url)).send(sms);
    expect(result).toEqual({
      ok: false,
      permanent: true,
      reason: "SMS provider 400 (code 21211): The 'To' number is not a valid phone number.",
    });
  });

  it.each([503, 500, 429, 401])('%i → transient', async (status) => {
    const { url } = await provider({ status, json: { message: 'try later' } });
    const result = await httpSmsProvider(settings(url)).send(sms);
    expect(result).toMatchObject({
      ok: false,
      permanent: false,
      reason: expect.stringContaining(`${status}`) as string,
    });
  });

  it('a provider that never answers → transient after the timeout', async () => {
    const { url, seen } = await provider('hang');
    const result = await httpSmsProvider(settings(url)).send(sms);
    expect(result).toEqual({
      ok: false,
      permanent: false,
      reason: 'SMS provider did not answer within 200 ms',
    });
    expect(seen).toHaveLength(1);
  });

  it('nobody listening → transient', async () => {
    const { url } = await provider({ status: 201 });
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));
    const result = await httpSmsProvider(settings(url)).send(sms);
    expect(result).toMatchObject({
      ok: false,
      permanent: false,
      reason: expect.stringContaining('unreachable') as string,
    });
  });

  it('a number that is not E.164 or an empty text is permanent and sends nothing', async () => {
    const { url, seen } = await provider({ status: 201, json: { sid: 'x' } });
    const provider_ = httpSmsProvider(settings(url));
    expect(await provider_.send({ ...sms, to: '07700 900123' })).toMatchObject({
      ok: false,
      permanent: true,
    });
    expect(await provider_.send({ ...sms, body: '  ' })).toMatchObject({
      ok: false,
      permanent: true,
    });
    expect(seen).toHaveLength(0);
  });
});
