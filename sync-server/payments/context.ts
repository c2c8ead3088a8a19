// The app's payment providers (DESIGN §7): the one new payments use (PAYMENT_PROVIDER), and every
// one whose webhooks are still accepted, so payments started before a switch still settle.
import type pg from 'pg';
import type { TicketSigner } from '../../common/ticket-code.js';
import { signingKey } from '../services/signing.js';
import type { ServerConfig } from '../config.js';
import { publicBaseUrl } from '../config-bookings.js';
import type { PaymentProvider } from './provider.js';
import { createStripeProvider } from './stripe.js';
import { createTestGateway, type Deliver, type TestGateway } from './test-gateway/gateway.js';
import { testGatewaySecret } from './test-gateway/secret.js';

/** What app.ctx.payments holds. */
export type Payments = {
  /** The provider new payments start with. */
  provider: PaymentProvider;
  /** Every provider whose webhooks this server takes, by name. */
  providers: ReadonlyMap<string, PaymentProvider>;
  /** The server's ticket signer (the key is read or made once). */
  signer(): Promise<TicketSigner>;
  /** Delivers webhooks a built-in provider owes (the test gateway); how many were accepted. */
  deliverDue(): Promise<number>;
};

/** Builds app.ctx.payments from the providers the config enables. */
export function createPayments(
  pool: pg.Pool,
  configuredKey: string,
  current: PaymentProvider,
  others: readonly PaymentProvider[] = [],
  deliverDue: () => Promise<number> = () => Promise.resolve(0),
): Payments {
  const providers = new Map<string, PaymentProvider>();
  for (const p of [current, ...others]) providers.set(p.name, p);
  return {
    provider: current,
    providers,
    signer: async () => ({ kind: 'server', secretKey: await signingKey(pool, configuredKey) }),
    deliverDue,
  };
}

/**
 * The providers PAYMENT_PROVIDER asks for. The test gateway delivers its webhooks through `deliver`
 * (the server's own webhook route) and has pages of its own, so it is also returned on its own.
 */
export function paymentsOf(
  config: ServerConfig,
  pool: pg.Pool,
  now: () => Date,
  deliver: Deliver,
  warn: (message: string, details: Record<string, unknown>) => void,
): Payments & { testGateway: TestGateway | null } {
  // The test gateway is made only when it is the provider (below); building it costs nothing.
  const gateway = createTestGateway({
    pool,
    secret: () => testGatewaySecret(pool, config.testGatewaySecret),
    publicUrl: publicBaseUrl(config),
    delaySeconds: config.testGatewayDelaySeconds,
    toleranceSeconds: config.webhookToleranceSeconds,
    now,
    deliver,
    warn,
  });
  if (config.paymentProvider === 'stripe') {
    // A production server has no test gateway: its pages and webhooks do not exist there.
    const stripe = createStripeProvider(config, { now });
    return { ...createPayments(pool, config.ticketSigningKey, stripe), testGateway: null };
  }
  return {
    ...createPayments(pool, config.ticketSigningKey, gateway, [], () => gateway.deliverDue()),
    testGateway: gateway,
  };
}
