// REST for ticket types, format multipliers, taxes and the concessions menu (issue 16).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  concessionInput,
  concessionList,
  concessionView,
  formatPatch,
  formatPriceList,
  formatPriceView,
  taxInput,
  taxList,
  taxView,
  ticketTypeInput,
  ticketTypeList,
  ticketTypePatch,
  ticketTypeView,
} from '../../common/api/admin-prices.js';
import { access, cinemaOfRow, cinemaParam } from '../identity/access.js';
import { errorResponses } from '../routes/schemas.js';
import { staffActor } from '../stations/routes.js';
import {
  deleteTax,
  listConcessions,
  listFormatPrices,
  listTaxes,
  listTicketTypes,
  patchFormat,
  saveConcession,
  saveTax,
  saveTicketType,
} from './reference.js';

const tags = ['prices'];
const cinemaParams = z.object({ cinemaId: z.uuid() });

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  await Promise.resolve();
  const pool = app.ctx.db.$client;
  const ofCinema = { access: access.staff('manager', cinemaParam()) };
  const chain = { access: access.staff('manager') };
  const staff = (p: Parameters<typeof staffActor>[0]) => ({
    ...staffActor(p),
    id: p.kind === 'staff' ? p.id : '',
  });

  app.get(
    '/admin/ticket-types',
    {
      config: chain,
      schema: {
        tags,
        summary: 'The chain’s ticket types',
        response: { 200: ticketTypeList, ...errorResponses(401, 403) },
      },
    },
    (request) => listTicketTypes(pool, staff(request.principal).id),
  );
  app.post(
    '/admin/ticket-types',
    {
      config: chain,
      schema: {
        tags,
        summary: 'Add a ticket type to the chain',
        body: ticketTypeInput,
        response: { 201: ticketTypeView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await saveTicketType(pool, staff(request.principal), null, request.body)),
  );
  app.patch(
    '/admin/ticket-types/:ticketTypeId',
    {
      config: chain,
      schema: {
        tags,
        summary: 'Change a ticket type (future sales)',
        params: z.object({ ticketTypeId: z.uuid() }),
        body: ticketTypePatch,
        response: { 200: ticketTypeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    (request) =>
      saveTicketType(pool, staff(request.principal), request.params.ticketTypeId, request.body),
  );

  app.get(
    '/admin/format-prices',
    {
      config: chain,
      schema: {
        tags,
        summary: 'Formats with their price multipliers',
        response: { 200: formatPriceList, ...errorResponses(401, 403) },
      },
    },
    () => listFormatPrices(pool),
  );
  app.patch(
    '/admin/formats/:formatId',
    {
      config: { access: access.staff('admin') },
      schema: {
        tags,
        summary: 'Change a format’s name or price multiplier (admins: every cinema uses it)',
        params: z.object({ formatId: z.uuid() }),
        body: formatPatch,
        response: { 200: formatPriceView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => patchFormat(pool, staff(request.principal), request.params.formatId, request.body),
  );

  app.get(
    '/admin/cinemas/:cinemaId/taxes',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'A cinema’s tax components',
        params: cinemaParams,
        response: { 200: taxList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => listTaxes(pool, request.params.cinemaId),
  );
  app.post(
    '/admin/cinemas/:cinemaId/taxes',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'Add a tax component',
        params: cinemaParams,
        body: taxInput,
        response: { 201: taxView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await saveTax(
            pool,
            staffActor(request.principal),
            { cinemaId: request.params.cinemaId },
            request.body,
          ),
        ),
  );
  const ofTax = { access: access.staff('manager', cinemaOfRow('taxes', 'taxId')) };
  app.put(
    '/admin/taxes/:taxId',
    {
      config: ofTax,
      schema: {
        tags,
        summary: 'Change a tax component (future sales)',
        params: z.object({ taxId: z.uuid() }),
        body: taxInput,
        response: { 200: taxView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      saveTax(pool, staffActor(request.principal), { id: request.params.taxId }, request.body),
  );
  app.delete(
    '/admin/taxes/:taxId',
    {
      config: ofTax,
      schema: {
        tags,
        summary: 'Remove a tax component (future sales)',
        params: z.object({ taxId: z.uuid() }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteTax(pool, staffActor(request.principal), request.params.taxId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/admin/cinemas/:cinemaId/concessions',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'A cinema’s concessions menu',
        params: cinemaParams,
        response: { 200: concessionList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => listConcessions(pool, request.params.cinemaId),
  );
  app.post(
    '/admin/cinemas/:cinemaId/concessions',
    {
      config: ofCinema,
      schema: {
        tags,
        summary: 'Add an item or combo to the menu',
        params: cinemaParams,
        body: concessionInput,
        response: { 201: concessionView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await saveConcession(
            pool,
            staffActor(request.principal),
            { cinemaId: request.params.cinemaId },
            request.body,
          ),
        ),
  );
  app.put(
    '/admin/concessions/:concessionId',
    {
      config: { access: access.staff('manager', cinemaOfRow('concession_items', 'concessionId')) },
      schema: {
        tags,
        summary: 'Change a menu item (price, availability, combo)',
        params: z.object({ concessionId: z.uuid() }),
        body: concessionInput,
        response: { 200: concessionView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      saveConcession(
        pool,
        staffActor(request.principal),
        { id: request.params.concessionId },
        request.body,
      ),
  );
};
