// Public catalog read API (no sign-in): cities, cinemas, movies, shows and seat maps under /api/v1.
// Handlers are thin; the rules live in services/catalog*.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getShow, listCinemas, listCities, listMovies, listShows } from '../services/catalog.js';
import { etagMatches } from '../services/catalog-etag.js';
import { acceptsGzip, gzipOnce } from '../services/catalog-gzip.js';
import { createSeatMapCache, type SeatMapCache } from '../services/catalog-seat-cache.js';
import { loadSeatMap } from '../services/catalog-seat-map.js';
import { seatStatesResponse } from '../services/catalog-seat-states.js';
import {
  cinemaItem,
  cinemaQuery,
  cityItem,
  cityQuery,
  movieItem,
  movieQuery,
  pageOf,
  seatMap,
  showDetails,
  showItem,
  showParams,
  showQuery,
} from '../services/catalog-schemas.js';
import { errorBody } from './schemas.js';
import { access } from '../identity/access.js';

const tags = ['catalog'];
const badRequest = errorBody.describe('Malformed query or id (BO_VALIDATION)');
const serverError = errorBody.describe('Unexpected failure (BO_INTERNAL); nothing changed');
const withNotFound = (what: string) => ({
  400: badRequest,
  404: errorBody.describe(what),
  500: serverError,
});

/** GET /cities, /cinemas, /movies, /shows, /shows/{showId}, /shows/{showId}/seats and /shows/{showId}/seat-states. */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.get(
    '/cities',
    {
      config: { access: access.public() },
      schema: {
        summary: 'List cities',
        description: 'Cities of the chain by name, paginated.',
        tags,
        querystring: cityQuery,
        response: {
          200: pageOf(cityItem).describe('A page of cities'),
          400: badRequest,
          500: serverError,
        },
      },
    },
    async (request) => listCities(app.ctx.db, request.query),
  );

  app.get(
    '/cinemas',
    {
      config: { access: access.public() },
      schema: {
        summary: 'List cinemas',
        description:
          'Cinemas by name, optionally of one city, each with its time zone, currency, locale and city. An unknown cityId is a 404.',
        tags,
        querystring: cinemaQuery,
        response: {
          200: pageOf(cinemaItem).describe('A page of cinemas'),
          ...withNotFound('No such city (BO_NOT_FOUND)'),
        },
      },
    },
    async (request) => listCinemas(app.ctx.db, request.query),
  );

  app.get(
    '/movies',
    {
      config: { access: access.public() },
      schema: {
        summary: 'List movies that have shows',
        description:
          'Movies by title with at least one show (not cancelled) matching every filter. `date` is the local day of each show’s cinema; without it, only shows not yet started count. An unknown cinemaId is a 404.',
        tags,
        querystring: movieQuery,
        response: {
          200: pageOf(movieItem).describe('A page of movies'),
          ...withNotFound('No such cinema (BO_NOT_FOUND)'),
        },
      },
    },
    async (request) => listMovies(app.ctx.db, request.query),
  );

  app.get(
    '/shows',
    {
      config: { access: access.public() },
      schema: {
        summary: 'List shows',
        description:
          'Shows ordered by start, with movie, screen, format, UTC and local start, status and seat availability. `date` is the local day of each show’s cinema; without it, only shows not yet started. Cancelled shows are left out. An unknown cinemaId or movieId is a 404.',
        tags,
        querystring: showQuery,
        response: {
          200: pageOf(showItem).describe('A page of shows'),
          ...withNotFound('No such cinema or movie (BO_NOT_FOUND)'),
        },
      },
    },
    async (request) => listShows(app.ctx.db, request.query),
  );

  app.get(
    '/shows/:showId',
    {
      config: { access: access.public() },
      schema: {
        summary: 'Get a show',
        description:
          'A show with its movie, cinema, screen, format (with multiplier), ticket types and the price of every seat category per ticket type.',
        tags,
        params: showParams,
        response: {
          200: showDetails.describe('The show'),
          ...withNotFound('No such show (BO_SHOW_NOT_FOUND)'),
        },
      },
    },
    async (request) => getShow(app.ctx.db, request.params.showId),
  );

  registerSeatRoutes(app);
};

