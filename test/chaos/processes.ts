// The chaos run's real processes: sync servers and stations are the product's own entry points
// (`sync-server/server.ts`, `src-main/shell-web/main.ts`), started, SIGKILLed and started again on the
// same port and data folder, with their output kept in the run folder for whoever reads a failure.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

/** A restartable child process that says it is ready with a line matching `ready`. */
export type Proc = {
  name: string;
  start(): Promise<void>;
  /** Stops it with `signal` and waits for it to be gone. */
  stop(signal: NodeJS.Signals): Promise<void>;
  running(): boolean;
  /** Starts it, and again after `pauseMs` while it fails to start, as a supervisor would. */
  startRetrying(pauseMs: number, tries: number): Promise<number>;
  /** Exits nobody asked for (a crash), with their code or signal. */
  crashes: string[];
};

export function nodeProcess(o: {
  name: string;
  script: string;
  env: Record<string, string>;
  logDir: string;
  ready: RegExp;
  startTimeoutMs?: number;
}): Proc {
  mkdirSync(o.logDir, { recursive: true });
  const log = createWriteStream(path.join(o.logDir, `${o.name}.log`), { flags: 'a' });
  let child: ChildProcess | null = null;
  let stopping = false;
  const crashes: string[] = [];
  const proc: Proc = {
    name: o.name,
    crashes,
    startRetrying: async (pauseMs, tries) => {
      for (let i = 1; ; i++) {
        try {
          await proc.start();
          return i;
        } catch (e) {
          if (i >= tries) throw e;
          await new Promise((r) => setTimeout(r, pauseMs));
        }
      }
    },
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    start: () =>
      new Promise<void>((resolve, reject) => {
        stopping = false;
        log.write(`\n== start ${new Date().toISOString()}\n`);
        const c = spawn(process.execPath, ['--import', 'tsx', o.script], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, ...o.env },
        });
        child = c;
        let seen = '';
        let ready = false;
        const timer = setTimeout(() => {
          reject(
            new Error(`${o.name} did not start within ${String(o.startTimeoutMs ?? 120_000)} ms`),
          );
        }, o.startTimeoutMs ?? 120_000);
        c.stdout.on('data', (d: Buffer) => {
          log.write(d);
          if (ready) return;
          seen += d.toString();
          if (o.ready.test(seen)) {
            ready = true;
            clearTimeout(timer);
            resolve();
          }
        });
        c.stderr.on('data', (d: Buffer) => log.write(d));
        c.once('exit', (code, signal) => {
          clearTimeout(timer);
          log.write(`== exit ${String(code ?? signal)} ${new Date().toISOString()}\n`);
          if (stopping) return;
          // Before it was ready it did not start (e.g. its database is down); after, it crashed.
          if (ready) crashes.push(`${o.name} exited by itself (${String(code ?? signal)})`);
          else
            reject(new Error(`${o.name} exited (${String(code ?? signal)}) before it was ready`));
        });
      }),
    stop: (signal) =>
      new Promise<void>((resolve) => {
        const c = child;
        if (c === null || c.exitCode !== null || c.signalCode !== null) {
          resolve();
          return;
        }
        stopping = true;
        const force = setTimeout(() => c.kill('SIGKILL'), 15_000);
        c.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        c.kill(signal);
      }),
  };
  return proc;
}

/** A chaos run's sync server: test gateway, short holds, fast sweeps, no per-client caps, mail to files. */
export function syncServerEnv(o: {
  port: number;
  dir: string;
  pgUrl: string;
  gatewaySecret: string;
  sweepMs: number;
}): Record<string, string> {
  const { port, dir } = o;
  return {
    DATABASE_URL: o.pgUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    PAYMENT_PROVIDER: 'test',
    TEST_GATEWAY_SECRET: o.gatewaySecret,
    TEST_GATEWAY_DELAY_SECONDS: '2',
    // Short enough that holds abandoned early expire within the run, long enough to outlast a
    // partition or a server restart between a counter's hold and its sale.
    HOLD_TTL_SECONDS: '120',
    HOLD_SWEEP_MS: String(o.sweepMs),
    CHANGE_LOG_POLL_MS: '100',
    HEARTBEAT_MS: '2000',
    // Every buyer comes from this machine's address: the per-client caps would stop the crowd.
    HOLDS_PER_CLIENT_PER_SHOW: '0',
    HOLDS_PER_CLIENT: '0',
    HELD_SEATS_PER_CLIENT_PER_SHOW: '0',
    HOLD_WRITES_PER_CLIENT_PER_MINUTE: '0',
    MAIL_TRANSPORT: 'file',
    MAIL_DIR: path.join(dir, 'mail'),
    SMS_PROVIDER: 'file',
    SMS_DIR: path.join(dir, 'sms'),
    BACKUP_EVERY_HOURS: '0',
    PUBLIC_URL: `http://127.0.0.1:${String(port)}`,
  };
}
