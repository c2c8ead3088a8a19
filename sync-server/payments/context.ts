// The app's payment providers (DESIGN §7): the one new payments use (PAYMENT_PROVIDER), and every
// one whose webhooks are still accepted, so payments started before a switch still settle.
import type pg from 'pg';
import type { TicketSigner } from '../../common/ticket-code.js';
import { signingKey } from '../services/signing.js';
import type { PaymentProvider } from './provider.js';

/** What app.ctx.payments holds. */
export type Payments = {
  /** The provider new payments start with. */
  provider: PaymentProvider;
  /** Every provider whose webhooks this server takes, by name. */
  providers: ReadonlyMap<string, PaymentProvider>;
  /** The server's ticket signer (the key is read or made once). */
  signer(): Promise<TicketSigner>;
};

/** Builds app.ctx.payments from the providers the config enables. */
export function createPayments(
  pool: pg.Pool,
  configuredKey: string,
  current: PaymentProvider,
  others: readonly PaymentProvider[] = [],
): Payments {
  const providers = new Map<string, PaymentProvider>();
  for (const p of [current, ...others]) providers.set(p.name, p);
  return {
    provider: current,
    providers,
    signer: async () => ({ kind: 'server', secretKey: await signingKey(pool, configuredKey) }),
  };
}
