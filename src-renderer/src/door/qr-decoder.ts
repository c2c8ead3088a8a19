/// <reference types="vite/client" />
// The door camera's QR decoder: the Barcode Detection API as the `barcode-detector` ponyfill gives it
// (ZXing compiled to WebAssembly). The wasm file is bundled with the renderer and loaded from the
// station itself: the library's default would fetch it from a CDN, and a door runs offline.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import readerWasm from 'zxing-wasm/reader/zxing_reader.wasm?url';

let prepared = false;

/** A QR decoder for video frames; the wasm is loaded once, on first use. */
export function createQrDecoder(): { decode: (frame: HTMLVideoElement) => Promise<string[]> } {
  if (!prepared) {
    prepared = true;
    prepareZXingModule({
      overrides: {
        locateFile: (file: string, prefix: string) =>
          file.endsWith('.wasm') ? new URL(readerWasm, document.baseURI).href : prefix + file,
      },
    });
  }
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  return {
    decode: async (frame) => (await detector.detect(frame)).map((b) => b.rawValue),
  };
}
