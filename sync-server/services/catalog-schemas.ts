// Zod schemas of the public catalog API: they validate every request and generate its OpenAPI document.
import { z } from 'zod';
import { seatKindSchema, seatStateSchema } from '../../common/seat-map.js';

/** A row id as PostgreSQL stores it; malformed ids are a 400 before they reach the database. */
// Lower case on arrival: an upper-case id would otherwise be a cache entry of its own that the
// change feed (which speaks lower case) never refreshes.
export const idSchema = z.uuid().transform((id) => id.toLowerCase());

/** A local calendar date YYYY-MM-DD; year 0000 is refused here because PostgreSQL has no year 0. */
export const localDateParam = z.iso
  .date()
  .refine((d) => !d.startsWith('0000'), { message: 'Year 0000 does not exist' })
  .describe('A calendar day YYYY-MM-DD in the cinema’s own time zone.');

/** `limit` and `offset` shared by every list. */
export const pageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .describe('Items per page, 1–200 (default 50).'),
  // Capped so a silly offset is a 400 and never overflows PostgreSQL's bigint.
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .default(0)
    .describe('Items to skip (default 0).'),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** A page of items with the total count of matches. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.int().min(0), limit: z.int(), offset: z.int() });
}

/** A page as services return it. */
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };

export const cityQuery = pageQuery;

export const cinemaQuery = pageQuery.extend({
  cityId: idSchema.optional().describe('Only cinemas in this city.'),
});
export type CinemaQuery = z.infer<typeof cinemaQuery>;

// PostgreSQL refuses NUL in text, so it is a 400 here rather than a 500 there.
const filterText = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .refine((v) => !v.includes('\0'), { message: 'must not contain NUL' });

export const movieQuery = pageQuery.extend({
  cinemaId: idSchema.optional().describe('Only movies with a show in this cinema.'),
  genre: filterText.optional().describe('Only movies of this genre (case-insensitive).'),
  language: filterText
    .optional()
    .describe('Only movies with a show in this language (case-insensitive).'),
  date: localDateParam
    .optional()
    .describe('Only movies with a show on this local day; without it, upcoming shows count.'),
});
export type MovieQuery = z.infer<typeof movieQuery>;

export const showQuery = pageQuery.extend({
  cinemaId: idSchema.optional().describe('Only shows of this cinema.'),
  movieId: idSchema.optional().describe('Only shows of this movie.'),
  date: localDateParam
    .optional()
    .describe(
      'Only shows starting on this local day of their cinema; without it, shows not yet started.',
    ),
});
export type ShowQuery = z.infer<typeof showQuery>;

export const showParams = z.object({ showId: idSchema });

export const cityItem = z.object({ id: z.string(), name: z.string(), country: z.string() });
export type CityItem = z.infer<typeof cityItem>;

export const cinemaItem = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  timeZone: z.string().describe('IANA time zone, e.g. Asia/Kolkata'),
  currency: z.string().describe('ISO 4217 currency of its prices'),
  locale: z.string().describe('BCP 47 locale to format its dates and money'),
  city: cityItem,
});
export type CinemaItem = z.infer<typeof cinemaItem>;

export const movieItem = z.object({
  id: z.string(),
  title: z.string(),
  synopsis: z.string(),
  genres: z.array(z.string()),
  languages: z.array(z.string()),
  certification: z.string(),
  cast: z.array(z.string()),
  durationMinutes: z.int(),
  ratingTenths: z.int().nullable().describe('Rating in tenths: 78 = 7.8/10'),
  releaseDate: z.string(),
  closeDate: z.string().nullable(),
  posterUrl: z.string().nullable(),
});
export type MovieItem = z.infer<typeof movieItem>;

export const availability = z
  .object({ available: z.int().min(0), total: z.int().min(0) })
  .describe('Seats free to hold now, and all seats of the show');
export type Availability = z.infer<typeof availability>;

const showTimes = {
  startsAt: z.string().describe('Start, ISO 8601 in UTC'),
  endsAt: z.string().describe('End including cleaning, ISO 8601 in UTC'),
  local: z
    .string()
    .describe(
      'Start in the cinema’s time zone, ISO 8601 with its offset, e.g. 2025-03-30T23:30:00+05:30',
    ),
  timeZone: z.string(),
};

export const showItem = z.object({
  id: z.string(),
  cinemaId: z.string(),
  movieId: z.string(),
  movieTitle: z.string(),
  screenId: z.string(),
  screenName: z.string(),
  formatCode: z.string(),
  language: z.string(),
  ...showTimes,
  status: z.string().describe('scheduled | on_sale | cancelled | finished'),
  availability,
});
export type ShowItem = z.infer<typeof showItem>;

export const ticketTypeItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  multiplierBp: z.int(),
});
export type TicketTypeItem = z.infer<typeof ticketTypeItem>;

export const typePrice = z.object({
  ticketTypeId: z.string(),
  ticketTypeCode: z.string(),
  amountMinor: z.int().describe('Category price × format × ticket type, integer minor units'),
  currency: z.string(),
});
export type TypePrice = z.infer<typeof typePrice>;

export const categoryItem = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  rank: z.int().describe('Higher is better'),
  color: z.string(),
  basePriceMinor: z
    .int()
    .nullable()
    .describe(
      'The show’s price for the category before format and ticket type; null when not for sale',
    ),
  currency: z.string(),
  prices: z.array(typePrice),
});
export type CategoryItem = z.infer<typeof categoryItem>;

export const showDetails = z.object({
  id: z.string(),
  status: z.string(),
  language: z.string(),
  ...showTimes,
  movie: movieItem,
  cinema: cinemaItem,
  screen: z.object({ id: z.string(), name: z.string() }),
  format: z.object({ id: z.string(), code: z.string(), name: z.string(), multiplierBp: z.int() }),
  ticketTypes: z.array(ticketTypeItem),
  categories: z.array(categoryItem),
  availability,
});
export type ShowDetails = z.infer<typeof showDetails>;

export const mapRow = z.object({ label: z.string(), sortOrder: z.int(), y: z.int() });
export type MapRow = z.infer<typeof mapRow>;

export const mapSeat = z.object({
  id: z.string(),
  label: z.string(),
  row: z.string().describe('Row label'),
  number: z.int(),
  categoryId: z.string(),
  kind: seatKindSchema,
  x: z.int(),
  y: z.int(),
  state: seatStateSchema,
});
export type MapSeat = z.infer<typeof mapSeat>;

export const seatMap = z.object({
  showId: z.string(),
  layoutId: z.string(),
  status: z.string(),
  currency: z.string(),
  version: z.int().describe('Sum of the seats’ versions: grows with every seat change'),
  width: z.int(),
  height: z.int(),
  availability,
  ticketTypes: z.array(ticketTypeItem),
  categories: z.array(categoryItem),
  rows: z.array(mapRow),
  seats: z.array(mapSeat),
});
export type SeatMapResponse = z.infer<typeof seatMap>;
