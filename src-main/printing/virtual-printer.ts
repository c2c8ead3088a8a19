// A printer on a TCP port for tests and for running the station without hardware (DESIGN §8): it
// keeps each job's bytes, decodes them, writes what the paper would show as .txt and .png next to
// the raw .bin, answers DLE EOT status requests, and can misbehave on purpose.
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PrinterDialect } from './code-pages.js';
import { decodeEscPos } from './escpos-decoder.js';
import { renderDocumentPng } from './escpos-png.js';
import { renderDocumentText } from './escpos-render.js';
import type { DecodedDocument } from './escpos-types.js';
import { splitAtCuts, statusAnswers, type FaultKind } from './virtual-printer-io.js';

export type { FaultKind } from './virtual-printer-io.js';

/** How the virtual printer misbehaves; `closeAfterBytes` applies to 'close-mid-job' (default 64). */
export type VirtualPrinterFault = { kind: FaultKind; closeAfterBytes?: number };

/** Where and how the virtual printer runs. */
export type VirtualPrinterOptions = {
  host?: string;
  /** 0 picks a free port. Default 9100. */
  port?: number;
  /** Folder for .txt/.bin/.png files; null keeps jobs in memory only. */
  outDir?: string | null;
  dialect?: PrinterDialect | 'auto';
  /** 'connection': one job per connection; 'cut': also a new job after every cut. */
  split?: 'connection' | 'cut';
  /** Columns for the .txt and .png renderings (48 → 576 dots, 32 → 384); default: inferred per job. */
  widthChars?: number;
  fault?: VirtualPrinterFault;
  /** Told when a job's picture cannot be drawn; the job and its .txt/.bin are kept. Default: stderr. */
  onPngError?: (job: VirtualPrinterJob, error: unknown) => void;
};

/** One received job. */
export type VirtualPrinterJob = {
  id: number;
  receivedAt: string;
  /** performance.now() when the job's last byte arrived, for latency measurements in-process. */
  receivedHr: number;
  remote: string;
  bytes: Buffer;
  document: DecodedDocument;
  text: string;
  /** The connection broke before the job ended (the paper shows a partial job). */
  aborted: boolean;
  /**
   * The job's files, null without an output folder. The .png is drawn just after the job is
   * announced (so drawing never delays it; `settled()` waits for it) and is null if drawing failed.
   */
  files: { txt: string; bin: string; png: string | null } | null;
};

/** A running virtual printer. */
export type VirtualPrinter = {
  host: string;
  port: number;
  /** Jobs received so far, oldest first. */
  jobs(): readonly VirtualPrinterJob[];
  /** Calls `listener` for every job once its files are written; returns an unsubscribe function. */
  onJob(listener: (job: VirtualPrinterJob) => void): () => void;
  /** Resolves with the next job received after this call, or rejects after `timeoutMs`. */
  nextJob(timeoutMs?: number): Promise<VirtualPrinterJob>;
  /** Resolves once every file of the jobs received so far, pictures included, is written. */
  settled(): Promise<void>;
  /** Changes the fault; 'offline' stops listening so connections are refused. */
  setFault(fault: VirtualPrinterFault): Promise<void>;
  close(): Promise<void>;
};

