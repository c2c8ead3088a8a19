// P6: local sales at a station, in a process of its own, with the virtual printer in another.
// The station syncs its cinema, gets its escrow and its key certified, then goes offline and sells
// escrowed seats one after another through the contract (sales:create), as a cashier would; each
// sale waits for its ticket and receipt to reach the printer before the next one starts.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch, type Session } from '../../../src-main/station/dispatch.js';
import { loadStationConfig } from '../../../src-main/station/config.js';
import { createStation } from '../../../src-main/station/station.js';
import { printerMsg, salesArgs, type PrinterMsg, type SalesResult } from './proc-io.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = (): number => performance.timeOrigin + performance.now();
type Job = Extract<PrinterMsg, { type: 'job' }>;

async function until(what: string, check: () => boolean, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function main(): Promise<void> {
  const args = salesArgs.parse(JSON.parse(process.argv[2] ?? '{}'));
  const hardStop = setTimeout(() => {
    process.stderr.write('station-sales: out of time\n');
    process.exit(3);
  }, args.timeoutMs);
  hardStop.unref();
  const t0 = performance.now();
  const printer = fork(
    path.join(path.dirname(fileURLToPath(import.meta.url)), 'virtual-printer.ts'),
    [],
    {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    },
  );
  const jobs: Job[] = [];
  let port = 0;
  printer.on('message', (raw: unknown) => {
    const m = printerMsg.parse(raw);
    if (m.type === 'listening') port = m.port;
    else jobs.push(m);
  });
  await until('the virtual printer', () => port > 0, 30_000);

  const station = await createStation(
    loadStationConfig(
      {},
      {
        dataDir: args.dataDir,
        serverUrl: args.serverUrl,
        stationId: args.stationId,
        stationSecret: args.secret,
        printerInterface: `tcp://127.0.0.1:${String(port)}`,
        allocationPerCategory: args.perCategory,
        reconnectMaxMs: 500,
        outboxRetryMs: 200,
        logLevel: 'silent',
      },
    ),
  );
  const sql = station.db.$client;
  const escrowed = () =>
    (
      sql
        .prepare(
          "SELECT count(*) AS n FROM show_seats WHERE state = 'allocated' AND station_id = ?",
        )
        .get(args.stationId) as { n: number }
    ).n;
  const expected = () =>
    (
      sql
        .prepare('SELECT count(*) * 2 * ? AS n FROM shows WHERE starts_at > ? AND starts_at < ?')
        .get(args.perCategory, Date.now() + 31 * 60_000, Date.now() + 36 * 3600_000) as {
        n: number;
      }
    ).n;
  const certified = () =>
    sql.prepare("SELECT 1 FROM sync_state WHERE key = 'station_cert'").get() !== undefined;
  await until(
    'catch-up',
    () =>
      station.engine.status().state === 'online' &&
      station.engine.status().catchUp === null &&
      station.engine.status().cursor > 0,
    30_000,
  );
  await until(
    'escrow and key certificate',
    () =>
      certified() &&
      escrowed() >= expected() &&
      expected() > 0 &&
      station.engine.status().pendingCount === 0,
    30_000,
  );
  // Offline from here on: the sales are the station's alone (SQLite, outbox, print queue).
  await station.engine.stop();
  const setupMs = performance.now() - t0;

  const session: Session = { id: 'bench', staff: null };
  const call = async (channel: string, input: unknown): Promise<unknown> => {
    const r = await dispatch(station.contract, station.handlers, channel, input, { session });
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  // Sign-in names the person: the bench cinema's one cashier, then their PIN.
  const people = (await call('auth:people', {})) as { id: string; role: string }[];
  const cashier = people.find((p) => p.role === 'cashier');
  if (cashier === undefined) throw new Error('the bench station has no cashier to sign in');
  await call('auth:signIn', { staffId: cashier.id, pin: args.pin });
  await call('till:open', { float: { cash: 100_000 } });
  const adult = (
    sql.prepare("SELECT id FROM ticket_types WHERE code = 'adult'").get() as { id: string }
  ).id;
  const seats = sql
    .prepare(
      "SELECT show_id, seat_id FROM show_seats WHERE state = 'allocated' AND station_id = ? ORDER BY show_id, seat_id",
    )
    .all(args.stationId) as { show_id: string; seat_id: string }[];

  const result: SalesResult = {
    setupMs,
    escrowedSeats: seats.length,
    certified: certified(),
    firstSalesMs: [],
    saleMs: [],
    ticketBytesMs: [],
    receiptBytesMs: [],
    ticketsPrinted: 0,
    bytesPrinted: 0,
    failures: [],
  };
  let next = 0;
  // The first sales compile the code paths (JIT): reported apart, not in the percentiles.
  const WARM_UP = 5;
  for (let i = 0; i < args.sales + WARM_UP && next < seats.length; i++) {
    // Every third sale is two seats of one show, the others one seat.
    const first = seats[next];
    if (first === undefined) break;
    const second = seats[next + 1];
    const chosen =
      i % 3 === 0 && second !== undefined && second.show_id === first.show_id
        ? [first, second]
        : [first];
    next += chosen.length;
    const showId = chosen[0]?.show_id ?? '';
    const jobsBefore = jobs.length;
    const start = now();
    try {
      await call('sales:create', {
        showId,
        lines: chosen.map((s) => ({ seatId: s.seat_id, ticketTypeId: adult })),
        tenders: [{ tender: 'cash', amountMinor: 10_000 }],
      });
    } catch (e) {
      result.failures.push(e instanceof Error ? e.message : String(e));
      continue;
    }
    const saleMs = now() - start;
    // The queue prints in order: the tickets' job first, then the receipt's.
    await until(`print jobs of sale ${String(i + 1)}`, () => jobs.length >= jobsBefore + 2, 5000);
    const [ticket, receipt] = jobs.slice(jobsBefore, jobsBefore + 2);
    if (ticket === undefined || receipt === undefined) continue;
    if (!ticket.text.includes('Screen 1'))
      result.failures.push(
        `job ${String(ticket.id)} is not the tickets of sale ${String(i + 1)}: ${ticket.text.slice(0, 400)}`,
      );
    if (i < WARM_UP) {
      result.firstSalesMs.push(saleMs);
      continue;
    }
    result.saleMs.push(saleMs);
    result.ticketBytesMs.push(ticket.receivedAt - start);
    result.receiptBytesMs.push(receipt.receivedAt - start);
    result.ticketsPrinted += chosen.length;
    result.bytesPrinted += ticket.bytes + receipt.bytes;
  }
  await station.close();
  printer.disconnect();
  process.send?.(result, () => {
    process.disconnect();
  });
}

main().catch((e: unknown) => {
  process.stderr.write(
    `station-sales: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 1;
  process.disconnect();
});
