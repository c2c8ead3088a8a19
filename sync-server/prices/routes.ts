// REST for prices (DESIGN §6, §13, issue 16): see common/api/admin-prices.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  categoryCodeList,
  priceCardApplied,
  priceCardApply,
  priceCardCopy,
  priceCardInput,
  priceCardList,
  priceCardView,
  promoInput,
  promoList,
  promoListQuery,
  promoView,
} from '../../common/api/admin-prices.js';
import { access, cinemaOfRow, cinemaParam } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { staffActor } from '../stations/routes.js';
import {
  applyCard,
  categoryCodes,
  copyCard,
  createCard,
  getCard,
  listCards,
  updateCard,
} from './price-cards.js';
import { createPromo, getPromo, listPromos, updatePromo } from './promos.js';
import { referenceRoutes } from './reference-routes.js';

const tags = ['prices'];
const cinemaParams = z.object({ cinemaId: z.uuid() });
const cardParams = z.object({ priceCardId: z.uuid() });
const promoParams = z.object({ promoId: z.uuid() });

/** Price cards, seat categories and promo codes; ticket types, formats, taxes and concessions in reference-routes.ts. */
export const priceRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(referenceRoutes);
  const pool = app.ctx.db.$client;
  const now = () => app.ctx.identity.now();
  const ofCinema = { access: access.staff('manager', cinemaParam()) };
  const ofCard = { access: access.staff('manager', cinemaOfRow('price_cards', 'priceCardId')) };
  const chain = { access: access.staff('manager') };
  const staffId = (p: { kind: string; id?: string }) => (p.kind === 'staff' ? (p.id ?? '') : '');

  app.get(
    '/admin/cinemas/:cinemaId/price-cards',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'A cinema’s price cards',
        params: cinemaParams,
        response: { 200: priceCardList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => listCards(pool, request.params.cinemaId, now()),
  );

  app.post(
    '/admin/cinemas/:cinemaId/price-cards',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'Add a price card',
        params: cinemaParams,
        body: priceCardInput,
        response: { 201: priceCardView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createCard(
            pool,
            staffActor(request.principal),
            request.params.cinemaId,
            request.body,
            now(),
          ),
        ),
  );

  app.get(
    '/admin/price-cards/:priceCardId',
    {
      config: ofCard,
      schema: {
        tags,
        summary: 'A price card',
        params: cardParams,
        response: { 200: priceCardView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => getCard(pool, request.params.priceCardId, now()),
  );

  app.put(
    '/admin/price-cards/:priceCardId',
    {
      config: ofCard,
      schema: {
        tags,
        summary: 'Change a price card',
        description:
          'Shows priced with it that have not started take the new prices (stations are told); tickets sold keep theirs.',
        params: cardParams,
        body: priceCardInput,
        response: { 200: priceCardView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      updateCard(
        pool,
        staffActor(request.principal),
        request.params.priceCardId,
        request.body,
        now(),
      ),
  );

  app.post(
    '/admin/price-cards/:priceCardId/copy',
    {
      config: ofCard,
      schema: {
        tags,
        summary: 'Copy a price card as a new one',
        params: cardParams,
        body: priceCardCopy,
        response: { 201: priceCardView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await copyCard(
            pool,
            staffActor(request.principal),
            request.params.priceCardId,
            request.body.name,
            now(),
          ),
        ),
  );

  app.post(
    '/admin/price-cards/:priceCardId/apply',
    {
      config: ofCard,
      schema: {
        tags,
        summary: 'Price some shows with the card from now on',
        params: cardParams,
        body: priceCardApply,
        response: { 200: priceCardApplied, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      applyCard(
        pool,
        staffActor(request.principal),
        request.params.priceCardId,
        request.body.showIds,
        now(),
      ),
  );

  app.get(
    '/admin/cinemas/:cinemaId/seat-categories',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'The seat category codes a cinema’s screens use',
        params: cinemaParams,
        response: { 200: categoryCodeList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => categoryCodes(pool, request.params.cinemaId),
  );

  app.get(
    '/admin/promo-codes',
    {
      config: chain,
      schema: {
        tags,
        summary: 'The chain’s promo codes',
        querystring: promoListQuery,
        response: { 200: promoList, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => listPromos(pool, staffId(request.principal), request.query, now()),
  );

  app.post(
    '/admin/promo-codes',
    {
      config: chain,
      schema: {
        tags,
        summary: 'Add a promo code for the chain',
        body: promoInput,
        response: { 201: promoView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const actor = { ...staffActor(request.principal), id: staffId(request.principal) };
      return reply.status(201).send(await createPromo(pool, actor, request.body, now()));
    },
  );

  app.get(
    '/admin/promo-codes/:promoId',
    {
      config: chain,
      schema: {
        tags,
        summary: 'A promo code of the chain',
        params: promoParams,
        response: { 200: promoView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => getPromo(pool, staffId(request.principal), request.params.promoId),
  );

  app.put(
    '/admin/promo-codes/:promoId',
    {
      config: chain,
      schema: {
        tags,
        summary: 'Change a promo code',
        params: promoParams,
        body: promoInput,
        response: { 200: promoView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) => {
      const actor = { ...staffActor(request.principal), id: staffId(request.principal) };
      return updatePromo(pool, actor, request.params.promoId, request.body, now());
    },
  );
};
