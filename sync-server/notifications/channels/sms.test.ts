import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../common/config-schema.js';
import { loadServerConfig } from '../../config.js';
import { normalisePhone, smsProviderOf } from './sms.js';
import { fileSmsProvider } from './sms-file.js';

describe('normalisePhone', () => {
  it.each([
    ['+44 7700 900123', '+447700900123'],
    ['+44 (0)7700 900123', '+447700900123'],
    ['0044 7700-900-123', '+447700900123'],
    ['+1 (415) 555.0100', '+14155550100'],
    ['  +49 30 1234567 ', '+49301234567'],
    ['+353871234567', '+353871234567'],
  ])('%j → %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it.each([
    '07700 900123',
    '7700900123',
    '',
    '+',
    '+44 77',
    '+0 7700 900123',
    '+44 7700 900123 ext 5',
    '+1234567890123456',
    '++447700900123',
    '+44/7700900123',
  ])('%j → null', (raw) => {
    expect(normalisePhone(raw, 'GB')).toBeNull();
  });
});

describe('file SMS sink', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'marquee-sms-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes To, From and the text once per id, named by UTC time and id', async () => {
    const smsDir = path.join(dir, 'sms');
    const sink = fileSmsProvider(
      { smsDir, smsFrom: 'Marquee' },
      () => new Date('2026-03-01T17:30:00Z'),
    );
    const message = { id: 'msg-7', to: '0044 7700 900123', body: 'Reminder: Nosferatu at 19:30' };
    const first = await sink.send(message);
    expect(first).toEqual({ ok: true, ref: '2026-03-01T17-30-00.000Z-msg-7.txt' });
    expect(await sink.send(message)).toEqual(first);
    expect((await readdir(smsDir)).filter((f) => !f.startsWith('.'))).toEqual([
      '2026-03-01T17-30-00.000Z-msg-7.txt',
    ]);
    expect(await readFile(path.join(smsDir, '2026-03-01T17-30-00.000Z-msg-7.txt'), 'utf8')).toBe(
      'To: +447700900123\nFrom: Marquee\n\nReminder: Nosferatu at 19:30\n',
    );
    expect(await sink.send({ ...message, id: 'msg-8', to: 'call me' })).toMatchObject({
      ok: false,
      permanent: true,
    });
  });

  it('smsProviderOf picks the sink SMS_PROVIDER names; http without its settings fails at start', () => {
    const config = loadServerConfig({}, { smsDir: dir });
    expect(smsProviderOf(config).name).toBe('file');
    expect(() => smsProviderOf({ ...config, smsProvider: 'http' })).toThrow(ConfigError);
    expect(() => smsProviderOf({ ...config, smsProvider: 'http' })).toThrow(/SMS_API_URL/);
    expect(() =>
      smsProviderOf({ ...config, smsProvider: 'http', smsApiUrl: 'http://127.0.0.1:9' }),
    ).toThrow(/SMS_ACCOUNT_ID/);
    const http = smsProviderOf({
      ...config,
      smsProvider: 'http',
      smsApiUrl: 'http://127.0.0.1:9',
      smsAccountId: 'AC1',
      smsAuthToken: 't',
    });
    expect(http.name).toBe('http');
  });
});
