// Signed ticket codes for the QR on a printed ticket (DESIGN §8). A door scanner that holds only the
// server's public key must verify tickets signed by the server and by any station the server
// certified, offline. Binary layout (then base64url, no padding):
//   header u8 (version << 4 | signer kind) · ticketId · showId · seatLabel · issuedAt u48 ms
//   [station only: stationId · station public key 32 B · server signature over them 64 B]
//   Ed25519 signature 64 B over a domain tag and every byte before it.
// Strings are u8 length + UTF-8, or 0xFF + 16 bytes for a lowercase UUID, which keeps a station
// ticket with UUID ids under 300 characters.
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

// noble-ed25519 v3 ships without a hash so that it has no dependencies; the sync API needs one.
ed.hashes.sha512 = sha512;

/** What a ticket code says: which ticket, for which show and seat, when, signed by which key. */
export type TicketCodePayload = {
  ticketId: string;
  showId: string;
  seatLabel: string;
  /** Epoch milliseconds (UTC) when the ticket was issued. */
  issuedAt: number;
  /** 'srv' for the server key, otherwise the id of the certified station that signed. */
  kid: string;
};

/** A station public key certified by the server key. */
export type StationCertificate = {
  stationId: string;
  publicKey: Uint8Array;
  signature: Uint8Array;
};

/** The key a ticket is signed with: the server key, or a station key with its certificate. */
export type TicketSigner =
  | { kind: 'server'; secretKey: Uint8Array }
  | { kind: 'station'; secretKey: Uint8Array; certificate: StationCertificate };

/** An Ed25519 key pair (32-byte secret seed, 32-byte public key). */
export type KeyPair = { secretKey: Uint8Array; publicKey: Uint8Array };

/** Why a ticket code was rejected; the message is for logs, the scanner shows one verdict. */
export type TicketCodeError = { code: 'BO_TICKET_CODE_INVALID'; message: string };

/** Result of verifying a ticket code. */
export type TicketCodeVerification =
  { ok: true; payload: TicketCodePayload } | { ok: false; error: TicketCodeError };

/** Key id of the server key. */
export const SERVER_KID = 'srv';

const VERSION = 1;
const KIND_SERVER = 0;
const KIND_STATION = 1;
const UUID_MARK = 0xff;
const MAX_STRING_BYTES = 0xef;
const TICKET_DOMAIN = new TextEncoder().encode('marquee/ticket/v1');
const CERT_DOMAIN = new TextEncoder().encode('marquee/station-cert/v1');
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Generates a fresh Ed25519 key pair from the platform's secure random source. */
export function generateKeyPair(): KeyPair {
  const { secretKey, publicKey } = ed.keygen();
  return { secretKey, publicKey };
}

/** Derives the public key of a 32-byte Ed25519 secret key. */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(secretKey);
}

/** Certifies a station's public key with the server's secret key. */
export function certifyStationKey(
  stationId: string,
  stationPublicKey: Uint8Array,
  serverSecretKey: Uint8Array,
): StationCertificate {
  if (stationPublicKey.length !== 32) throw new RangeError('station public key must be 32 bytes');
  const signature = ed.sign(certMessage(stationId, stationPublicKey), serverSecretKey);
  return { stationId, publicKey: stationPublicKey.slice(), signature };
}

/** Checks a station certificate against the server's public key. */
export function verifyStationCertificate(
  cert: StationCertificate,
  serverPublicKey: Uint8Array,
): boolean {
  try {
    return ed.verify(cert.signature, certMessage(cert.stationId, cert.publicKey), serverPublicKey, {
      zip215: false,
    });
  } catch {
    return false;
  }
}

/** Signs a ticket payload and returns the compact base64url code; throws on fields too long to encode. */
export function signTicketCode(
  payload: Omit<TicketCodePayload, 'kid'>,
  signer: TicketSigner,
): string {
  if (
    !Number.isSafeInteger(payload.issuedAt) ||
    payload.issuedAt < 0 ||
    payload.issuedAt >= 2 ** 48
  ) {
    throw new RangeError('issuedAt must be epoch milliseconds');
  }
  const w = new Writer();
  w.u8((VERSION << 4) | (signer.kind === 'server' ? KIND_SERVER : KIND_STATION));
  w.str(payload.ticketId);
  w.str(payload.showId);
  w.str(payload.seatLabel);
  w.u48(payload.issuedAt);
  if (signer.kind === 'station') {
    const cert = signer.certificate;
    // A mismatched key would print tickets that fail at the door; refuse at the counter instead.
    if (!equalBytes(ed.getPublicKey(signer.secretKey), cert.publicKey)) {
      throw new Error('station secret key does not match its certificate');
    }
    w.str(cert.stationId);
    w.bytes(cert.publicKey, 32);
    w.bytes(cert.signature, 64);
  }
  const body = w.done();
  const signature = ed.sign(concat(TICKET_DOMAIN, body), signer.secretKey);
  return encodeBase64Url(concat(body, signature));
}

