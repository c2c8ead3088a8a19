// Public catalog read API (no sign-in): cities, cinemas, movies, shows and seat maps under /api/v1.
// Handlers are thin; the rules live in services/catalog*.ts.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getSeatMapBody, getShow, listCinemas, listCities, listMovies, listShows } from '../services/catalog.js';
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

const tags = ['catalog'];
const badRequest = errorBody.describe('Malformed query or id (BO_VALIDATION)');
const serverError = errorBody.describe('Unexpected failure (BO_INTERNAL); nothing changed');
const withNotFound = (what: string) => ({ 400: badRequest, 404: errorBody.describe(what), 500: serverError });

/** GET /cities, /cinemas, /movies, /shows, /shows/{showId} and /shows/{showId}/seats. */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  app.get(
    '/cities',
    {
      schema: {
        summary: 'List cities',
        description: 'Cities of the chain by name, paginated.',
        tags,
        querystring: cityQuery,
        response: { 200: pageOf(cityItem).describe('A page of cities'), 400: badRequest, 500: serverError },
      },
    },
    async (request) => listCities(app.ctx.db, request.query),
  );

  app.get(
    '/cinemas',
    {
      schema: {
        summary: 'List cinemas',
        description: 'Cinemas by name, optionally of one city, each with its time zone, currency, locale and city. An unknown cityId is a 404.',
        tags,
        querystring: cinemaQuery,
        response: { 200: pageOf(cinemaItem).describe('A page of cinemas'), ...withNotFound('No such city (BO_NOT_FOUND)') },
      },
    },
    async (request) => listCinemas(app.ctx.db, request.query),
  );

  app.get(
    '/movies',
    {
      schema: {
        summary: 'List movies that have shows',
        description:
          'Movies by title with at least one show (not cancelled) matching every filter. `date` is the local day of each show’s cinema; without it, only shows not yet started count. An unknown cinemaId is a 404.',
        tags,
        querystring: movieQuery,
        response: { 200: pageOf(movieItem).describe('A page of movies'), ...withNotFound('No such cinema (BO_NOT_FOUND)') },
      },
    },
    async (request) => listMovies(app.ctx.db, request.query),
  );

  app.get(
    '/shows',
    {
      schema: {
        summary: 'List shows',
        description:
          'Shows ordered by start, with movie, screen, format, UTC and local start, status and seat availability. `date` is the local day of each show’s cinema; without it, only shows not yet started. Cancelled shows are left out. An unknown cinemaId or movieId is a 404.',
        tags,
        querystring: showQuery,
        response: { 200: pageOf(showItem).describe('A page of shows'), ...withNotFound('No such cinema or movie (BO_NOT_FOUND)') },
      },
    },
    async (request) => listShows(app.ctx.db, request.query),
  );

  app.get(
    '/shows/:showId',
    {
      schema: {
        summary: 'Get a show',
        description: 'A show with its movie, cinema, screen, format (with multiplier), ticket types and the price of every seat category per ticket type.',
        tags,
        params: showParams,
        response: { 200: showDetails.describe('The show'), ...withNotFound('No such show (BO_SHOW_NOT_FOUND)') },
      },
    },
    async (request) => getShow(app.ctx.db, request.params.showId),
  );

  app.get(
    '/shows/:showId/seats',
    {
      schema: {
        summary: 'Get the seat map of a show',
        description:
          'Layout size, rows, every seat with its state (available, held, sold, blocked, allocated), and categories with prices per ticket type. A seat whose hold has expired is available.',
        tags,
        params: showParams,
        response: { 200: seatMap.describe('The seat map'), ...withNotFound('No such show (BO_SHOW_NOT_FOUND)') },
      },
    },
    async (request, reply) => sendJson(reply, await getSeatMapBody(app.ctx.db, request.params.showId)),
  );
};

// The seat map arrives serialized (stamped onto a cached layout), so it skips the response
// serializer; the schema above still documents it and the tests check the body against it.
async function sendJson(reply: FastifyReply, body: Buffer): Promise<FastifyReply> {
  return reply.type('application/json; charset=utf-8').send(body);
}
