// Summarizes a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): self time by function and by
// file, heaviest first. Usage: npx tsx test/bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: profile-summary <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? '25');
const p = profileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
p.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, v) => a + v, 0);
const fn = new Map<string, number>();
const files = new Map<string, number>();
for (const [id, us] of selfUs) {
  const f = byId.get(id)?.callFrame;
  if (f === undefined) continue;
  const short = f.url
    .replace(/^.*\/(node_modules\/)/, '$1')
    .replace(/^file:\/\/.*?\/(sync-server|common|db|src-main)\//, '$1/');
  const key = `${f.functionName || '(anonymous)'}  ${short}:${String(f.lineNumber + 1)}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const pkg =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(short)?.[1] ??
    (short === '' ? `(${f.functionName})` : (short.split(':')[0] ?? short));
  files.set(pkg, (files.get(pkg) ?? 0) + us);
}
const show = (title: string, m: Map<string, number>) => {
  process.stdout.write(`\n${title} (of ${(total / 1e6).toFixed(1)} s sampled)\n`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`);
  }
};
show('self time by package / file', files);
show('self time by function', fn);
