import { describe, expect, it } from 'vitest';
import { loadServerConfig, serverConfigSpec } from '../sync-server/config.js';
import { loadStationConfig, stationConfigSpec } from '../src-main/station/config.js';
import { ConfigError, describeConfig, redactConfig } from '../common/config-schema.js';

describe('config', () => {
  it('uses defaults when the environment is empty', () => {
    const c = loadServerConfig({});
    expect(c.port).toBe(7300);
    expect(c.holdTtlSeconds).toBe(600);
    expect(loadStationConfig({}).port).toBe(7400);
  });

  it('reads and coerces environment values', () => {
    expect(loadServerConfig({ PORT: '8080', LOG_LEVEL: 'warn' })).toMatchObject({
      port: 8080,
      logLevel: 'warn',
    });
    expect(loadStationConfig({ STATION_KIOSK: 'true' }).kiosk).toBe(true);
    expect(loadStationConfig({}).paymentTerminal).toBe('none');
    expect(
      loadStationConfig({ PAYMENT_TERMINAL: 'simulated', TERMINAL_DELAY_MS: '0' }),
    ).toMatchObject({ paymentTerminal: 'simulated', terminalDelayMs: 0 });
    expect(() => loadStationConfig({ PAYMENT_TERMINAL: 'acme' })).toThrow(
      'Invalid config PAYMENT_TERMINAL="acme": none or simulated.',
    );
  });

  it('rejects a bad value with one line naming the key and what is allowed', () => {
    expect(() => loadServerConfig({ PORT: 'abc' })).toThrow(ConfigError);
    try {
      loadServerConfig({ PORT: 'abc' });
    } catch (e) {
      expect((e as Error).message).toBe('Invalid config PORT="abc": an integer from 0 to 65535.');
      expect((e as Error).message).not.toContain('\n');
    }
    expect(() => loadStationConfig({ STATION_ID: 'nope' })).toThrow(/STATION_ID/);
  });

  it('never shows a secret, even in an error', () => {
    expect(() => loadServerConfig({ DATABASE_URL: 'mysql://user:hunter2@x' })).toThrow(
      /DATABASE_URL=\(hidden\)/,
    );
    const redacted = redactConfig(
      serverConfigSpec,
      loadServerConfig({ DATABASE_URL: 'postgres://u:hunter2@h/db' }),
    );
    expect(JSON.stringify(redacted)).not.toContain('hunter2');
  });

  it('documents every key with an env var, default and description', () => {
    for (const spec of [serverConfigSpec, stationConfigSpec]) {
      for (const row of describeConfig(spec)) {
        expect(row.env).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(row.description.length).toBeGreaterThan(10);
      }
    }
  });
});
