// The payment provider port (DESIGN §7): the booking service speaks only this, and each provider
// (the built-in test gateway, Stripe) is an adapter behind it. Calls to a provider never run inside
// a database transaction; their outcome arrives later as a signed webhook, or by asking (`retrieve`).

/** Where a provider says a payment is; only `failed` and `succeeded` are final. */
export type ProviderPaymentStatus = 'pending' | 'processing' | 'succeeded' | 'failed' | 'cancelled';

/** What the buyer does next: open the provider's page, or confirm in the browser with a client secret. */
export type PaymentNext =
  | { kind: 'redirect'; url: string }
  | { kind: 'client_secret'; clientSecret: string; publishableKey: string | null };

/** A payment to start with the provider. */
export type CreatePaymentInput = {
  /** Our payment id; also the idempotency key sent to the provider, so a retry never charges twice. */
  paymentId: string;
  bookingId: string;
  /** The booking reference, shown on the buyer's statement and the provider's dashboard. */
  reference: string;
  amountMinor: number;
  currency: string;
  description: string;
  /** The buyer's email, for the provider's receipt. */
  email: string | null;
};

/** A payment the provider has accepted to take. */
export type CreatedPayment = {
  /** The provider's id for it (a PaymentIntent id). */
  ref: string;
  status: ProviderPaymentStatus;
  next: PaymentNext;
};

/** A payment as the provider sees it now. */
export type RetrievedPayment = {
  ref: string;
  status: ProviderPaymentStatus;
  amountMinor: number;
  currency: string;
  failureReason: string | null;
};

/** A refund to ask the provider for. */
export type RefundInput = {
  /** Our refund id; the idempotency key sent to the provider. */
  refundId: string;
  paymentRef: string;
  amountMinor: number;
  currency: string;
};

/** The provider's answer to a refund: many settle at once, some later by webhook. */
export type RefundResult = {
  ref: string;
  status: 'pending' | 'succeeded' | 'failed';
  failureReason: string | null;
};

/** A verified provider event, reduced to what bookings need. */
export type ProviderEvent =
  | {
      id: string;
      kind: 'payment';
      /** The provider's payment id. */
      ref: string;
      status: ProviderPaymentStatus;
      amountMinor: number;
      currency: string;
      failureReason: string | null;
    }
  | {
      id: string;
      kind: 'refund';
      /** The provider's refund id, and our refund id when the provider echoes it back. */
      ref: string;
      refundId: string | null;
      paymentRef: string;
      status: 'pending' | 'succeeded' | 'failed';
      failureReason: string | null;
    }
  /** A verified event of a type bookings do not act on: acknowledged and ignored. */
  | { id: string; kind: 'other'; type: string };

/** The port every payment provider adapter implements. */
export type PaymentProvider = {
  /** `test` or `stripe`: the name in URLs (/api/v1/payments/webhooks/{name}) and in the payments table. */
  readonly name: string;
  /** Starts a payment; the same paymentId never starts a second one. */
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  /** Reads a payment's state from the provider (for payments whose webhook is late). */
  retrievePayment(ref: string): Promise<RetrievedPayment>;
  /** Cancels a payment that has not succeeded (its booking expired); a no-op for a final one. */
  cancelPayment(ref: string): Promise<void>;
  /** Gives back part or all of a succeeded payment. */
  refund(input: RefundInput): Promise<RefundResult>;
  /** Loads what the provider needs from the database (its keys) before verifying; optional. */
  prepare?(): Promise<void>;
  /**
   * Verifies a webhook's signature over its raw body, and its age, and reads the event; throws
   * BoError BO_WEBHOOK_SIGNATURE for anything forged, tampered or too old.
   */
  verifyWebhook(
    rawBody: Buffer,
    headers: Record<string, string | string[] | undefined>,
  ): ProviderEvent;
};
