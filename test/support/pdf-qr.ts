// Reads a PDF as a person with a phone would: each page rendered to pixels the way a viewer draws
// it (mupdf, 2× scale, RGB on white), its QR code decoded (jsQR), and its text.
import jsQR, { type QRCode } from 'jsqr';
import * as mupdf from 'mupdf';

/** One rendered page: its text, the decoded QR (null if none) and where jsQR found it. */
export type PdfPage = { text: string; qr: string | null; found: QRCode | null };

/** The pages of `pdf`. */
export function readPdfPages(pdf: Uint8Array): PdfPage[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pages: PdfPage[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const pix = page.toPixmap(mupdf.Matrix.scale(2, 2), mupdf.ColorSpace.DeviceRGB, false, true);
    const [w, h] = [pix.getWidth(), pix.getHeight()];
    const rgb = pix.getPixels();
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let p = 0; p < w * h; p++) {
      rgba.set(rgb.subarray(p * 3, p * 3 + 3), p * 4);
      rgba[p * 4 + 3] = 255;
    }
    const found = jsQR(rgba, w, h);
    pages.push({
      text: page.toStructuredText('preserve-whitespace').asText(),
      qr: found?.data ?? null,
      found,
    });
  }
  return pages;
}
