// Delivering queued messages (DESIGN §9). A process claims due messages with SKIP LOCKED and a
// lease (locked_until), sends them outside any transaction, and records the outcome only if its
// claim still stands; so several processes share the queue and each message is sent by one of
// them. A transient failure (SMTP down, a 5xx, a timeout) is retried with exponential backoff up
// to NOTIFY_MAX_ATTEMPTS; a permanent one (an address refused, a 4xx) becomes a dead letter at
// once, with its reason, for staff to see and send again.
import type pg from 'pg';
import type { Queryable } from '../services/tx.js';
import type { NewNotification } from './inbox/store.js';
import { contentOf, NothingToTell, type Links, type MessageRow } from './content.js';
import type {
  EmailContent,
  EmailTransport,
  MessageContent,
  SendResult,
  SmsProvider,
} from './types.js';

/** Where messages leave through. */
export type Outlets = {
  email: EmailTransport;
  sms: SmsProvider;
  /** Adds the notification to the customer's list (and pushes it live); returns its id. */
  push(db: Queryable, n: NewNotification & { id: string }): Promise<{ id: string }>;
  /** A reason when an email address cannot be delivered to. */
  emailProblem(address: string): string | null;
  /** The E.164 form of a phone number, or null. */
  phone(raw: string): string | null;
};

/** How messages are written. */
export type Renderers = {
  email(c: MessageContent): Promise<EmailContent>;
  sms(c: MessageContent): string;
  push(c: MessageContent): { title: string; body: string };
};

/** How the worker retries. */
export type RetryPolicy = {
  maxAttempts: number;
  retrySeconds: number;
  retryMaxSeconds: number;
  /** How long a claim lasts: longer than any send can take. */
  leaseMs: number;
};

/** Everything delivery needs. */
export type DeliverDeps = {
  pool: pg.Pool;
  now: () => Date;
  outlets: Outlets;
  render: Renderers;
  links: Links;
  retry: RetryPolicy;
};

/** Claims up to `limit` due messages for this process. */
export async function claimDue(
  pool: pg.Pool,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<MessageRow[]> {
  const r = await pool.query<MessageRow>({
    name: 'messages_claim',
    text: `UPDATE messages m SET locked_until = $1::timestamptz + make_interval(secs => $2::float8 / 1000),
        attempts = m.attempts + 1, updated_at = $1
      FROM (SELECT id FROM messages WHERE status = 'pending' AND next_attempt_at <= $1
              AND (locked_until IS NULL OR locked_until <= $1)
            ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) c
      WHERE m.id = c.id
      RETURNING m.id, m.kind, m.channel, m.recipient, m.customer_id, m.booking_id, m.data, m.attempts`,
    values: [now, leaseMs, limit],
  });
  return r.rows;
}

/** The wait before attempt `attempts + 1`: doubling from retrySeconds, capped, ±20 % jitter. */
export function backoffMs(attempts: number, p: RetryPolicy, random = Math.random): number {
  const base = Math.min(p.retrySeconds * 2 ** Math.max(0, attempts - 1), p.retryMaxSeconds) * 1000;
  return Math.round(base * (0.8 + 0.4 * random()));
}

async function attempt(deps: DeliverDeps, m: MessageRow): Promise<SendResult> {
  const { outlets, render } = deps;
  if (m.channel === 'email') {
    const problem = outlets.emailProblem(m.recipient);
    if (problem !== null) return { ok: false, permanent: true, reason: problem };
  }
  const to = m.channel === 'sms' ? outlets.phone(m.recipient) : m.recipient;
  if (to === null)
    return { ok: false, permanent: true, reason: 'not a phone number SMS can reach' };
  const content = await contentOf(deps.pool, m, deps.links);
  if (m.channel === 'email') {
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
    if (content.kind === 'show.reminder' && content.unsubscribeUrl !== null) {
      headers['List-Unsubscribe'] = `<${content.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    return outlets.email.send({ id: m.id, to, content: await render.email(content), headers });
  }
  if (m.channel === 'sms') return outlets.sms.send({ id: m.id, to, body: render.sms(content) });
  if (m.customer_id === null)
    return { ok: false, permanent: true, reason: 'push needs a customer' };
  const shown = render.push(content);
  // The message's id is the notification's: a retried push never lists it twice.
  const n = await outlets.push(deps.pool, {
    id: m.id,
    customerId: m.customer_id,
    kind: m.kind,
    title: shown.title,
    body: shown.body,
    bookingId: m.booking_id,
  });
  return { ok: true, ref: n.id };
}

/** Sends one claimed message and records what happened; returns the outcome. */
export async function deliverOne(
  deps: DeliverDeps,
  m: MessageRow,
): Promise<'sent' | 'retry' | 'dead'> {
  let result: SendResult;
  try {
    result = await attempt(deps, m);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    result = { ok: false, permanent: e instanceof NothingToTell, reason };
  }
  const now = deps.now();
  // Every update is conditional on this claim (its attempt count): a process whose lease ran out
  // while it sent never overwrites the outcome of the one that took over.
  if (result.ok) {
    await deps.pool.query({
      name: 'message_sent',
      text: `UPDATE messages SET status = 'sent', sent_at = $3, provider_ref = $4, last_error = NULL,
          locked_until = NULL, updated_at = $3,
          data = CASE WHEN kind = 'password.reset' THEN '{}'::jsonb ELSE data END
        WHERE id = $1 AND attempts = $2`,
      values: [m.id, m.attempts, now, result.ref],
    });
    return 'sent';
  }
  const dead = result.permanent || m.attempts >= deps.retry.maxAttempts;
  const reason = result.permanent
    ? result.reason
    : dead
      ? `gave up after ${String(m.attempts)} attempts: ${result.reason}`
      : result.reason;
  await deps.pool.query({
    name: 'message_failed',
    text: `UPDATE messages SET status = $3, last_error = $4, locked_until = NULL, updated_at = $5,
        next_attempt_at = $6,
        data = CASE WHEN $3 = 'dead' AND kind = 'password.reset' THEN '{}'::jsonb ELSE data END
      WHERE id = $1 AND attempts = $2`,
    values: [
      m.id,
      m.attempts,
      dead ? 'dead' : 'pending',
      reason.slice(0, 1000),
      now,
      new Date(now.getTime() + (dead ? 0 : backoffMs(m.attempts, deps.retry))),
    ],
  });
  return dead ? 'dead' : 'retry';
}
