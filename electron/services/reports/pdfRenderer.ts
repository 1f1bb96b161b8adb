// Turning the printable page into a PDF needs Chromium. Each host brings its own: Electron's
// printToPDF in the desktop app, Debian's Chromium through playwright-core for the CLI and the
// web host (and the tests).
import fs from 'node:fs';

export interface PdfRenderer {
  /** Print each HTML part and write them, in order, as one PDF. */
  render(parts: string[], outFile: string): Promise<void>;
}

/** Join printed parts into one document (pdf-lib copies pages; no re-rendering). */
export async function joinPdfs(pdfs: Uint8Array[]): Promise<Uint8Array> {
  if (pdfs.length === 1 && pdfs[0]) return pdfs[0];
  const { PDFDocument } = await import('pdf-lib');
  const out = await PDFDocument.create();
  for (const bytes of pdfs) {
    const doc = await PDFDocument.load(bytes);
    for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
  }
  return out.save();
}

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export class ChromiumPdfRenderer implements PdfRenderer {
  constructor(private readonly executablePath = process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p))) {}

  async render(parts: string[], outFile: string): Promise<void> {
    if (!this.executablePath) throw new Error('No Chromium found for PDF export: install chromium or set CHROMIUM_PATH.');
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: this.executablePath, headless: true, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(170_000);
      // the page has no scripts and no network: block everything just the same
      await page.route('**/*', (route) => route.abort());
      const printed: Uint8Array[] = [];
      for (const html of parts) {
        await page.setContent(html, { waitUntil: 'load' });
        printed.push(await page.pdf({ format: 'A4', landscape: true, printBackground: true }));
      }
      fs.writeFileSync(outFile, await joinPdfs(printed));
    } finally {
      await browser.close();
    }
  }
}
