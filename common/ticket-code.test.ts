import { describe, expect, it } from 'vitest';
import {
  certifyStationKey,
  decodeBase64Url,
  encodeBase64Url,
  generateKeyPair,
  signTicketCode,
  verifyStationCertificate,
  verifyTicketCode,
  type TicketSigner,
} from './ticket-code.js';

const server = generateKeyPair();
const station = generateKeyPair();
const certificate = certifyStationKey(
  '5b7e3c1a-0d2f-4e8a-9c41-7a6b2e9f0d13',
  station.publicKey,
  server.secretKey,
);
const serverSigner: TicketSigner = { kind: 'server', secretKey: server.secretKey };
const stationSigner: TicketSigner = { kind: 'station', secretKey: station.secretKey, certificate };
const payload = {
  ticketId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  showId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  seatLabel: 'H12',
  issuedAt: Date.UTC(2025, 2, 14, 18, 5, 30, 123),
};

/** Every code that differs from `code` in exactly one character of the base64url alphabet. */
function oneCharFlips(code: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i++) {
    const alt = code[i] === 'A' ? 'B' : 'A';
    out.push(code.slice(0, i) + alt + code.slice(i + 1));
  }
  return out;
}

describe('ticket code', () => {
  it('round-trips a server-signed code', () => {
    const code = signTicketCode(payload, serverSigner);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(verifyTicketCode(code, server.publicKey)).toEqual({
      ok: true,
      payload: { ...payload, kid: 'srv' },
    });
  });

  it('round-trips a station-certified code with only the server public key', () => {
    const code = signTicketCode(payload, stationSigner);
    expect(code.length).toBeLessThan(300);
    const result = verifyTicketCode(code, server.publicKey);
    expect(result).toEqual({ ok: true, payload: { ...payload, kid: certificate.stationId } });
  });

  it('keeps non-UUID ids and unicode seat labels intact', () => {
    const p = { ticketId: 'T-000123', showId: 'SHOW-9', seatLabel: 'Balcón A·3', issuedAt: 0 };
    const code = signTicketCode(p, serverSigner);
    expect(verifyTicketCode(code, server.publicKey)).toEqual({
      ok: true,
      payload: { ...p, kid: 'srv' },
    });
    const upper = { ...payload, ticketId: payload.ticketId.toUpperCase() };
    const r = verifyTicketCode(signTicketCode(upper, serverSigner), server.publicKey);
    expect(r.ok && r.payload.ticketId).toBe(upper.ticketId);
  });

  it('rejects every single-character change', () => {
    for (const signer of [serverSigner, stationSigner]) {
      const code = signTicketCode(payload, signer);
      for (const flipped of oneCharFlips(code)) {
        const r = verifyTicketCode(flipped, server.publicKey);
        expect(r.ok, `flip accepted: ${flipped}`).toBe(false);
      }
    }
  });

  it('rejects every single-bit change of the decoded bytes', () => {
    const bytes = decodeBase64Url(signTicketCode(payload, stationSigner));
    if (!bytes) throw new Error('code did not decode');
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const copy = bytes.slice();
        copy[i] = (copy[i] ?? 0) ^ (1 << bit);
        expect(verifyTicketCode(encodeBase64Url(copy), server.publicKey).ok).toBe(false);
      }
    }
  });

  it('rejects codes signed by a foreign server or a station certified by one', () => {
    const foreign = generateKeyPair();
    const foreignSigned = signTicketCode(payload, { kind: 'server', secretKey: foreign.secretKey });
    expect(verifyTicketCode(foreignSigned, server.publicKey)).toMatchObject({
      ok: false,
      error: { code: 'BO_TICKET_CODE_INVALID' },
    });
    const foreignCert = certifyStationKey('rogue', station.publicKey, foreign.secretKey);
    expect(verifyStationCertificate(foreignCert, server.publicKey)).toBe(false);
    const rogue = signTicketCode(payload, {
      kind: 'station',
      secretKey: station.secretKey,
      certificate: foreignCert,
    });
    expect(verifyTicketCode(rogue, server.publicKey).ok).toBe(false);
  });

  it('refuses to sign with a station key that does not match its certificate', () => {
    const other = generateKeyPair();
    expect(() =>
      signTicketCode(payload, { kind: 'station', secretKey: other.secretKey, certificate }),
    ).toThrow(/certificate/);
  });

  it('rejects malformed input without throwing', () => {
    const code = signTicketCode(payload, serverSigner);
    const inputs: unknown[] = [
      '',
      'A',
      '====',
      '!!!!',
      code + 'AA',
      code.slice(0, -4),
      code.slice(0, 40),
      'ñ'.repeat(50),
      'x'.repeat(5000),
      null,
      42,
    ];
    for (let i = 0; i < 200; i++) {
      inputs.push(
        encodeBase64Url(Uint8Array.from({ length: i % 180 }, (_, j) => (j * 37 + i * 11) & 0xff)),
      );
    }
    for (const input of inputs) {
      const r = verifyTicketCode(input as string, server.publicKey);
      expect(r.ok).toBe(false);
    }
    expect(verifyTicketCode(code, new Uint8Array(3)).ok).toBe(false);
  });

  it('encodes base64url canonically', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => 250 - i * 7);
      expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
    }
    expect(decodeBase64Url('AB')).toBeNull(); // low bits set: not canonical
    expect(decodeBase64Url('AA')).toEqual(new Uint8Array([0]));
  });
});
