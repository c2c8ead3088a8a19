// The end of a chaos run (issue 19): every station online with an empty outbox and print queue, tills
// closed by their cashier with what the drawer holds and kiosks closed by staff, every change-log cursor
// at the head; then the servers stop, so the end state holds still for the audit.
import type { ZReportTender } from '../../common/contract/station.js';
import { openPg } from '../../db/pg/client.js';
import { openContract } from '../../scripts/contract-client.js';
import type { Proc } from './processes.js';
import type { StationHandle } from './workload.js';

type Log = (line: string) => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 500 ms; past the timeout it logs what it gave up on and returns (the audit says what is wrong). */
export async function waitFor(
  log: Log,
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) {
      log(`gave up waiting: ${what}`);
      return;
    }
    await sleep(500);
  }
}

export type SyncStatus = { state: string; pendingCount: number; cursor: number; catchUp: unknown };

export async function syncStatus(url: string): Promise<SyncStatus | null> {
  try {
    const c = await openContract(url);
    try {
      const r = await c.call('sync:status', {}, 10_000);
      return r.ok ? (r.value as SyncStatus) : null;
    } finally {
      c.close();
    }
  } catch {
    return null;
  }
}

async function printQueue(url: string): Promise<number> {
  try {
    const c = await openContract(url);
    try {
      const r = await c.call('station:status', {}, 10_000);
      if (!r.ok) return -1;
      const printer = (r.value as { printer?: { queued: number } | null }).printer;
      return printer?.queued ?? 0;
    } finally {
      c.close();
    }
  } catch {
    return -1;
  }
}

async function serverHead(pgUrl: string): Promise<number> {
  const pool = openPg(pgUrl, { max: 1 }).$client;
  try {
    const r = await pool.query<{ head: string | null }>('SELECT max(seq) AS head FROM change_log');
    return Number(r.rows[0]?.head ?? 0);
  } finally {
    await pool.end();
  }
}

/**
 * Settles the run once the load is over and the network healed. Returns the moment the servers
 * stopped: holds are judged as of then.
 */
export async function settle(c: {
  handles: StationHandle[];
  servers: Proc[];
  pgUrl: string;
  log: Log;
}): Promise<Date> {
  const { handles, log } = c;
  await waitFor(log, 'stations caught up', 180_000, async () => {
    const states = await Promise.all(handles.map((h) => syncStatus(h.url)));
    return states.every((s) => s?.state === 'online' && s.pendingCount === 0 && s.catchUp === null);
  });
  await closeTills(
    handles.filter((h) => h.station.kind !== 'door'),
    log,
  );
  await waitFor(log, 'tills uploaded and prints done', 180_000, async () => {
    const states = await Promise.all(handles.map((h) => syncStatus(h.url)));
    const queued = await Promise.all(handles.map((h) => printQueue(h.url)));
    return (
      states.every((s) => s?.state === 'online' && s.pendingCount === 0) &&
      queued.every((q) => q === 0)
    );
  });
  // The servers stop first, so their sweepers write nothing (a hold expiring) that stopped stations
  // could no longer hear of; a change that came in the last moment gets the servers back until heard.
  const caughtUp = async () => {
    const cursors = await Promise.all(handles.map((h) => syncStatus(h.url)));
    const head = await serverHead(c.pgUrl);
    return cursors.every((s) => s !== null && s.cursor >= head);
  };
  for (let attempt = 1; ; attempt++) {
    await waitFor(log, 'cursors equal', 60_000, caughtUp);
    await Promise.all(c.servers.map((s) => s.stop('SIGTERM')));
    if (attempt >= 3 || (await caughtUp().catch(() => false))) break;
    for (const s of c.servers) await s.startRetrying(1000, 30);
  }
  return new Date();
}

/** Counters: the cashier counts exactly what the till expects and closes; kiosks are closed by staff. */
async function closeTills(hs: StationHandle[], log: Log) {
  for (const h of hs) {
    const staff = h.station.staff;
    if (staff === null) continue;
    const c = await openContract(h.url);
    try {
      const signedIn = await c.call('auth:signIn', { staffId: staff.id, pin: staff.pin });
      if (!signedIn.ok) {
        log(`${h.station.name}: could not sign in to close (${signedIn.error.code})`);
        continue;
      }
      if (h.station.kind === 'kiosk') {
        const closed = await c.call('kiosk:close');
        if (!closed.ok) log(`${h.station.name}: kiosk not closed (${closed.error.code})`);
        continue;
      }
      const x = await c.call('till:report');
      if (!x.ok) {
        log(`${h.station.name}: no till to close (${x.error.code})`);
        continue;
      }
      // What is in the drawer: float + sales − money given back − drops, tender by tender.
      const lines = (x.value as { perTender: ZReportTender[] }).perTender;
      const counted = Object.fromEntries(
        lines.map((t) => [t.tender, t.float + t.sales - t.refunds - t.drops]),
      );
      const closed = await c.call('till:close', { counted });
      if (!closed.ok)
        log(`${h.station.name}: till not closed (${closed.error.code}: ${closed.error.message})`);
    } finally {
      c.close();
    }
  }
}
