// The test gateway's pages: GET shows the checkout, POST pays with a card (a form, or JSON for
// scripts and the benchmark). They stand in for a provider's hosted page, outside /api/v1.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BoError } from '../../../common/errors.js';
import { formatMoney } from '../../../common/money.js';
import { access } from '../../identity/access.js';
import type { TestGateway } from './gateway.js';
import { acceptForms, sendsPage } from '../../pages/page.js';
import { checkoutPage, problemPage, resultPage } from './page.js';

const params = z.object({
  intentId: z.string().regex(/^tgpi_[0-9a-f]{32}$/, 'is not a test payment'),
});
const payBody = z.object({ card: z.string().trim().min(1).max(30) }).strict();
const PAYER = 'anyone with the payment link (it stands in for a provider’s hosted page)';

/** The pages of `gateway`. */
export function testGatewayRoutes(gateway: TestGateway): FastifyPluginAsyncZod {
  return async (app) => {
    await Promise.resolve();
    acceptForms(app, 4096);
    const html = sendsPage;

    app.get(
      '/pay/test/:intentId',
      {
        config: { access: access.public(PAYER) },
        helmet: { contentSecurityPolicy: false },
        schema: {
          tags: ['test-gateway'],
          summary: 'The test gateway’s checkout page (HTML)',
          params,
        },
      },
      async (request, reply) => {
        const i = await gateway.intent(request.params.intentId);
        html(reply);
        if (i === null) return reply.status(404).send(problemPage('No such payment.'));
        if (i.status !== 'requires_payment' && i.status !== 'failed')
          return reply.send(resultPage(i.status, formatMoney(i.amountMinor, i.currency, 'en-GB')));
        return reply.send(checkoutPage(request.params.intentId, i));
      },
    );

    app.post(
      '/pay/test/:intentId',
      {
        config: { access: access.public(PAYER) },
        helmet: { contentSecurityPolicy: false },
        schema: {
          tags: ['test-gateway'],
          summary: 'Pay with a test card; HTML for the page’s form, JSON {status} for JSON callers',
          params,
          body: payBody,
        },
      },
      async (request, reply) => {
        const wantsJson = (request.headers['content-type'] ?? '').startsWith('application/json');
        const { intentId } = request.params;
        let status;
        try {
          status = await gateway.pay(intentId, request.body.card);
        } catch (e) {
          if (wantsJson || !(e instanceof BoError)) throw e;
          html(reply);
          const i = await gateway.intent(intentId);
          return reply
            .status(e.status)
            .send(
              i === null || e.code !== 'BO_VALIDATION'
                ? problemPage(e.message)
                : checkoutPage(intentId, i, { kind: 'bad', text: e.message }),
            );
        }
        if (wantsJson) return { status };
        const i = await gateway.intent(intentId);
        html(reply);
        if (i === null) return reply.status(404).send(problemPage('No such payment.'));
        if (status === 'failed')
          return reply.send(
            checkoutPage(intentId, i, {
              kind: 'bad',
              text: 'The card was declined — no money was taken. Try another card.',
            }),
          );
        return reply.send(resultPage(status, formatMoney(i.amountMinor, i.currency, 'en-GB')));
      },
    );
  };
}
