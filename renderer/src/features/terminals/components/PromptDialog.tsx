// Keyboard-interactive authentication (2FA codes, "Password:" from PAM…): main relays the server's
// prompts as `ssh.prompt`; this dialog shows them one request at a time, masks the answers the
// server asked not to echo, and answers through `ssh.prompt.answer` (Cancel answers null).
import { useEffect, useState, type FormEvent } from 'react';
import type { EventOf } from '../../../../../shared/ipc/channels';
import { errorMessage, invoke, onEvent } from '../../../lib/api';
import { Dialog } from '../../../ui/Dialog';

type Prompt = EventOf<'ssh.prompt'>;

export function PromptDialog() {
  const [queue, setQueue] = useState<Prompt[]>([]);
  const [answers, setAnswers] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const current = queue[0];

  useEffect(() => onEvent('ssh.prompt', (p) => setQueue((q) => [...q, p])), []);

  if (!current) return null;

  const finish = async (reply: string[] | null) => {
    try {
      await invoke('ssh.prompt.answer', { promptId: current.promptId, answers: reply });
      setQueue((q) => q.slice(1));
      setAnswers([]);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void finish(current.prompts.map((_, i) => answers[i] ?? ''));
  };

  return (
    <Dialog title={current.name || 'Authentication'} onClose={() => void finish(null)} size="narrow" testId="ssh-prompt-dialog">
      <form onSubmit={submit} className="ssh-prompt-form">
        <p>
          <span className="mono">
            {current.username}@{current.host}
          </span>{' '}
          asks:
        </p>
        {current.instructions && <p className="muted ssh-prompt-instructions">{current.instructions}</p>}
        {current.prompts.map((p, i) => (
          <label key={`${current.promptId}-${i}`} className="form-row">
            <span>{p.prompt}</span>
            <input
              type={p.echo ? 'text' : 'password'}
              value={answers[i] ?? ''}
              onChange={(e) => {
                const next = [...answers];
                next[i] = e.target.value;
                setAnswers(next);
              }}
              autoComplete="off"
              data-autofocus={i === 0 ? true : undefined}
              data-testid="ssh-prompt-answer"
            />
          </label>
        ))}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => void finish(null)} data-testid="ssh-prompt-cancel">
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="ssh-prompt-submit">
            Answer
          </button>
        </div>
      </form>
    </Dialog>
  );
}
