// One labelled control of the RADIUS forms with its error (or hint) underneath.
import type { ReactNode } from 'react';
import { FormRow } from '../../../ui/FormRow';

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
    <FormRow id={id} label={label} error={error} errorTestId={`radius-error-${errorKey ?? id}`} hint={hint} className={className}>
      {children}
    </FormRow>
  );
}

/** aria props of a control whose error is rendered by <Field>. */
export function invalidProps(id: string, error: string | undefined) {
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined } as const;
}
