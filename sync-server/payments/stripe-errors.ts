// Turns whatever the Stripe SDK throws into BO_PAYMENT_PROVIDER with a message an operator can act
// on, and never one that carries the secret key (Stripe masks it; we do not rely on that).
import Stripe from 'stripe';
import { BoError } from '../../common/errors.js';

const secretKeyPattern = /\b(sk|rk)_(live|test)_[A-Za-z0-9*]+/g;

/** `text` with the secret key and anything shaped like a Stripe secret key blanked out. */
export function redactSecrets(text: string, secretKey: string): string {
  const withoutKey = secretKey === '' ? text : text.split(secretKey).join('[redacted]');
  return withoutKey.replace(secretKeyPattern, '[redacted]');
}

/** True when `err` is the SDK's error for a Stripe answer or a failed connection. */
export function isStripeError(err: unknown): err is InstanceType<typeof Stripe.errors.StripeError> {
  return err instanceof Stripe.errors.StripeError;
}

/** The BoError for a failed Stripe call: what we tried, and what Stripe or the network said. */
export function providerError(doing: string, err: unknown, secretKey: string): BoError {
  if (err instanceof BoError) return err;
  if (isStripeError(err)) {
    const said = redactSecrets(err.message, secretKey);
    const details: Record<string, unknown> = { stripeType: err.type };
    if (err.code !== undefined) details.stripeCode = err.code;
    if (err.statusCode !== undefined) details.stripeStatus = err.statusCode;
    if (err.requestId !== undefined) details.stripeRequestId = err.requestId;
    const where =
      err.type === 'StripeConnectionError'
        ? 'could not reach Stripe'
        : err.type === 'StripeAuthenticationError'
          ? 'Stripe refused the API key'
          : `Stripe answered ${err.statusCode ?? 'with an error'}`;
    return new BoError('BO_PAYMENT_PROVIDER', `${doing}: ${where}: ${said}`, details);
  }
  const said = err instanceof Error ? redactSecrets(err.message, secretKey) : 'unknown error';
  return new BoError('BO_PAYMENT_PROVIDER', `${doing}: ${said}`);
}