/** Starts a virtual printer and resolves once it listens. */
export async function startVirtualPrinter(
  options: VirtualPrinterOptions = {},
): Promise<VirtualPrinter> {
  const host = options.host ?? '127.0.0.1';
  const outDir = options.outDir ?? null;
  if (outDir !== null) await mkdir(outDir, { recursive: true });
  const jobs: VirtualPrinterJob[] = [];
  const listeners = new Set<(job: VirtualPrinterJob) => void>();
  const sockets = new Set<net.Socket>();
  const pendingWrites = new Set<Promise<void>>();
  let fault: VirtualPrinterFault = options.fault ?? { kind: 'none' };
  let nextId = 1;

  // Drawing takes tens of milliseconds of CPU, so it waits for the next turn of the event loop: the
  // announcement goes out first. A failure to draw costs the picture, never the job.
  const writePicture = async (job: VirtualPrinterJob, file: string): Promise<void> => {
    await nextTurn();
    try {
      await writeFile(
        file,
        renderDocumentPng(
          job.document,
          options.widthChars === undefined ? {} : { widthChars: options.widthChars },
        ),
      );
    } catch (error) {
      if (job.files) job.files.png = null;
      try {
        (options.onPngError ?? reportPngError)(job, error);
      } catch {
        // Like a listener, the error callback must not break the printer.
      }
    }
  };

  const record = (bytes: Buffer, remote: string, aborted: boolean): void => {
    const document = decodeEscPos(bytes, { dialect: options.dialect ?? 'auto' });
    if (
      !aborted &&
      !document.items.some((item) => item.kind !== 'codepage') &&
      document.warnings.length === 0
    )
      return;
    const receivedHr = performance.now();
    const job: VirtualPrinterJob = {
      id: nextId++,
      receivedAt: new Date().toISOString(),
      receivedHr,
      remote,
      bytes,
      document,
      aborted,
      files: null,
      text: renderDocumentText(
        document,
        options.widthChars === undefined ? {} : { width: options.widthChars },
      ),
    };
    jobs.push(job);
    const write = (async () => {
      if (outDir !== null) {
        const base = path.join(
          outDir,
          `${job.receivedAt.replace(/[:.]/g, '-')}-job-${String(job.id).padStart(4, '0')}`,
        );
        job.files = { txt: `${base}.txt`, bin: `${base}.bin`, png: `${base}.png` };
        await writeFile(job.files.txt, job.text).catch(() => undefined);
        await writeFile(job.files.bin, job.bytes).catch(() => undefined);
      }
      for (const listener of listeners) {
        try {
          listener(job);
        } catch {
          // A listener's bug must not stop the printer from taking the next job.
        }
      }
      const picture = job.files?.png ?? null;
      if (picture !== null) await writePicture(job, picture);
    })();
    pendingWrites.add(write);
    void write.finally(() => pendingWrites.delete(write));
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    const connectionFault = fault;
    if (connectionFault.kind === 'reset') {
      socket.resetAndDestroy();
      return;
    }
    if (connectionFault.kind === 'garbage')
      socket.write(Buffer.from('\xff\xfe\x00GARBAGE\r\n', 'latin1'));
    let pending: Buffer = Buffer.alloc(0);
    let tail: Buffer = Buffer.alloc(0);
    let total = 0;
    let done = false;
    socket.on('data', (received: Buffer) => {
      if (done) return;
      // Closing mid-job: bytes after the cut-off point are never seen, so never answered either.
      const limit =
        connectionFault.kind === 'close-mid-job'
          ? (connectionFault.closeAfterBytes ?? 64)
          : Infinity;
      const chunk = received.subarray(0, Math.max(0, limit - total));
      const answers = statusAnswers(tail, chunk, connectionFault.kind);
      if (answers.length > 0) socket.write(answers);
      tail = Buffer.concat([tail, chunk]).subarray(-2);
      // Out of paper: the printer answers status but prints nothing.
      if (connectionFault.kind === 'paper-out') return;
      pending = Buffer.concat([pending, chunk]);
      total += chunk.length;
      if (total >= limit) {
        done = true;
        record(pending, remote, true);
        socket.destroy();
        return;
      }
      if (options.split === 'cut') {
        const { complete, rest } = splitAtCuts(pending, options.dialect ?? 'auto');
        for (const job of complete) record(job, remote, false);
        pending = rest;
      }
    });
    socket.on('end', () => {
      if (!done && pending.length > 0) record(pending, remote, false);
      done = true;
      socket.end();
    });
    // A sender that resets instead of closing still leaves what it sent on the paper.
    socket.on('close', () => {
      if (!done && pending.length > 0) record(pending, remote, true);
      done = true;
    });
  });

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  const closeServer = (): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

  const port = await listen(options.port ?? 9100);
  if (fault.kind === 'offline') await closeServer();

  const onJob = (listener: (job: VirtualPrinterJob) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  return {
    host,
    port,
    jobs: () => jobs,
    onJob,
    nextJob: (timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        // Listeners hear of a job only after its files are written, so a job received before this
        // call can still be announced after it; only a job received from now on is the next one.
        const firstId = nextId;
        const timer = setTimeout(() => {
          off();
          reject(new Error(`no print job within ${timeoutMs} ms`));
        }, timeoutMs);
        const off = onJob((job) => {
          if (job.id < firstId) return;
          clearTimeout(timer);
          off();
          resolve(job);
        });
      }),
    async settled() {
      await Promise.all([...pendingWrites]);
    },
    async setFault(next) {
      const wasOffline = fault.kind === 'offline';
      fault = next;
      if (next.kind === 'offline' && !wasOffline) await closeServer();
      if (next.kind !== 'offline' && wasOffline) await listen(port);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await closeServer();
      await Promise.all([...pendingWrites]);
    },
  };
}

function reportPngError(job: VirtualPrinterJob, error: unknown): void {
  process.stderr.write(
    `virtual printer: no picture for job ${job.id}: ${error instanceof Error ? error.message : String(error)}\n`,
  );
}
