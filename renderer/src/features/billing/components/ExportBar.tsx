// Export the report exactly as queried (same filters and sort) as Excel, CSV, PDF or JSON. On the
// web host the file downloads from a same-origin path; on the desktop it is saved where the user
// chose and the path is shown.
import { useState } from 'react';
import { useBilling } from '../store';
import type { ExportFormat } from '../types';

const FORMATS: { format: ExportFormat; label: string; title: string }[] = [
  { format: 'xlsx', label: 'Excel', title: 'Excel workbook: the rows, a totals row, and the filters on a second sheet' },
  { format: 'csv', label: 'CSV', title: 'Comma-separated values' },
  { format: 'pdf', label: 'PDF', title: 'Printable PDF with the filters in the header' },
  { format: 'json', label: 'JSON', title: 'Rows and totals as JSON' },
];

export function ExportBar() {
  const view = useBilling((s) => s.view);
  const meta = useBilling((s) => s.meta);
  const loading = useBilling((s) => s.loading);
  const exporting = useBilling((s) => s.exporting);
  const note = useBilling((s) => s.exportNote);
  const exportReport = useBilling((s) => s.exportReport);
  const clearNote = useBilling((s) => s.clearExportNote);
  const [bom, setBom] = useState(false);

  const disabled = !view || !meta || loading || exporting !== null;

  return (
    <div className="export-bar" role="group" aria-label="Export">
      <span className="export-label">Export</span>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          onClick={() => void exportReport(f.format, bom)}
          disabled={disabled}
          title={f.title}
          aria-busy={exporting === f.format}
          data-testid={`export-${f.format}`}
        >
          {exporting === f.format ? `${f.label}…` : f.label}
        </button>
      ))}
      <label className="checkbox" title="Start the CSV with a byte-order mark so Excel reads it as UTF-8">
        <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} data-testid="csv-bom" />
        BOM for Excel
      </label>
      {note && (
        <span className={`export-note export-${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="export-note" data-kind={note.kind}>
          <span className="export-note-text" title={note.text}>
            {note.text}
          </span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={clearNote}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}