/** Verifies a ticket code with the server's public key; never throws. */
export function verifyTicketCode(
  code: string,
  serverPublicKey: Uint8Array,
): TicketCodeVerification {
  try {
    return verifyOrFail(code, serverPublicKey);
  } catch (err) {
    return invalid(err instanceof Error ? err.message : 'malformed ticket code');
  }
}

function verifyOrFail(code: string, serverPublicKey: Uint8Array): TicketCodeVerification {
  if (typeof code !== 'string' || code.length > 1000) return invalid('not a ticket code');
  const bytes = decodeBase64Url(code);
  if (bytes === null) return invalid('not base64url');
  const r = new Reader(bytes);
  const header = r.u8();
  if (header >> 4 !== VERSION) return invalid('unsupported ticket code version');
  const kind = header & 0x0f;
  if (kind !== KIND_SERVER && kind !== KIND_STATION) return invalid('unknown signer kind');
  const ticketId = r.str();
  const showId = r.str();
  const seatLabel = r.str();
  const issuedAt = r.u48();
  let kid = SERVER_KID;
  let signerKey = serverPublicKey;
  if (kind === KIND_STATION) {
    const cert: StationCertificate = {
      stationId: r.str(),
      publicKey: r.bytes(32),
      signature: r.bytes(64),
    };
    if (!verifyStationCertificate(cert, serverPublicKey))
      return invalid('station certificate not signed by the server');
    kid = cert.stationId;
    signerKey = cert.publicKey;
  }
  const bodyEnd = r.offset;
  const signature = r.bytes(64);
  if (!r.atEnd()) return invalid('trailing bytes');
  const ok = ed.verify(signature, concat(TICKET_DOMAIN, bytes.subarray(0, bodyEnd)), signerKey, {
    zip215: false,
  });
  if (!ok) return invalid('bad signature');
  return { ok: true, payload: { ticketId, showId, seatLabel, issuedAt, kid } };
}

function invalid(message: string): TicketCodeVerification {
  return { ok: false, error: { code: 'BO_TICKET_CODE_INVALID', message } };
}

function certMessage(stationId: string, publicKey: Uint8Array): Uint8Array {
  const w = new Writer();
  w.str(stationId);
  w.bytes(publicKey, 32);
  return concat(CERT_DOMAIN, w.done());
}

class Writer {
  private readonly parts: number[] = [];
  u8(n: number): void {
    this.parts.push(n & 0xff);
  }
  u48(n: number): void {
    for (let shift = 5; shift >= 0; shift--) this.u8(Math.floor(n / 2 ** (8 * shift)));
  }
  bytes(b: Uint8Array, expected: number): void {
    if (b.length !== expected) throw new RangeError(`expected ${expected} bytes, got ${b.length}`);
    for (const x of b) this.parts.push(x);
  }
  str(s: string): void {
    if (UUID_RE.test(s)) {
      this.u8(UUID_MARK);
      for (let i = 0; i < 32; i += 2) this.u8(parseInt(s.replaceAll('-', '').slice(i, i + 2), 16));
      return;
    }
    const utf8 = new TextEncoder().encode(s);
    if (utf8.length > MAX_STRING_BYTES)
      throw new RangeError(`field too long for a ticket code: ${s.slice(0, 20)}…`);
    this.u8(utf8.length);
    for (const x of utf8) this.parts.push(x);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

class Reader {
  offset = 0;
  constructor(private readonly buf: Uint8Array) {}
  u8(): number {
    const v = this.buf[this.offset];
    if (v === undefined) throw new Error('truncated ticket code');
    this.offset++;
    return v;
  }
  u48(): number {
    let n = 0;
    for (let i = 0; i < 6; i++) n = n * 256 + this.u8();
    return n;
  }
  bytes(n: number): Uint8Array {
    if (this.offset + n > this.buf.length) throw new Error('truncated ticket code');
    const out = this.buf.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  str(): string {
    const len = this.u8();
    if (len === UUID_MARK) {
      const hex = Array.from(this.bytes(16), (b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    if (len > MAX_STRING_BYTES) throw new Error('bad string length');
    return new TextDecoder('utf-8', { fatal: true }).decode(this.bytes(len));
  }
  atEnd(): boolean {
    return this.offset === this.buf.length;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Encodes bytes as base64url without padding. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += B64.charAt((n >> (18 - 6 * c)) & 63);
  }
  return out;
}

/** Decodes unpadded base64url; null unless the text is the one canonical encoding of some bytes. */
export function decodeBase64Url(text: string): Uint8Array | null {
  // Canonical only: unused low bits must be zero, so no two strings decode to the same bytes and
  // flipping any character of a code changes what is verified.
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of text) {
    const v = B64.indexOf(ch);
    if (v < 0 || ch.length !== 1) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
