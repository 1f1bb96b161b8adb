// Acknowledge one alarm with a note (what is being done about it); the host records who acked.
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../../lib/api';
import { Dialog } from '../../../ui/Dialog';
import { FormFooter } from '../../../ui/FormRow';
import { useAlarms, type Alarm } from '../store';

export function AckDialog({ alarm, onClose }: { alarm: Alarm; onClose: () => void }) {
  const acknowledge = useAlarms((s) => s.acknowledge);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await acknowledge(alarm.id, note);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Acknowledge alarm" onClose={onClose} size="narrow" testId="ack-dialog">
      <form className="dialog-body" onSubmit={(e) => void submit(e)}>
        <p className="alarm-dialog-message">{alarm.message}</p>
        <label htmlFor="ack-note">Note</label>
        <textarea id="ack-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="What is being done about it" data-autofocus data-testid="ack-note" />
        <FormFooter formError={error} formErrorTestId="ack-error" busy={busy} onCancel={onClose} submitLabel="Acknowledge" submitTestId="ack-confirm" />
      </form>
    </Dialog>
  );
}
