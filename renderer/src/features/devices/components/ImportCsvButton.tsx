// "Import CSV": pick a file, send its text to devices.import, report what was imported, updated
// and refused (by line). Progress arrives as task.progress events on the global bar.
import { useRef, useState } from 'react';
import type { ResponseOf } from '../../../../../shared/ipc/channels';
import { trackLocalTask } from '../../../app/progressStore';
import { errorMessage, newTaskId } from '../../../lib/api';
import { useCan } from '../../appInfo/store';
import { useDevices } from '../store';
import { ImportResultDialog } from './ImportResultDialog';

const MAX_CSV_BYTES = 50 * 1024 * 1024;

export interface ImportOutcome {
  fileName: string;
  result: ResponseOf<'devices.import'> | null;
  error: string | null;
}

export function ImportCsvButton() {
  const fileInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const importCsv = useDevices((s) => s.importCsv);
  const canImport = useCan('devices:import');

  const onFile = async (file: File) => {
    if (file.size > MAX_CSV_BYTES) {
      setOutcome({ fileName: file.name, result: null, error: 'The file is larger than 50 MB; split it and import the parts.' });
      return;
    }
    setBusy(true);
    const taskId = newTaskId('import');
    const task = trackLocalTask(taskId, `Importing ${file.name}`);
    try {
      const csv = await file.text();
      const result = await importCsv({ csv, fileName: file.name.slice(0, 260), taskId });
      task.settle();
      setOutcome({ fileName: file.name, result, error: null });
    } catch (err) {
      task.settle(errorMessage(err));
      setOutcome({ fileName: file.name, result: null, error: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <input
        ref={fileInput}
        type="file"
        accept=".csv,text/csv,text/plain"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void onFile(file);
        }}
      />
      <button
        type="button"
        onClick={() => fileInput.current?.click()}
        disabled={busy || !canImport}
        title={canImport ? 'Import devices from a CSV file (header row: name, mgmt_address, role, vendor, model, site, …)' : 'Your role may not import devices'}
        data-testid="import-csv"
      >
        {busy ? 'Importing…' : 'Import CSV'}
      </button>
      {outcome && <ImportResultDialog outcome={outcome} onClose={() => setOutcome(null)} />}
    </>
  );
}
