// The bench's outputs: a table on stdout (figure, value, goal, met?) and bench-results.json.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { TableRow } from './cases/context.js';

/** Prints rows as an aligned text table. */
export function printTable(rows: TableRow[], write: (s: string) => void): void {
  const head: TableRow = { figure: 'figure', value: 'value', goal: 'goal', met: '' };
  const all = [head, ...rows];
  const w = {
    figure: Math.max(...all.map((r) => r.figure.length)),
    value: Math.max(...all.map((r) => r.value.length)),
    goal: Math.max(...all.map((r) => r.goal.length)),
  };
  const line = (r: TableRow, met: string) =>
    `| ${r.figure.padEnd(w.figure)} | ${r.value.padStart(w.value)} | ${r.goal.padEnd(w.goal)} | ${met.padEnd(4)} |`;
  const rule = `|${'-'.repeat(w.figure + 2)}|${'-'.repeat(w.value + 2)}|${'-'.repeat(w.goal + 2)}|------|`;
  write(`${line(head, 'met?')}\n${rule}\n`);
  for (const r of rows) write(`${line(r, r.met)}\n`);
}

/** Facts about the machine and the run, stored with the results. */
export function runMeta(extra: Record<string, unknown>): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverageAtEnd: os.loadavg().map((v) => Math.round(v * 100) / 100),
    ...extra,
  };
}

/** Writes the results file (pretty JSON). */
export function writeResults(file: string, results: Record<string, unknown>): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
