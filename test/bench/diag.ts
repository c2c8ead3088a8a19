// --diag: where the time goes during a case. CPU used by each group of processes (sync servers,
// load generators, PostgreSQL backends, the rest of the machine) from /proc, and what PostgreSQL
// sessions are doing (pg_stat_activity sampled every 25 ms). Linux only; off by default.
import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

type Jiffies = { servers: number; load: number; postgres: number; machineBusy: number };

/** USER_HZ on Linux: ticks of /proc CPU times per second. */
export const TICK = 100;

/** A process's parent and the CPU it has used (user + system, in ticks of 10 ms); null when gone. */
export function procStat(pid: number): { ppid: number; cpu: number } | null {
  try {
    const s = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // Fields after the command name, which may contain spaces and is wrapped in parentheses.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpu: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

function machineBusy(): number {
  const cpu =
    readFileSync('/proc/stat', 'utf8').split('\n')[0]?.split(/\s+/).slice(1).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
  return cpu.reduce((a, v, i) => (i === 3 || i === 4 ? a : a + (Number.isFinite(v) ? v : 0)), 0);
}

/** CPU ticks per pid of each group, summed as deltas so processes that exit mid-case still count. */
function createCpuMeter(pids: { servers: number[]; load: () => number[]; postmaster: number }) {
  const last = new Map<number, number>();
  const used: Jiffies = { servers: 0, load: 0, postgres: 0, machineBusy: 0 };
  const firstBusy = machineBusy();
  const add = (group: keyof Jiffies, pid: number, cpu: number): void => {
    const prev = last.get(pid);
    last.set(pid, cpu);
    if (prev !== undefined) used[group] += cpu - prev;
  };
  const tick = (): void => {
    for (const pid of pids.servers) add('servers', pid, procStat(pid)?.cpu ?? last.get(pid) ?? 0);
    for (const pid of pids.load()) add('load', pid, procStat(pid)?.cpu ?? last.get(pid) ?? 0);
    for (const name of readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      const s = procStat(pid);
      if (s !== null && (pid === pids.postmaster || s.ppid === pids.postmaster))
        add('postgres', pid, s.cpu);
    }
  };
  tick();
  return {
    tick,
    done(): Jiffies {
      tick();
      return { ...used, machineBusy: machineBusy() - firstBusy };
    },
  };
}

/** What --diag found during one case. */
export type Diag = { coresUsed: Record<string, number>; pgActivity: Record<string, number> };

/** Starts sampling; stop() returns cores used per group and the share of pg_stat_activity states. */
export function startDiag(
  pool: pg.Pool,
  pids: { servers: number[]; load: () => number[]; postmaster: number },
): { stop(): Promise<Diag> } {
  const t0 = performance.now();
  const meter = createCpuMeter(pids);
  // A backend that starts and exits between two ticks is missed; ticks are 200 ms apart.
  const ticker = setInterval(meter.tick, 200);
  const activity = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = await pool.query<{ what: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' ' || state || ' ' || left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 90) AS what, count(*)::int AS n
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' GROUP BY 1`,
      );
      samples += 1;
      for (const row of r.rows) activity.set(row.what, (activity.get(row.what) ?? 0) + row.n);
      await new Promise((res) => setTimeout(res, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      clearInterval(ticker);
      const used = meter.done();
      const secs = (performance.now() - t0) / 1000;
      const cores = (k: keyof Jiffies) => Math.round((used[k] / TICK / secs) * 100) / 100;
      const machine = cores('machineBusy');
      const coresUsed = {
        servers: cores('servers'),
        loadGenerators: cores('load'),
        postgres: cores('postgres'),
        machine,
        other: 0,
      };
      coresUsed.other =
        Math.round(
          (machine - coresUsed.servers - coresUsed.loadGenerators - coresUsed.postgres) * 100,
        ) / 100;
      const top = [...activity].sort((a, b) => b[1] - a[1]).slice(0, 12);
      return {
        coresUsed,
        pgActivity: Object.fromEntries(
          top.map(([k, n]) => [k, Math.round((n / Math.max(1, samples)) * 100) / 100]),
        ),
      };
    },
  };
}

/** The postmaster's pid, from postmaster.pid in the data folder. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}
