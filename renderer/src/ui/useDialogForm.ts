// The state every form dialog keeps: the values, per-field errors (a field's error goes away as
// soon as it is edited), the form-level error and the busy flag while the host answers.
import { useState } from 'react';

export function useDialogForm<T extends object>(initial: T | (() => T)) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = <K extends keyof T>(key: K, value: T[K]): void => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      if (!e[key as string]) return e;
      const { [key as string]: _gone, ...rest } = e;
      return rest;
    });
  };

  return { values, change, errors, setErrors, formError, setFormError, busy, setBusy };
}
