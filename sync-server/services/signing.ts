// The server's ticket-signing key: from config, or generated once and kept in server_meta.
import type pg from 'pg';
import { certifyStationKey, generateKeyPair, publicKeyOf } from '../../common/ticket-code.js';
import { BoError } from '../../common/errors.js';

const META_KEY = 'ticket_signing_key';
const cache = new Map<string, Uint8Array>();

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** The secret key (32 bytes); the first call may generate and store it. */
export async function signingKey(pool: pg.Pool, configured: string): Promise<Uint8Array> {
  if (configured !== '') return Buffer.from(configured, 'hex');
  const hit = cache.get(META_KEY);
  if (hit) return hit;
  const fresh = hex(generateKeyPair().secretKey);
  // Two processes starting at once agree on whichever key was stored first.
  await pool.query(
    'INSERT INTO server_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
    [META_KEY, fresh],
  );
  const r = await pool.query<{ value: string }>('SELECT value FROM server_meta WHERE key = $1', [
    META_KEY,
  ]);
  const key = Buffer.from(r.rows[0]?.value ?? fresh, 'hex');
  cache.set(META_KEY, key);
  return key;
}

/** The public key (hex) stations and door scanners verify with. */
export async function signingPublicKeyHex(pool: pg.Pool, configured: string): Promise<string> {
  return hex(publicKeyOf(await signingKey(pool, configured)));
}

/** Certifies a station's public key so its offline ticket codes verify everywhere. */
export async function certifyStation(
  pool: pg.Pool,
  configured: string,
  stationId: string,
  publicKeyHex: string,
): Promise<{ stationId: string; publicKey: string; signature: string; serverPublicKey: string }> {
  const pub = Buffer.from(publicKeyHex, 'hex');
  if (pub.length !== 32)
    throw new BoError('BO_VALIDATION', 'A station public key is 32 bytes of hex.');
  const secret = await signingKey(pool, configured);
  const cert = certifyStationKey(stationId, pub, secret);
  return {
    stationId,
    publicKey: hex(cert.publicKey),
    signature: hex(cert.signature),
    serverPublicKey: hex(publicKeyOf(secret)),
  };
}

/** Forgets the cached key (tests). */
export function clearSigningCache(): void {
  cache.clear();
}
