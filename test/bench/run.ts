// Placeholder until the benchmark issue: it says so and exits with an error, so nobody mistakes it for figures.
process.stderr.write('npm run bench: the benchmarks (P1–P7) are not written yet; see the benchmark issue.\n');
process.exit(1);
