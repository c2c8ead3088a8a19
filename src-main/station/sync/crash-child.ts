// A station process for the kill -9 test (engine-crash.test.ts): it opens the replica, queues one
// mutation and reports how far it got on stdout, then waits to be killed. Not part of the app.
//   node --import tsx crash-child.ts <dataDir> <serverUrl> <stationId> <secret> <mode> <payload-json>
// mode "queued": say "queued <id>" as soon as the outbox row is committed (server may be down).
// mode "sent":   wait until the mutation went out, say "sent <id>", then freeze the event loop so
//                the server's answer is never recorded — the crash between apply and ack.
import { openLocalDb } from '../local-db.js';
import { createSyncEngine } from './engine.js';

async function main(): Promise<void> {
  const [dataDir, serverUrl, stationId, secret, mode, payload] = process.argv.slice(2);
  if (
    dataDir === undefined ||
    serverUrl === undefined ||
    stationId === undefined ||
    secret === undefined ||
    payload === undefined
  )
    throw new Error(
      'usage: crash-child <dataDir> <serverUrl> <stationId> <secret> <mode> <payload-json>',
    );
  const db = await openLocalDb(dataDir);
  const engine = createSyncEngine({
    db,
    serverUrl,
    stationId,
    secret,
    reconnectMaxMs: 200,
    outboxRetryMs: 200,
  });
  engine.start();
  if (mode === 'sent') {
    while (!engine.isOnline()) await new Promise((r) => setTimeout(r, 5));
  }
  const id = engine.enqueue('sell', JSON.parse(payload) as unknown, { offline: mode === 'queued' });
  if (mode === 'queued') {
    process.stdout.write(`queued ${id}\n`);
  } else {
    const attempts = db.$client.prepare('SELECT attempts FROM outbox WHERE id = ?').pluck();
    while (attempts.get(id) === 0) await new Promise((r) => setImmediate(r));
    process.stdout.write(`sent ${id}\n`);
    // Block the event loop: the ack may arrive on the socket but is never read.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  }
  setInterval(() => undefined, 60_000);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
