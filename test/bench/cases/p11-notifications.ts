// P11: what the notification worker sustains. Confirmed bookings (2 tickets each) are written in
// SQL, then one 'booking.confirmed' email per booking is queued in one commit; the servers' workers
// (MAIL_TRANSPORT=smtp) render each (HTML, text, PDF tickets with QR codes, .ics) and send it to the
// bench's SMTP sink. Emails/s is timed from that commit to the last sent_at. The same for SMS through
// the file sink; then push latency, commit → arrival on a customer's open /api/v1/me/live socket.
import { procStat, TICK } from '../diag.js';
import { summarize } from '../stats.js';
import { fmt, yesNo, type CaseContext, type CaseResult } from './context.js';
import { measurePush } from './p11-push.js';
import {
  cancelUnclaimed,
  queueConfirmations,
  seedConfirmedBookings,
  waitForQueue,
  type QueueState,
} from './p11-setup.js';

// Above P9's goal of 150 confirmed purchases/s, so an on-sale rush never builds a backlog of
// confirmations; and a push is "live" while it comes within a second.
const GOAL_EMAILS_PER_SEC = 200;
const GOAL_PUSH_P99 = 1000;
const TICKETS_PER_BOOKING = 2;

/** Messages/s from the commit that queued them to the last one sent. */
function rateOf(s: QueueState, committedAt: number): number {
  if (s.lastSentAt === null || s.sent === 0) return 0;
  return Math.round((s.sent * 1000) / Math.max(1, s.lastSentAt - committedAt));
}

/** CPU the server processes have used so far, in ms (NaN where /proc is not there). */
function serverCpuMs(pids: number[]): number {
  return pids.reduce((a, pid) => a + ((procStat(pid)?.cpu ?? Number.NaN) * 1000) / TICK, 0);
}

/** Runs one channel's batch: queue, wait, return the state, the rate and server CPU per message. */
async function sendBatch(
  ctx: CaseContext,
  channel: 'email' | 'sms',
  bookingIds: string[],
  to: (i: number) => string,
  timeoutMs: number,
) {
  const prefix = `bench:p11:${channel}:`;
  const cpu0 = serverCpuMs(ctx.servers.pids);
  const committedAt = await queueConfirmations(ctx.pool, prefix, channel, bookingIds, to);
  const state = await ctx.phase(`P11 ${channel}`, () => waitForQueue(ctx.pool, prefix, timeoutMs));
  const perSec = rateOf(state, committedAt);
  // CPU per message sent is what the machine's other work cannot change (the rate it can, ±50 %).
  const cpuMsPerMessage = (serverCpuMs(ctx.servers.pids) - cpu0) / Math.max(1, state.sent);
  const cancelled = state.timedOut ? await cancelUnclaimed(ctx.pool, prefix) : 0;
  const firstMs = state.firstSentAt === null ? Number.NaN : state.firstSentAt - committedAt;
  ctx.log(
    `P11 ${channel}: ${String(state.sent)} sent, ${String(state.dead)} dead, ${String(state.retrying)} retrying${state.timedOut ? `, timed out (${String(cancelled)} never claimed, cancelled)` : ''}; ${String(perSec)}/s`,
  );
  return {
    ...state,
    perSec,
    cancelled,
    cpuMsPerMessage: Math.round(cpuMsPerMessage * 10) / 10,
    firstSentMs: Math.round(firstMs),
    committedAt,
  };
}

