// The pieces every form dialog shares: a labelled control with its error (or hint) underneath,
// and the footer with the form-level error, Cancel and the submit button.
import type { ReactNode } from 'react';

export interface FormRowProps {
  /** id of the control; the error element gets `${id}-error` for aria-describedby. */
  id: string;
  label: string;
  error?: string | undefined;
  errorTestId: string;
  hint?: ReactNode;
  className?: string | undefined;
  children: ReactNode;
}

export function FormRow({ id, label, error, errorTestId, hint, className, children }: FormRowProps) {
  return (
    <div className={`form-row${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert" data-testid={errorTestId}>
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

export interface FormFooterProps {
  formError: string | null | undefined;
  formErrorTestId: string;
  busy: boolean;
  onCancel: () => void;
  submitLabel: string;
  submitTestId: string;
}

export function FormFooter({ formError, formErrorTestId, busy, onCancel, submitLabel, submitTestId }: FormFooterProps) {
  return (
    <>
      {formError && (
        <p className="form-error" role="alert" data-testid={formErrorTestId}>
          {formError}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid={submitTestId}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </>
  );
}

export interface TextFormRowProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  errorTestId: string;
  testId: string;
  hint?: ReactNode;
  className?: string | undefined;
  mono?: boolean | undefined;
  placeholder?: string | undefined;
  autofocus?: boolean | undefined;
}

/** A one-line text field in a FormRow: wired for aria errors, no autocomplete or spellcheck. */
export function TextFormRow({ id, label, value, onChange, error, errorTestId, testId, hint, className, mono, placeholder, autofocus }: TextFormRowProps) {
  return (
    <FormRow id={id} label={label} error={error} errorTestId={errorTestId} hint={hint} className={className}>
      <input
        id={id}
        className={mono ? 'mono' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        {...(autofocus ? { 'data-autofocus': true } : {})}
      />
    </FormRow>
  );
}
