// PDF exports in the desktop host: Electron's own printToPDF on a hidden, script-less window in a
// throwaway session, one printable part at a time, joined into one file.
import { BrowserWindow, dialog } from 'electron';
import fs from 'node:fs';
import type { PdfRenderer } from '../../services/reports/pdfRenderer';
import { joinPdfs } from '../../services/reports/pdfRenderer';

export class ElectronPdfRenderer implements PdfRenderer {
  async render(parts: string[], outFile: string): Promise<void> {
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        partition: 'noc-print', // no cookies, no cache shared with the console
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    // the printable page is self-contained: refuse any request it might make
    win.webContents.session.webRequest.onBeforeRequest((details, cb) => cb({ cancel: !details.url.startsWith('data:') }));
    try {
      const printed: Uint8Array[] = [];
      for (const html of parts) {
        await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
        printed.push(await win.webContents.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true }));
      }
      fs.writeFileSync(outFile, await joinPdfs(printed));
    } finally {
      win.destroy();
    }
  }
}

/** Ask where to keep an export; copies it there. Returns the chosen path, or null if cancelled. */
export async function saveExportWithDialog(file: string, fileName: string): Promise<string | null> {
  const parent = BrowserWindow.getFocusedWindow();
  const options = { title: 'Save report', defaultPath: fileName, buttonLabel: 'Save' };
  const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (r.canceled || !r.filePath) return null;
  fs.copyFileSync(file, r.filePath);
  return r.filePath;
}
