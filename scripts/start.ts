// npm start: runs the product (scripts/start-product.ts) in a process group of its own and relays
// Ctrl-C to it. A terminal's Ctrl-C signals its whole foreground group: PostgreSQL, started by the
// product, would get SIGINT at the same moment and abort in-flight transactions while the server
// still runs. Relayed, the product stops in order: station, server (finishing its work), then
// PostgreSQL. If this process dies, the product notices (the IPC channel closes) and stops too.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const product = path.join(path.dirname(fileURLToPath(import.meta.url)), 'start-product.ts');

if (process.platform === 'win32') {
  // No process groups there; the console delivers Ctrl-C differently.
  await import(product);
} else {
  const child = spawn(process.execPath, [...process.execArgv, product, ...process.argv.slice(2)], {
    detached: true,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  // The product stops once, in order, however many signals arrive.
  const relay = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  process.on('SIGINT', relay);
  process.on('SIGTERM', relay);
  process.on('SIGHUP', relay);
  child.on('exit', (code, signal) => {
    // Normally the group is empty by now. If the product crashed, what it started (the station,
    // PostgreSQL) is still in its group: stop it rather than leave it running.
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // ESRCH: nothing left, as it should be.
    }
    process.exit(code ?? (signal === null ? 1 : 0));
  });
}
