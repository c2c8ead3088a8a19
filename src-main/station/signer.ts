// The station's Ed25519 key, certified by the server, signs the QR code of every ticket it prints,
// so door scanners holding only the server's public key can check tickets sold offline too.
import { z } from 'zod';
import {
  generateKeyPair,
  publicKeyOf,
  signTicketCode,
  verifyStationCertificate,
} from '../../common/ticket-code.js';
import type { LocalDb } from './local-db.js';
import type { SyncPort } from './ports.js';

const certSchema = z.object({
  stationId: z.string(),
  publicKey: z.string(),
  signature: z.string(),
  serverPublicKey: z.string(),
});

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

/** Key management and signing for one station. */
export function createSigner(db: LocalDb) {
  const get = (key: string) =>
    (
      db.$client.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as
        { value: string } | undefined
    )?.value;
  const put = (key: string, value: string) =>
    db.$client
      .prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  let secretHex = get('station_key');
  if (secretHex === undefined) {
    secretHex = hex(generateKeyPair().secretKey);
    put('station_key', secretHex);
  }
  const secretKey = bytes(secretHex);
  const publicKey = hex(publicKeyOf(secretKey));
  const certificate = () => {
    const raw = get('station_cert');
    if (raw === undefined) return null;
    const c = certSchema.safeParse(JSON.parse(raw));
    return c.success && c.data.publicKey === publicKey ? c.data : null;
  };

  return {
    /** True once the server has certified this station's key. */
    certified: () => certificate() !== null,
    /** The server's public key as last learnt (hex), for verifying codes offline. */
    serverPublicKey: () => certificate()?.serverPublicKey ?? null,
    /** Asks the server to certify the key if it has not yet; safe to call on every reconnect. */
    async ensureCertificate(sync: SyncPort): Promise<boolean> {
      if (certificate() !== null) return true;
      const r = await sync.request('certify', { publicKey }, 10_000);
      if (!r.ok) return false;
      const c = certSchema.safeParse(r.value);
      if (!c.success) return false;
      const ok = verifyStationCertificate(
        {
          stationId: c.data.stationId,
          publicKey: bytes(c.data.publicKey),
          signature: bytes(c.data.signature),
        },
        bytes(c.data.serverPublicKey),
      );
      if (ok) put('station_cert', JSON.stringify(c.data));
      return ok;
    },
    /** Signs a ticket code, or null before the first certification. */
    sign(t: {
      ticketId: string;
      showId: string;
      seatLabel: string;
      issuedAt: number;
    }): string | null {
      const c = certificate();
      if (c === null) return null;
      return signTicketCode(t, {
        kind: 'station',
        secretKey,
        certificate: {
          stationId: c.stationId,
          publicKey: bytes(c.publicKey),
          signature: bytes(c.signature),
        },
      });
    },
  };
}

export type Signer = ReturnType<typeof createSigner>;
