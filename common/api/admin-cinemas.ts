// REST contract of cinemas and their screens as managers edit them (DESIGN §13).
import { z } from 'zod';

/** An IANA time zone this runtime knows, e.g. Europe/London. */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (v) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: v });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a time zone like Europe/London' },
  );

/** An ISO 4217 currency code, e.g. GBP. */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'is not a currency code like GBP')
  .refine((v) => Intl.supportedValuesOf('currency').includes(v), {
    message: 'is not a currency code like GBP',
  });

/** A BCP 47 locale for numbers and dates, e.g. en-GB. */
export const localeTag = z
  .string()
  .min(2)
  .max(35)
  .refine(
    (v) => {
      try {
        return Intl.getCanonicalLocales(v).length === 1;
      } catch {
        return false;
      }
    },
    { message: 'is not a locale like en-GB' },
  );

/** A cinema as its managers see it. */
export const cinemaView = z.object({
  id: z.uuid(),
  name: z.string(),
  cityId: z.uuid(),
  cityName: z.string(),
  address: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  locale: z.string(),
  /** Printed under the address on tickets and receipts. */
  taxIds: z.array(z.string()),
  /** Ads and trailers before each film: new shows' blocks start with them (issue 16). */
  adsMinutes: z.int().min(0),
  /** When the cinema day starts ("06:00"): reports put earlier sales on the day before (issue 17). */
  dayStartsAt: z.string(),
  screenCount: z.int().min(0),
});
export type CinemaView = z.infer<typeof cinemaView>;

/** GET /admin/cinemas: the cinemas the caller manages (admins: all of the chain), by name. */
export const cinemaList = z.array(cinemaView);

/**
 * PATCH /admin/cinemas/{cinemaId}: the fields given change. The currency cannot change once the
 * cinema has prices or sales in it (409 BO_CONFLICT naming the field).
 */
export const cinemaPatch = z
  .object({
    name: z.string().trim().min(1).max(100),
    address: z.string().trim().min(1).max(300).describe('Printed on tickets and receipts'),
    timeZone,
    currency: currencyCode,
    locale: localeTag,
    taxIds: z.array(z.string().trim().min(1).max(60)).max(4),
    adsMinutes: z.int().min(0).max(60),
    dayStartsAt: z
      .string()
      .regex(/^(0\d|1[0-1]):[0-5]\d$/, 'is not a time from 00:00 to 11:59')
      .describe('When the cinema day starts, local HH:MM; reports count sales from now on by it'),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'changes nothing' });
export type CinemaPatch = z.infer<typeof cinemaPatch>;

/** A presentation format a screen may support. */
export const formatView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
});
export type FormatView = z.infer<typeof formatView>;

/** GET /admin/formats */
export const formatList = z.array(formatView);

/** A screen of a cinema. */
export const screenView = z.object({
  id: z.uuid(),
  cinemaId: z.uuid(),
  name: z.string(),
  cleaningMinutes: z.int(),
  /** Format codes the screen can project. */
  formats: z.array(z.string()),
  /** The layout new shows get; null until one is drawn. */
  activeLayoutId: z.uuid().nullable(),
  /** Seats of the active layout. */
  seatCount: z.int().min(0),
  wheelchairCount: z.int().min(0),
  layoutCount: z.int().min(0),
});
export type ScreenView = z.infer<typeof screenView>;

/** GET /admin/cinemas/{cinemaId}/screens, by name. */
export const screenList = z.array(screenView);

/** POST /admin/cinemas/{cinemaId}/screens; PATCH /admin/screens/{screenId} takes any part of it. */
export const screenInput = z
  .object({
    name: z.string().trim().min(1).max(60),
    cleaningMinutes: z.int().min(0).max(240),
    formats: z
      .array(z.string().min(1).max(20))
      .min(1, 'needs at least one format')
      .max(20)
      .describe('Format codes, e.g. ["2D", "3D"]'),
  })
  .strict();
export type ScreenInput = z.infer<typeof screenInput>;
export const screenPatch = screenInput
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'changes nothing' });
export type ScreenPatch = z.infer<typeof screenPatch>;
