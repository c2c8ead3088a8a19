// REST for the chain's films and their posters (DESIGN §13). Films are the chain's, not one
// cinema's: every manager of the chain (and its admins) may edit them, and every cinema can show them.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  filmInput,
  filmList,
  filmListQuery,
  filmView,
  POSTER_MAX_BYTES,
} from '../../common/api/admin-films.js';
import { BoError } from '../../common/errors.js';
import { access } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { staffActor } from '../stations/routes.js';
import { createFilm, getFilm, listFilms, updateFilm } from './films.js';
import { posterBytes } from './poster-upload.js';
import { readMedia, removePoster, setPoster } from './posters.js';

const tags = ['films'];
const filmParams = z.object({ filmId: z.uuid() });
const CHAIN_WIDE =
  'Films are the chain’s: every manager of the chain and its admins may edit them; a film of another chain is 404.';

const staffId = (p: { kind: string; id?: string }): string => {
  if (p.kind !== 'staff' || p.id === undefined)
    throw new BoError('BO_FORBIDDEN', 'Only staff may do this.');
  return p.id;
};

/** GET/POST /admin/films, GET/PUT /admin/films/{id}, PUT/DELETE /admin/films/{id}/poster, GET /media/{id}. */
export const filmRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.ctx.db.$client;
  const now = () => app.ctx.identity.now();
  await app.register(fastifyMultipart, {
    limits: { fileSize: POSTER_MAX_BYTES, files: 1, fields: 0, parts: 2 },
  });
  const manager = { access: access.staff('manager') };

  app.get(
    '/admin/films',
    {
      config: manager,
      schema: {
        tags,
        summary: 'The chain’s films: search, sort, filter by status, page',
        description: CHAIN_WIDE,
        querystring: filmListQuery,
        response: { 200: filmList, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => listFilms(pool, staffId(request.principal), request.query, now()),
  );

  app.get(
    '/admin/films/:filmId',
    {
      config: manager,
      schema: {
        tags,
        summary: 'One film',
        description: CHAIN_WIDE,
        params: filmParams,
        response: { 200: filmView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => getFilm(pool, staffId(request.principal), request.params.filmId, now()),
  );

  app.post(
    '/admin/films',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Create a film',
        description: CHAIN_WIDE,
        body: filmInput,
        response: { 201: filmView, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const actor = { ...staffActor(request.principal), id: staffId(request.principal) };
      return reply.status(201).send(await createFilm(pool, actor, request.body, now()));
    },
  );

  app.put(
    '/admin/films/:filmId',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Change a film’s details',
        description: `${CHAIN_WIDE} Closing: set the close date; the film then gets no new shows and its shows keep selling.`,
        params: filmParams,
        body: filmInput,
        response: { 200: filmView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => {
      const actor = { ...staffActor(request.principal), id: staffId(request.principal) };
      return updateFilm(pool, actor, request.params.filmId, request.body, now());
    },
  );

  app.put(
    '/admin/films/:filmId/poster',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Upload the film’s poster',
        description: `multipart/form-data with one file field "poster": JPEG, PNG or WebP, at most ${String(POSTER_MAX_BYTES / 1_048_576)} MiB (checked by its bytes). ${CHAIN_WIDE}`,
        consumes: ['multipart/form-data'],
        params: filmParams,
        response: { 200: filmView, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const actor = { ...staffActor(request.principal), id: staffId(request.principal) };
      const bytes = await posterBytes(request);
      return setPoster(pool, actor, request.params.filmId, bytes, now());
    },
  );

  app.delete(
    '/admin/films/:filmId/poster',
    {
      config: manager,
      schema: {
        tags,
        summary: 'Take the poster off a film',
        description: CHAIN_WIDE,
        params: filmParams,
        response: { 200: filmView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => {
      const actor = { ...staffActor(request.principal), id: staffId(request.principal) };
      return removePoster(pool, actor, request.params.filmId, now());
    },
  );

  app.get(
    '/media/:mediaId',
    {
      config: { access: access.public() },
      schema: {
        tags,
        summary: 'An uploaded image (a film poster)',
        description: 'An id never changes content: cache it for a year; If-None-Match answers 304.',
        params: z.object({ mediaId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const media = await readMedia(pool, request.params.mediaId);
      if (!media) throw new BoError('BO_NOT_FOUND', 'There is no such image.');
      const etag = `"${media.sha256}"`;
      void reply
        .header('etag', etag)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(media.contentType).send(media.bytes);
    },
  );
};
