// P6: the virtual printer in a process of its own (a real printer is another device, and decoding
// ESC/POS must not slow the station down). Reports its port, then every job with its arrival time.
import { startVirtualPrinter } from '../../../src-main/printing/virtual-printer.js';
import type { PrinterMsg } from './proc-io.js';

const send = (msg: PrinterMsg): void => {
  process.send?.(msg);
};

const printer = await startVirtualPrinter({ host: '127.0.0.1', port: 0, outDir: null });
printer.onJob((job) => {
  send({
    type: 'job',
    id: job.id,
    receivedAt: performance.timeOrigin + job.receivedHr,
    bytes: job.bytes.length,
    text: job.text.slice(0, 2000),
  });
});
send({ type: 'listening', port: printer.port });
process.on('disconnect', () => {
  void printer.close().then(() => process.exit(0));
});
