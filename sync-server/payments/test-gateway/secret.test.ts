// The test gateway's signing key: the configured one, or one made once and kept in server_meta, so
// every server process (and a restart) signs and checks webhooks with the same key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgDb } from '../../../db/pg/client.js';
import { freshPg } from '../../../test/support/pg.js';
import { testGatewaySecret } from './secret.js';

let db: PgDb;
beforeAll(async () => {
  ({ db } = await freshPg());
});
afterAll(async () => {
  await db.$client.end();
});

describe('test gateway secret', () => {
  it('uses the configured key and stores nothing', async () => {
    expect(await testGatewaySecret(db.$client, 'configured')).toBe('configured');
    const r = await db.$client.query("SELECT 1 FROM server_meta WHERE key = 'test_gateway_secret'");
    expect(r.rows).toHaveLength(0);
  });

  it('makes one key on first use, the same for processes starting together and after', async () => {
    const keys = await Promise.all([1, 2, 3, 4].map(() => testGatewaySecret(db.$client, '')));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(await testGatewaySecret(db.$client, '')).toBe(keys[0]);
  });
});
