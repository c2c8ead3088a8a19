// Latency checks that a busy CI machine does not flake: one stall (a GC pause, a slow fsync) can
// make a single sample late, so acceptance bounds are asserted on the median of a few samples.
// The real figures come from `npm run bench`.

/** Runs `sample` `n` times one after another and returns the median of what it measured (ms). */
export async function medianMs(n: number, sample: (i: number) => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await sample(i));
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}
