// Runs an e2e stack by hand to look at the counter UI:
// `npx tsx test/e2e/support/dev-stack.ts [demo|fixture] [stations] [rows] [seats per row]`.
// Prints the station URLs and PINs; Ctrl-C stops everything.
import { startE2ePg, startStack } from './stack-e2e.js';

const kind = process.argv[2] === 'fixture' ? 'fixture' : 'demo';
const stations = process.argv[3] === '2' ? 2 : 1;
const pg = await startE2ePg();
const rows = Number(process.argv[4] ?? 8);
const perRow = Number(process.argv[5] ?? 12);
const stack = await startStack(pg, { data: kind, stations, rows, perRow });
process.stdout.write(
  `${JSON.stringify({ server: stack.server.url, stations: stack.stations.map((s) => s.url), data: stack.data, databaseUrl: stack.databaseUrl })}\n`,
);
const stop = () => {
  void stack
    .stop()
    .then(() => pg.stop())
    .then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
