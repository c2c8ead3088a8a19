// `npm run printer:virtual`: a virtual ESC/POS printer on a TCP port, writing every job it receives
// as .png (a picture of the paper), .txt (its text) and .bin (the raw bytes). Point a station's printer at
// tcp://127.0.0.1:<port>.
import path from 'node:path';
import { startVirtualPrinter } from '../src-main/printing/virtual-printer.js';

const port = Number(process.env.VIRTUAL_PRINTER_PORT ?? 9100);
const outDir = path.resolve(process.env.VIRTUAL_PRINTER_DIR ?? '.data/printer');
const host = process.env.VIRTUAL_PRINTER_HOST ?? '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `VIRTUAL_PRINTER_PORT must be a port number, got ${JSON.stringify(process.env.VIRTUAL_PRINTER_PORT)}`,
  );
  process.exit(1);
}

try {
  const printer = await startVirtualPrinter({ host, port, outDir });
  console.log(`Virtual printer listening on tcp://${printer.host}:${printer.port}`);
  console.log(`Writing jobs to ${outDir}`);
  printer.onJob((job) => {
    const qr = job.document.items.filter((item) => item.kind === 'qr').length;
    const cuts = job.document.items.filter((item) => item.kind === 'cut').length;
    console.log(
      `job ${job.id} from ${job.remote}: ${job.bytes.length} bytes, ${cuts} cut(s), ${qr} QR → ${job.files?.txt ?? '(memory)'}`,
    );
  });
  const stop = (): void => {
    void printer.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(
    `Virtual printer could not start on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
}
