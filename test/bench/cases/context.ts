// What every case gets (database, servers, load processes, data) and what it gives back (table rows
// and its entry in bench-results.json).
import type pg from 'pg';
import type { BenchConfig } from '../bench-config.js';
import type { Job, LoadResult, ShowRef, StationRef } from '../ipc.js';
import { mergeResults, startLoadProcs, type LoadProc } from '../load-procs.js';
import type { SeededChain, SeededCinema } from '../seed.js';
import type { BenchServers } from '../servers.js';
import type { SmtpSink } from '../smtp-sink.js';

/** Shows, layouts and stations of a group of cinemas, in the form load jobs take. */
export type LoadData = {
  shows: ShowRef[];
  layouts: string[][];
  seatPrices: number[][];
  stations: StationRef[];
  cinemaIds: string[];
};

/** Everything seeded for the cases. */
export type BenchData = {
  chain: SeededChain;
  p1: LoadData;
  hot: LoadData;
  p5: SeededCinema;
  p6: SeededCinema;
  secret: string;
};

export type CaseContext = {
  cfg: BenchConfig;
  pool: pg.Pool;
  dbUrl: string;
  servers: BenchServers;
  data: BenchData;
  tmpDir: string;
  /** The SMTP server every bench server sends email to (counts messages and bytes). */
  mail: SmtpSink;
  /** Extra node flags for the station processes of P5 and P6 (e.g. --cpu-prof). */
  stationNodeFlags: string[];
  /** The first `n` load processes (more are started on demand). */
  procs(n: number): Promise<LoadProc[]>;
  log(line: string): void;
  /** Runs `fn`; with --diag, also records where CPU and PostgreSQL time went under `label`. */
  phase<T>(label: string, fn: () => Promise<T>): Promise<T>;
};

/** One line of the printed table. */
export type TableRow = { figure: string; value: string; goal: string; met: 'yes' | 'no' | '' };

/** A case's outcome: its rows and its JSON entry (numbers, goal, met). */
export type CaseResult = {
  rows: TableRow[];
  json: { goal: string; met: boolean } & Record<string, unknown>;
};

/** Turns cinemas into load data: layouts concatenated, show and station indexes rebased. */
export function loadData(cinemas: SeededCinema[]): LoadData {
  const out: LoadData = {
    shows: [],
    layouts: [],
    seatPrices: [],
    stations: [],
    cinemaIds: cinemas.map((c) => c.cinemaId),
  };
  cinemas.forEach((c, ci) => {
    const base = out.layouts.length;
    out.layouts.push(...c.layouts);
    out.seatPrices.push(...c.seatPrices);
    out.shows.push(...c.shows.map((s) => ({ id: s.id, layout: base + s.layout, cinema: ci })));
    out.stations.push(...c.stations.map((id) => ({ id, cinema: ci, staffId: c.cashierId })));
  });
  return out;
}

/** Creates the on-demand pool of load processes behind ctx.procs(). */
export function loadProcPool(): {
  procs(n: number): Promise<LoadProc[]>;
  pids(): number[];
  stop(): Promise<void>;
} {
  const all: LoadProc[] = [];
  return {
    pids: () => all.map((p) => p.pid),
    async procs(n) {
      if (all.length < n) all.push(...(await startLoadProcs(n - all.length)));
      return all.slice(0, n);
    },
    async stop() {
      await Promise.all(all.map((p) => p.stop()));
    },
  };
}

/** Splits `clients` over the processes: [count, offset] per process. */
export function splitClients(clients: number, procs: number): [number, number][] {
  const out: [number, number][] = [];
  let offset = 0;
  for (let i = 0; i < procs; i++) {
    const n = Math.floor(clients / procs) + (i < clients % procs ? 1 : 0);
    out.push([n, offset]);
    offset += n;
  }
  return out.filter(([n]) => n > 0);
}

/** Runs one job per process (made by `make` from its client count and offset) and merges the results. */
export async function runSplit(
  procs: LoadProc[],
  clients: number,
  timeoutMs: number,
  make: (count: number, offset: number) => Job,
): Promise<LoadResult> {
  const parts = splitClients(clients, procs.length);
  const results = await Promise.all(
    parts.map(([n, off], i) => (procs[i] as LoadProc).run(make(n, off), timeoutMs)),
  );
  return mergeResults(results);
}

/** Per-second rate of a count over a result's measured window. */
export function perSec(r: LoadResult, key: string): number {
  return Math.round(((r.counts[key] ?? 0) * 1000) / r.measuredMs);
}

/** Formats a number for the table. */
export function fmt(v: number, unit = ''): string {
  if (!Number.isFinite(v)) return 'n/a';
  const s =
    Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100);
  return unit === '' ? s : `${s} ${unit}`;
}

/** 'yes'/'no' for the table. */
export const yesNo = (ok: boolean): 'yes' | 'no' => (ok ? 'yes' : 'no');
