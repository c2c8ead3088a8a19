// P8's measurements: server RSS and kernel TCP memory sampled from /proc, and slow-paced probes of
// /health and the public seat map whose latency shows whether the server still answers promptly.
import { readFileSync } from 'node:fs';
import { summarize, type LatencySummary } from '../stats.js';

/** Resident memory of a process in MB (VmRSS of /proc/<pid>/status); NaN when unreadable. */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Memory the kernel holds for TCP sockets, machine-wide, in MB (/proc/net/sockstat, 4 kB pages). */
export function tcpMemMb(): number {
  try {
    const m = /TCP:.* mem (\d+)/.exec(readFileSync('/proc/net/sockstat', 'utf8'));
    return m ? (Number(m[1]) * 4096) / 1024 ** 2 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Samples RSS of every pid (and kernel TCP memory) until stopped; keeps the peaks. */
export function sampleMemory(
  pids: number[],
  everyMs = 200,
): { stop(): { peakRssMb: number[]; peakTcpMemMb: number; samples: number } } {
  const peaks = pids.map(rssMb);
  let peakTcp = tcpMemMb();
  let samples = 0;
  const timer = setInterval(() => {
    samples += 1;
    pids.forEach((pid, i) => {
      const v = rssMb(pid);
      if (v > (peaks[i] ?? 0)) peaks[i] = v;
    });
    peakTcp = Math.max(peakTcp, tcpMemMb());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return {
        peakRssMb: peaks.map((v) => Math.round(v)),
        peakTcpMemMb: Math.round(peakTcp),
        samples,
      };
    },
  };
}

/** What a probe saw: latencies per target, statuses, failures. */
export type ProbeResult = {
  health: LatencySummary;
  seatMap: LatencySummary;
  statuses: Record<string, number>;
  failures: number;
  errorSamples: string[];
};

const PROBE_TIMEOUT_MS = 10_000;
const PROBE_GAP_MS = 20;

/**
 * Probes /health and GET /api/v1/shows/{id}/seats, one request at a time each, every 20 ms, until
 * stop(). A probe that fails or times out counts with the time it took (at most 10 s).
 */
export function startProbes(urls: string[], showIds: string[]): { stop(): Promise<ProbeResult> } {
  let running = true;
  const lat: Record<'health' | 'seatMap', number[]> = { health: [], seatMap: [] };
  const statuses: Record<string, number> = {};
  const errors: string[] = [];
  let failures = 0;
  const loop = async (which: 'health' | 'seatMap'): Promise<void> => {
    for (let i = 0; running && i < 100_000; i++) {
      const base = urls[i % urls.length] ?? '';
      const show = showIds[Math.floor(Math.random() * showIds.length)] ?? '';
      const url = which === 'health' ? `${base}/health` : `${base}/api/v1/shows/${show}/seats`;
      const t0 = performance.now();
      try {
        const r = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await r.arrayBuffer();
        const key = `${which} ${String(r.status)}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
        if (r.status !== 200) failures += 1;
      } catch (e) {
        failures += 1;
        if (errors.length < 5)
          errors.push(`${which}: ${e instanceof Error ? e.message : String(e)}`);
      }
      lat[which].push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, PROBE_GAP_MS));
    }
  };
  const done = Promise.all([loop('health'), loop('seatMap')]);
  return {
    async stop() {
      running = false;
      await done;
      return {
        health: summarize(lat.health),
        seatMap: summarize(lat.seatMap),
        statuses,
        failures,
        errorSamples: errors,
      };
    },
  };
}
