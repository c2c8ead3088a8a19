// REST contract of the film catalogue managers edit (DESIGN §13): used by the server routes and
// the station's admin view. Films are the chain's; every cinema of the chain can schedule them.
import { z } from 'zod';
import { calendarDate, listQuery, pageOf } from './admin-common.js';

/** Largest poster upload, in bytes (the server may be configured lower, never higher). */
export const POSTER_MAX_BYTES = 5 * 1024 * 1024;
/** Image types a poster may be; checked against the file's own bytes, not its name. */
export const POSTER_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

const words = (max: number, what: string) =>
  z
    .array(z.string().trim().min(1).max(60))
    .max(max)
    .refine((v) => new Set(v.map((x) => x.toLowerCase())).size === v.length, {
      message: `lists a ${what} twice`,
    });

/** coming_soon before the release date, now_showing until the close date, closed after it. */
export const filmStatus = z.enum(['coming_soon', 'now_showing', 'closed']);
export type FilmStatus = z.infer<typeof filmStatus>;

/** What a manager types for a film (POST /admin/films, PUT /admin/films/{filmId}). */
export const filmInput = z
  .object({
    title: z.string().trim().min(1).max(200),
    synopsis: z.string().trim().max(4000),
    genres: words(10, 'genre'),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'is not a language code'))
      .min(1, 'needs at least one language')
      .max(20),
    certification: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .describe('As the market writes it: 12A, PG-13, U/A'),
    cast: words(50, 'cast member'),
    durationMinutes: z.int().min(1).max(600),
    ratingTenths: z.int().min(0).max(100).nullable().describe('78 = 7.8/10; null: not rated'),
    releaseDate: calendarDate,
    closeDate: calendarDate.nullable().describe('Last day of new shows; null: open-ended'),
  })
  .strict()
  .refine((f) => f.closeDate === null || f.closeDate >= f.releaseDate, {
    message: 'is before the release date',
    path: ['closeDate'],
  });
export type FilmInput = z.infer<typeof filmInput>;

/** A film as the admin view shows it. */
export const filmView = z.object({
  id: z.uuid(),
  title: z.string(),
  synopsis: z.string(),
  genres: z.array(z.string()),
  languages: z.array(z.string()),
  certification: z.string(),
  cast: z.array(z.string()),
  durationMinutes: z.int(),
  ratingTenths: z.int().nullable(),
  releaseDate: calendarDate,
  closeDate: calendarDate.nullable(),
  /** Path on the server, e.g. /api/v1/media/{id}; null: no poster yet. */
  posterUrl: z.string().nullable(),
  /** From the dates and the server's today: closing needs no job and no click. */
  status: filmStatus,
  /** Shows of this film that have not started yet, in all cinemas. */
  upcomingShows: z.int().min(0),
  updatedAt: z.iso.datetime(),
});
export type FilmView = z.infer<typeof filmView>;

/** GET /admin/films query. */
export const filmListQuery = listQuery(['title', 'releaseDate', 'status', 'updatedAt']).extend({
  status: filmStatus.optional(),
});
export type FilmListQuery = z.infer<typeof filmListQuery>;

/** GET /admin/films answer. */
export const filmList = pageOf(filmView);
export type FilmList = z.infer<typeof filmList>;