/** Runs P11. */
export async function runP11(ctx: CaseContext): Promise<CaseResult> {
  const { p11 } = ctx.cfg;
  const base = ctx.servers.urls[0] ?? '';
  // Earlier cases' confirmations (P9) must be out of the way, or they would be counted here.
  const backlog = await waitForQueue(ctx.pool, '', 60_000);
  if (backlog.timedOut) ctx.log(`P11: ${String(backlog.open)} earlier messages still queued`);
  const t0 = performance.now();
  const bookingIds = await seedConfirmedBookings(
    ctx.pool,
    ctx.data.p5.cinemaId,
    ctx.data.chain.ticketTypes.adult,
    p11.messages,
    TICKETS_PER_BOOKING,
  );
  ctx.log(
    `P11: ${String(bookingIds.length)} confirmed bookings written in ${String(Math.round(performance.now() - t0))} ms; ${String(p11.messages)} emails to the SMTP sink`,
  );

  ctx.mail.reset();
  const email = await sendBatch(
    ctx,
    'email',
    bookingIds,
    (i) => `buyer-${String(i)}@example.com`,
    p11.timeoutMs,
  );
  const sink = ctx.mail.received();
  const avgEmailBytes = sink.messages === 0 ? 0 : Math.round(sink.bytes / sink.messages);

  // Ofcom's drama range (+44 7700 900000–900999): never a real subscriber.
  const sms = await sendBatch(
    ctx,
    'sms',
    bookingIds,
    (i) => `+447700900${String(i % 1000).padStart(3, '0')}`,
    p11.timeoutMs,
  );

  ctx.log(`P11 push: ${String(p11.pushes)} messages, one at a time, to an open socket`);
  const push = await ctx.phase('P11 push', () =>
    measurePush(base, ctx.pool, bookingIds, p11.pushes, 5000),
  );
  const lat = summarize(push.latencies);

  const emailMet =
    email.perSec >= GOAL_EMAILS_PER_SEC && email.sent === p11.messages && !email.timedOut;
  const pushMet = lat.p99 < GOAL_PUSH_P99 && push.missed === 0;
  const counts = (s: QueueState) => `${fmt(s.sent)} / ${fmt(s.dead)} / ${fmt(s.retrying)}`;
  return {
    rows: [
      {
        figure: `P11 emails/s (PDF tickets, SMTP, ${String(p11.messages)} queued)`,
        value: fmt(email.perSec),
        goal: `≥ ${String(GOAL_EMAILS_PER_SEC)}`,
        met: yesNo(emailMet),
      },
      {
        figure: 'P11 email: sent / dead / retrying; at sink',
        value: `${counts(email)}; ${fmt(sink.messages)}`,
        goal: `all ${String(p11.messages)} sent`,
        met: yesNo(email.sent === p11.messages && sink.messages === email.sent),
      },
      {
        figure: 'P11 server CPU per email; emails/s per core',
        value: `${fmt(email.cpuMsPerMessage, 'ms')}; ${fmt(1000 / email.cpuMsPerMessage)}`,
        goal: '',
        met: '',
      },
      {
        figure: 'P11 average email size',
        value: fmt(avgEmailBytes / 1024, 'kB'),
        goal: '',
        met: '',
      },
      {
        figure: 'P11 SMS/s (file sink); sent / dead / retrying',
        value: `${fmt(sms.perSec)}; ${counts(sms)}`,
        goal: '',
        met: '',
      },
      {
        figure: 'P11 push commit → socket p50 / p99',
        value: `${fmt(lat.p50)} / ${fmt(lat.p99)} ms`,
        goal: `p99 < ${String(GOAL_PUSH_P99)} ms`,
        met: yesNo(pushMet),
      },
    ],
    json: {
      goal: `worker delivers ≥ ${String(GOAL_EMAILS_PER_SEC)} emails/s with PDF tickets to a local SMTP server; push to an open socket p99 < ${String(GOAL_PUSH_P99)} ms`,
      met: emailMet && pushMet,
      servers: ctx.cfg.servers,
      ticketsPerBooking: TICKETS_PER_BOOKING,
      backlogAtStart: backlog.open,
      email: {
        queued: p11.messages,
        perSec: email.perSec,
        sent: email.sent,
        dead: email.dead,
        retrying: email.retrying,
        timedOut: email.timedOut,
        cancelled: email.cancelled,
        serverCpuMsPerEmail: email.cpuMsPerMessage,
        firstSentMs: email.firstSentMs,
        allSentMs: email.lastSentAt === null ? null : email.lastSentAt - email.committedAt,
        atSink: sink.messages,
        sinkConnections: sink.connections,
        avgBytes: avgEmailBytes,
      },
      sms: {
        queued: p11.messages,
        perSec: sms.perSec,
        sent: sms.sent,
        dead: sms.dead,
        retrying: sms.retrying,
        timedOut: sms.timedOut,
        cancelled: sms.cancelled,
        serverCpuMsPerSms: sms.cpuMsPerMessage,
        firstSentMs: sms.firstSentMs,
      },
      push: { messages: p11.pushes, latencyMs: lat, missed: push.missed },
    },
  };
}
