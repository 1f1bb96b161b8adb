// One labelled control of the RADIUS forms with its error (or hint) underneath.
import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  /** Key of the field in the form's errors; also the suffix of its `radius-error-*` test id. */
  errorKey?: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}

export function Field({ id, label, errorKey, error, hint, className, children }: FieldProps) {
  return (
    <div className={`form-row${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert" data-testid={`radius-error-${errorKey ?? id}`}>
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

/** aria props of a control whose error is rendered by <Field>. */
export function invalidProps(id: string, error: string | undefined) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined } as const;
}
