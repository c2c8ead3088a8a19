// The notification worker as the app builds it from its config (DESIGN §9): renderers, the email
// and SMS outlets the config names, the customer's list for push, and the links messages carry.
import type pg from 'pg';
import { publicBaseUrl } from '../config-bookings.js';
import type { ServerConfig } from '../config.js';
import { emailAddressProblem, emailTransportOf } from './channels/email.js';
import { normalisePhone, smsProviderOf } from './channels/sms.js';
import { addNotification } from './inbox/store.js';
import { unsubscribeUrl } from './inbox/unsubscribe.js';
import { renderEmail } from './render/email.js';
import { renderPush } from './render/push.js';
import { createRenderPool } from './render/render-pool.js';
import { renderSms } from './render/sms.js';
import { createNotificationWorker, type NotificationWorker } from './worker.js';

/** Builds the worker of one server process; `start` it once the app is ready. */
export function notificationsOf(
  config: ServerConfig,
  pool: pg.Pool,
  opts: {
    listenUrl: string;
    now: () => Date;
    key: () => Promise<Uint8Array>;
    onError: (e: unknown) => void;
  },
): NotificationWorker {
  const base = publicBaseUrl(config);
  const email = emailTransportOf(config, opts.now);
  const renderPool =
    config.notifyRenderThreads > 0 ? createRenderPool(config.notifyRenderThreads) : null;
  const worker = createNotificationWorker({
    pool,
    now: opts.now,
    listenUrl: opts.listenUrl,
    pollMs: config.notifyPollMs,
    concurrency: config.notifyConcurrency,
    reminderHours: config.reminderHours,
    onError: opts.onError,
    retry: {
      maxAttempts: config.notifyMaxAttempts,
      retrySeconds: config.notifyRetrySeconds,
      retryMaxSeconds: config.notifyRetryMaxSeconds,
      // A claim outlives the slowest send (connect + greeting + data, each up to the timeout).
      leaseMs: Math.max(60_000, 4 * Math.max(config.smtpTimeoutMs, config.smsTimeoutMs)),
    },
    outlets: {
      email,
      sms: smsProviderOf(config, opts.now),
      push: (db, n) => addNotification(db, n),
      emailProblem: emailAddressProblem,
      phone: (raw) => normalisePhone(raw),
    },
    render: {
      email: renderPool === null ? renderEmail : (c) => renderPool.email(c),
      sms: renderSms,
      push: renderPush,
    },
    links: {
      manage: (reference, id) =>
        config.bookingLinkTemplate === ''
          ? null
          : config.bookingLinkTemplate
              .replaceAll('{reference}', encodeURIComponent(reference))
              .replaceAll('{id}', id),
      unsubscribe: async (address) =>
        unsubscribeUrl(base, await opts.key(), address, 'show.reminder'),
      reset: (token) => `${base}/account/reset-password?token=${encodeURIComponent(token)}`,
    },
  });
  return {
    ...worker,
    async stop() {
      await worker.stop();
      await email.close();
      await renderPool?.close();
    },
  };
}
