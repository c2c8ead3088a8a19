// REST contract of station enrollment and staff PIN exchange (DESIGN §10), shared by server and station.
import { z } from 'zod';
import { staffView, tokenPair } from './identity.js';

/** Crockford base32 without I, L, O, U, in groups of four: easy to read out and type. */
export const ENROLLMENT_CODE =
  /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** An enrollment code as typed: case, spaces and missing dashes are forgiven. */
export const enrollmentCode = z
  .string()
  .max(40)
  .transform((v) => v.toUpperCase().replace(/[^0-9A-Z]/g, ''))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{12}$/, 'is not an enrollment code'))
  .transform((v) => `${v.slice(0, 4)}-${v.slice(4, 8)}-${v.slice(8)}`)
  .describe('The one-time code a manager was given, e.g. 7KQ2-M9XD-4TPA');

export const stationKind = z.enum(['counter', 'kiosk', 'door']);

/** POST /admin/cinemas/{cinemaId}/stations */
export const createStationBody = z
  .object({ name: z.string().trim().min(1).max(60), kind: stationKind })
  .strict();

/** A station as managers see it. */
export const stationView = z.object({
  id: z.uuid(),
  cinemaId: z.uuid(),
  name: z.string(),
  kind: z.string(),
  /** waiting (code issued, not enrolled) | enrolled | revoked */
  status: z.enum(['waiting', 'enrolled', 'revoked']),
  /** The station's last contact with the server (its last sync). */
  lastSeenAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** Sales and other writes waiting in its outbox, as it last reported; null: never reported. */
  pendingCount: z.int().nullable(),
  pendingReportedAt: z.iso.datetime().nullable(),
});
export type StationView = z.infer<typeof stationView>;

/** GET /admin/cinemas/{cinemaId}/stations: the cinema's stations, oldest first. */
export const stationList = z.array(stationView);

/** A one-time code for a station: shown once to the manager, typed at the station. */
export const enrollmentCodeView = z.object({
  station: stationView,
  code: z.string().describe('Single use; expires at expiresAt'),
  expiresAt: z.iso.datetime(),
});

/**
 * POST /stations/enroll: the station trades the code for its device credential. Unknown, used and
 * expired codes all get 400 BO_ENROLLMENT_CODE_INVALID with one message.
 */
export const enrollBody = z.object({ code: enrollmentCode }).strict();

/** The device credential, returned once. */
export const deviceCredential = z.object({
  stationId: z.uuid(),
  secret: z.string().describe('Keep it: it is shown once and authenticates the station'),
  cinemaId: z.uuid(),
  name: z.string(),
  kind: z.string(),
});
export type DeviceCredential = z.infer<typeof deviceCredential>;

/**
 * POST /auth/staff/pin (as a station): a staff member's PIN for a short-lived staff token. Wrong PIN
 * or unknown staff: 401 BO_UNAUTHORIZED; right PIN of staff of another cinema: 403 BO_FORBIDDEN;
 * locked after wrong PINs: 429 BO_RATE_LIMITED with Retry-After.
 */
export const pinExchangeBody = z
  .object({ staffId: z.uuid(), pin: z.string().regex(/^[0-9]{4,8}$/, 'is not a PIN') })
  .strict();

/** The staff member and their tokens. */
export const staffToken = z.object({ staff: staffView, tokens: tokenPair });
