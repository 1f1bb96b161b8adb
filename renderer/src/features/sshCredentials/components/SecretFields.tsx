// Write-only secret controls of the credential dialog. The host never sends a secret back, so an
// existing profile shows a "stored" badge: leaving the field empty keeps it, "Remove" clears it.
import { useRef, useState, type ReactNode } from 'react';
import { FormRow } from '../../../ui/FormRow';

const MAX_KEY_FILE_BYTES = 32_768;

interface StoredProps {
  stored: boolean;
  removing: boolean;
  onRemove: (removing: boolean) => void;
  testId: string;
}

/** The "stored" badge and the remove / keep toggle of one secret. */
function StoredControls({ stored, removing, onRemove, testId }: StoredProps) {
  if (!stored) return null;
  return (
    <span className="sshc-secret-state">
      {removing ? (
        <span className="badge status-down" data-testid={`${testId}-removing`}>
          will be removed
        </span>
      ) : (
        <span className="badge status-up" data-testid={`${testId}-stored`}>
          stored
        </span>
      )}
      <button type="button" className="link-button" onClick={() => onRemove(!removing)} data-testid={`${testId}-remove`}>
        {removing ? 'Keep it' : 'Remove'}
      </button>
    </span>
  );
}

function secretHint(stored: boolean, removing: boolean, fresh: ReactNode): ReactNode {
  if (removing) return 'Removed from the vault when you save.';
  if (stored) return 'Stored in the vault. Leave empty to keep it; type to replace it.';
  return fresh;
}

interface SecretInputProps extends StoredProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  freshHint: ReactNode;
}

/** A masked one-line secret (password, passphrase). */
export function SecretInput({ id, label, value, onChange, error, freshHint, stored, removing, onRemove, testId }: SecretInputProps) {
  return (
    <FormRow id={id} label={label} error={error} errorTestId={`${testId}-error`} hint={secretHint(stored, removing, freshHint)}>
      <div className="sshc-secret-line">
        <input
          id={id}
          type="password"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          disabled={removing}
          placeholder={stored && !removing ? '•••••• stored — leave empty to keep' : ''}
          autoComplete="new-password"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid={testId}
        />
        <StoredControls stored={stored} removing={removing} onRemove={onRemove} testId={testId} />
      </div>
    </FormRow>
  );
}

interface PrivateKeyProps extends StoredProps {
  id: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
}

/**
 * The private key: pasted, or read from a file here in the renderer (FileReader), then sent to the
 * host once to be sealed. Never shown again afterwards.
 */
export function PrivateKeyInput({ id, value, onChange, error, stored, removing, onRemove, testId }: PrivateKeyProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);

  const load = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_KEY_FILE_BYTES) {
      setFileNote(`${file.name} is ${Math.round(file.size / 1024)} KiB; a private key is at most 32 KiB.`);
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      onChange(typeof reader.result === 'string' ? reader.result : '');
      setFileNote(`Loaded ${file.name}.`);
    };
    reader.onerror = () => setFileNote(`Could not read ${file.name}.`);
    reader.readAsText(file);
  };

  return (
    <FormRow
      id={id}
      label="Private key"
      error={error}
      errorTestId={`${testId}-error`}
      className="span-2"
      hint={fileNote ?? secretHint(stored, removing, 'OpenSSH or PEM (ed25519, ECDSA, RSA). Sealed in the vault; never shown again.')}
    >
      <textarea
        id={id}
        className="mono sshc-key-text"
        rows={5}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={removing}
        placeholder={stored && !removing ? 'A key is stored — leave empty to keep it' : '-----BEGIN OPENSSH PRIVATE KEY-----'}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      />
      <div className="sshc-secret-line">
        <button type="button" onClick={() => fileRef.current?.click()} disabled={removing} data-testid={`${testId}-file-button`}>
          Load from file…
        </button>
        <input
          ref={fileRef}
          type="file"
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            load(e.target.files?.[0]);
            e.target.value = '';
          }}
          data-testid={`${testId}-file`}
        />
        <StoredControls stored={stored} removing={removing} onRemove={onRemove} testId={testId} />
      </div>
    </FormRow>
  );
}

interface KbdAnswersProps {
  answers: string[] | null;
  storedCount: number;
  max: number;
  error?: string | undefined;
  onChange: (answers: string[] | null) => void;
}

/**
 * Stored keyboard-interactive answers (a fixed second prompt, e.g. a static PIN), in prompt order.
 * Optional: without them the prompts are asked in the UI at connect time.
 */
export function KbdAnswersInput({ answers, storedCount, max, error, onChange }: KbdAnswersProps) {
  const editing = answers !== null;
  return (
    <FormRow
      id="ssh-cred-kbdAnswers"
      label="Keyboard-interactive answers (optional)"
      error={error}
      errorTestId="ssh-cred-kbdAnswers-error"
      className="span-2"
      hint={
        editing && answers.length === 0 && storedCount > 0
          ? 'The stored answers are removed when you save.'
          : 'Answered in order when the server asks (e.g. a static second prompt). Without them the prompts are asked here at connect time.'
      }
    >
      <div className="sshc-kbd">
        {!editing && storedCount > 0 && (
          <span className="badge status-up" data-testid="ssh-cred-kbd-stored">
            {storedCount} stored
          </span>
        )}
        {answers?.map((a, i) => (
          <div key={i} className="sshc-secret-line">
            <input
              id={i === 0 ? 'ssh-cred-kbdAnswers' : undefined}
              type="password"
              value={a}
              onChange={(e) => onChange(answers.map((x, j) => (j === i ? e.target.value : x)))}
              aria-label={`Answer ${i + 1}`}
              autoComplete="new-password"
              data-testid="ssh-cred-kbd-answer"
            />
            <button type="button" className="icon-button" aria-label={`Remove answer ${i + 1}`} onClick={() => onChange(answers.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
        ))}
        <div className="sshc-secret-line">
          {(answers?.length ?? 0) < max && (
            <button type="button" onClick={() => onChange([...(answers ?? []), ''])} data-testid="ssh-cred-kbd-add">
              {editing ? 'Add answer' : storedCount > 0 ? 'Replace answers' : 'Add answer'}
            </button>
          )}
          {!editing && storedCount > 0 && (
            <button type="button" className="link-button" onClick={() => onChange([])} data-testid="ssh-cred-kbd-remove">
              Remove stored answers
            </button>
          )}
          {editing && (
            <button type="button" className="link-button" onClick={() => onChange(null)}>
              {storedCount > 0 ? 'Keep the stored answers' : 'No answers'}
            </button>
          )}
        </div>
      </div>
    </FormRow>
  );
}
