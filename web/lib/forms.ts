import { useState } from 'react';
import type { ZodType } from 'zod';
import { ApiError } from './api.ts';

export type FieldErrors = Record<string, string>;

/**
 * Turns a validation message into a sentence for the field: shared schemas say "is required",
 * which reads as "Name is required" under the field's label; full sentences are kept as they are.
 */
export function fieldMessage(label: string, message: string, field?: string): string {
  const withoutField =
    field && message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
  const first = withoutField.charAt(0);
  return first === first.toLowerCase() && first !== first.toUpperCase()
    ? `${label} ${withoutField}`
    : withoutField;
}

/**
 * Field errors of a zod parse, one per field (the first issue wins). Empty `required` fields say
 * "is required" rather than the format rule they also break.
 */
export function zodFieldErrors(
  schema: ZodType,
  value: Record<string, unknown>,
  labels: Record<string, string>,
  required: string[] = [],
): FieldErrors | null {
  const errors: FieldErrors = {};
  for (const field of required) {
    const current = value[field];
    if (typeof current === 'string' && current.trim() === '') {
      errors[field] = `${labels[field] ?? field} is required`;
    }
  }
  const result = schema.safeParse(value);
  if (result.success) return Object.keys(errors).length ? errors : null;
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    if (!field || errors[field]) continue;
    errors[field] = fieldMessage(labels[field] ?? field, issue.message);
  }
  return errors;
}

/** Form values, their inline errors and a form-level error, with server errors mapped to fields. */
export function useFormState<T extends Record<string, unknown>>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function setValue<K extends keyof T>(key: K, value: T[K]): void {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) =>
      current[key as string]
        ? Object.fromEntries(Object.entries(current).filter(([field]) => field !== key))
        : current,
    );
  }

  /** Shows a failed request: on its field when the server names one we show, otherwise above the form. */
  function showServerError(error: unknown, labels: Record<string, string>): void {
    if (error instanceof ApiError && error.field && error.field in labels) {
      const field = error.field;
      setErrors({ [field]: fieldMessage(labels[field] ?? field, error.message, field) });
      setFormError(null);
      return;
    }
    setFormError(
      error instanceof ApiError
        ? error.message
        : 'Something unexpected went wrong. Please try again.',
    );
  }

  function reset(next: T = initial): void {
    setValues(next);
    setErrors({});
    setFormError(null);
  }

  return { values, setValue, errors, setErrors, formError, setFormError, showServerError, reset };
}