type Plugin = Parameters<FastifyPluginAsyncZod>[0];

/** Shows whose seat maps one process keeps in memory (≈ 80–100 kB each for 400 seats). */
const SEAT_MAP_CACHE_SHOWS = 500;
/** Longest a seat map is served from memory without a query, even if the change feed were stuck. */
const SEAT_MAP_MAX_AGE_MS = 5_000;

// Keyed by the context object, which every encapsulated plugin of one app shares (and two apps never do).
const seatCaches = new WeakMap<Plugin['ctx'], SeatMapCache>();

/**
 * Makes this process's cached seat map of a show stale. Call right after a write to the show's seats
 * commits and before answering, so the writer's next read sees it (the change feed is asynchronous).
 */
export function invalidateShowSeats(app: FastifyInstance, showId: string): void {
  seatCaches.get(app.ctx)?.invalidateShow(showId);
}

/** Like invalidateShowSeats, for a hold known only by its id (a release): finds the show that shows it held. */
export function invalidateHoldSeats(app: FastifyInstance, holdId: string): void {
  seatCaches.get(app.ctx)?.invalidateHold(holdId);
}

// Seat maps are served from memory (services/catalog-seat-cache.ts) and arrive serialized, so they
// skip the response serializer; the schemas still document them and the tests check bodies against them.
function registerSeatRoutes(app: Plugin): void {
  const cache = createSeatMapCache(
    async (showId, previous) => loadSeatMap(app.ctx.db, showId, previous),
    {
      maxShows: SEAT_MAP_CACHE_SHOWS,
      maxAgeMs: SEAT_MAP_MAX_AGE_MS,
    },
  );
  seatCaches.set(app.ctx, cache);
  const unsubscribe = app.ctx.feed.subscribe((changes) => {
    cache.onChanges(changes);
  });
  app.addHook('onClose', (_instance, done) => {
    unsubscribe();
    seatCaches.delete(app.ctx);
    done();
  });
  const notModified = z.null().describe('Unchanged since the ETag in If-None-Match; no body');
  const freshness =
    ' Answers carry an ETag: send it back as If-None-Match to get 304 while nothing changed. Gzip is used when Accept-Encoding allows it. A change made through another server process shows within tens of milliseconds (at most 5 s if the change feed lags).';

  app.get(
    '/shows/:showId/seats',
    {
      config: { access: access.public() },
      schema: {
        summary: 'Get the seat map of a show',
        description: `Layout size, rows, every seat with its state (available, held, sold, blocked, allocated), and categories with prices per ticket type. A seat whose hold has expired is available.${freshness}`,
        tags,
        params: showParams,
        response: {
          200: seatMap.describe('The seat map'),
          304: notModified,
          ...withNotFound('No such show (BO_SHOW_NOT_FOUND)'),
        },
      },
    },
    async (request, reply) => {
      const map = await cache.get(request.params.showId);
      return sendCached(request, reply, map.body, map.etag);
    },
  );

  app.get(
    '/shows/:showId/seat-states',
    {
      config: { access: access.public() },
      schema: {
        summary: 'Get only the seat states of a show',
        description: `The states of the seat map in its seat order (about 5 kB for 400 seats instead of about 76 kB), with the layout id, version and availability: for clients that have the full map and refresh it.${freshness}`,
        tags,
        params: showParams,
        response: {
          200: seatStatesResponse.describe('The seat states'),
          304: notModified,
          ...withNotFound('No such show (BO_SHOW_NOT_FOUND)'),
        },
      },
    },
    async (request, reply) => {
      const map = await cache.get(request.params.showId);
      return sendCached(request, reply, map.states, map.statesEtag);
    },
  );
}

// no-cache: a client or proxy may keep the body but must ask again, cheaply with If-None-Match.
// The gzip variant is a different representation, so it gets its own tag.
function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Buffer,
  etag: string,
): FastifyReply {
  const gzip = acceptsGzip(request.headers['accept-encoding']);
  const tag = gzip ? `${etag.slice(0, -1)}-gz"` : etag;
  reply.header('etag', tag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
  if (etagMatches(request.headers['if-none-match'], tag)) return reply.code(304).send();
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.type('application/json; charset=utf-8').send(gzip ? gzipOnce(body) : body);
}
