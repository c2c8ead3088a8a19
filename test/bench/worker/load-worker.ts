// A load-generator process, forked by the bench with `--import tsx`. It runs the jobs the parent
// sends over IPC one at a time and answers each with its result. It never starts work on its own.
import { parentMsg, type Job, type LoadResult, type WorkerMsg } from '../ipc.js';
import { runClosedLoop } from './closed-loop.js';
import { holdOps } from './hold-ops.js';
import { finishSubscribers, openSubscribers } from './live-subs.js';
import { mixedOps } from './mixed-ops.js';
import { runRateHolds } from './rate-holds.js';
import { readOps } from './read-ops.js';

const send = (msg: WorkerMsg): void => {
  process.send?.(msg);
};

async function run(job: Job): Promise<LoadResult> {
  switch (job.kind) {
    case 'holds': {
      const ops = await holdOps(job);
      try {
        return await runClosedLoop({
          clients: job.clients,
          warmupMs: job.warmupMs,
          durationMs: job.durationMs,
          op: ops.op,
        });
      } finally {
        await ops.close();
      }
    }
    case 'mixed': {
      const ops = await mixedOps(job);
      try {
        const result = await runClosedLoop({
          clients: job.webClients + job.stationClients,
          warmupMs: job.warmupMs,
          durationMs: job.durationMs,
          op: ops.op,
          done: () => job.maxSeatChanges > 0 && ops.totals().seatChanges >= job.maxSeatChanges,
        });
        const t = ops.totals();
        return {
          ...result,
          counts: {
            ...result.counts,
            totalSeatChanges: t.seatChanges,
            totalSeatsSold: t.seatsSold,
            totalSeatsVoided: t.seatsVoided,
          },
        };
      } finally {
        await ops.close();
      }
    }
    case 'reads': {
      const ops = readOps(job);
      try {
        return await runClosedLoop({
          clients: job.clients,
          warmupMs: job.warmupMs,
          durationMs: job.durationMs,
          op: ops.op,
        });
      } finally {
        await ops.close();
      }
    }
    case 'rate-holds':
      return runRateHolds(job);
    case 'subs-open':
      return openSubscribers(job.serverUrls, job.showIds, job.count, job.offset);
    case 'subs-finish':
      return finishSubscribers(job.records);
  }
}

let queue: Promise<void> = Promise.resolve();
process.on('message', (raw: unknown) => {
  const parsed = parentMsg.safeParse(raw);
  if (!parsed.success) {
    process.stderr.write(
      `load worker: bad message from the bench: ${parsed.error.message.slice(0, 300)}\n`,
    );
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'exit') {
    process.disconnect();
    return;
  }
  queue = queue.then(async () => {
    try {
      send({ type: 'result', id: msg.id, result: await run(msg.job) });
    } catch (e) {
      send({
        type: 'failed',
        id: msg.id,
        message: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
    }
  });
});
// The parent going away ends this process too: no orphaned load generators.
process.on('disconnect', () => {
  setTimeout(() => process.exit(0), 200).unref();
});
send({ type: 'ready' });
