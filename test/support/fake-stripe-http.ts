// The HTTP side of the local Stripe stand-in (fake-stripe.ts): reading Stripe's form-encoded bodies,
// checking the API key, and the error answers a test can ask for.
import type { IncomingMessage } from 'node:http';
import { stripeErrorBody } from './fake-stripe-objects.js';

/** An answer the stand-in sends: status, JSON body, extra headers. */
export type FakeStripeAnswer = { status: number; body: unknown; headers?: Record<string, string> };

/** A failure to answer with instead of the real thing: a 500, or a card error such as card_declined. */
export type FakeStripeFailure = {
  status: number;
  type?: string;
  code?: string;
  declineCode?: string;
  message?: string;
  /** Whether the SDK may retry it (Stripe-Should-Retry); default false, so tests stay quick. */
  retry?: boolean;
};

/** `a[b][c]=v` form fields read into nested objects, the way Stripe reads them. */
export function parseStripeForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.split(/[[\]]+/).filter((p) => p !== '');
    let at = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) at[part] = value;
      else at = (at[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

/** The whole request body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Stripe's answer for an injected failure. */
export function failureAnswer(f: FakeStripeFailure): FakeStripeAnswer {
  const type = f.type ?? (f.code === 'card_declined' ? 'card_error' : 'api_error');
  const message =
    f.message ??
    (f.code === 'card_declined'
      ? 'Your card was declined.'
      : 'Something went wrong on Stripe’s end. (Sorry about that.)');
  const extra: Record<string, unknown> = {};
  if (f.code !== undefined) extra.code = f.code;
  if (f.declineCode !== undefined) extra.decline_code = f.declineCode;
  return {
    status: f.status,
    body: stripeErrorBody(type, message, extra),
    headers: { 'stripe-should-retry': String(f.retry ?? false) },
  };
}

/** Null when the bearer key is accepted (`expected`, or any sk_ key), else Stripe's 401 (key masked). */
export function authAnswer(
  authorization: string | null,
  expected: string | undefined,
): FakeStripeAnswer | null {
  const key = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
  const ok = expected === undefined ? key.startsWith('sk_') : key === expected;
  if (ok) return null;
  const shown = key.length > 12 ? `${key.slice(0, 8)}********${key.slice(-4)}` : '********';
  return {
    status: 401,
    body: stripeErrorBody('invalid_request_error', `Invalid API Key provided: ${shown}`),
  };
}
