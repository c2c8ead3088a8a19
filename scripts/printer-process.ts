// The demo's virtual printer in a process of its own, as a real printer is a device of its own:
// drawing each job as a PNG takes 10–25 ms of CPU, which must not stall the sync server's event loop.
import { spawn } from 'node:child_process';

/** A running virtual printer process. */
export type PrinterProcess = { port: number; stop(): Promise<void> };

/** Starts scripts/printer-virtual.ts on `port` (0 = any); resolves once it listens, or null if it could not start. */
export async function startPrinterProcess(
  port: number,
  outDir: string,
): Promise<PrinterProcess | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/printer-virtual.ts'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      VIRTUAL_PRINTER_PORT: String(port),
      VIRTUAL_PRINTER_DIR: outDir,
      VIRTUAL_PRINTER_HOST: '127.0.0.1',
    },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const listening = await new Promise<number | null>((resolve) => {
    let out = '';
    const timer = setTimeout(() => resolve(null), 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on tcp:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  // Its per-job log lines would crowd the terminal; the jobs themselves are in outDir.
  child.stdout.resume();
  if (listening === null) {
    child.kill('SIGKILL');
    if (stderr.trim() !== '' && port === 0) process.stderr.write(stderr);
    return null;
  }
  return {
    port: listening,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
