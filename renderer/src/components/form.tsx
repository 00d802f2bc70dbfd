// Small forms in dialogs (log in, push, save, secret…): core refuses bad input naming the field, and the error
// shows under that field with its hint; errors about no field in particular go to a toast.
import { useCallback, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import { errorData } from '../api/types.js';
import { useStore } from '../store/store.js';

/** Does an error name this field (or something inside it: "images" covers "images[0]")? */
export function isFieldError(error: BurrowErrorData | undefined, field: string): boolean {
  const f = error?.field;
  return !!f && (f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`));
}

export function FieldError({ error, field }: { error: BurrowErrorData | undefined; field: string }) {
  if (!error || !isFieldError(error, field)) return null;
  return (
    <div className="field-error" role="alert" id={`err-${field}`}>
      {error.message}
      {error.hint ? <div className="hint">{error.hint}</div> : null}
    </div>
  );
}

/** Props that tie an input to its field's error (screen readers announce it with the field). */
export function fieldProps(error: BurrowErrorData | undefined, field: string) {
  const bad = isFieldError(error, field);
  return bad ? { 'aria-invalid': true as const, 'aria-describedby': `err-${field}` } : {};
}

/**
 * `run(fn)`: clear the last error, run, and keep a field error for the form (or toast one that names no field
 * the form shows). Resolves with the value, or undefined when it failed.
 */
export function useFormErrors(fields: readonly string[]) {
  const [error, setError] = useState<BurrowErrorData>();
  const run = useCallback(
    async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
      setError(undefined);
      try {
        return await fn();
      } catch (e) {
        const d = errorData(e);
        if (fields.some((f) => isFieldError(d, f))) setError(d);
        else useStore.getState().toast('error', d.message, d.hint);
        return undefined;
      }
    },
    // The field list is a constant of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  return { error, setError, run };
}

/** A labelled text input for `field`, marked and described by that field's error, which shows under it. */
export function FormField({
  id,
  label,
  field,
  error,
  value,
  onChange,
  after,
  ...input
}: {
  id: string;
  label: string;
  field: string;
  error: BurrowErrorData | undefined;
  value: string;
  onChange(value: string): void;
  /** Beside the input (a Browse… button). */
  after?: ReactNode;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'placeholder' | 'type' | 'autoComplete' | 'disabled'>) {
  const box = (
    <input
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      {...input}
      {...fieldProps(error, field)}
    />
  );
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {after ? (
        <div className="with-browse">
          {box}
          {after}
        </div>
      ) : (
        box
      )}
      <FieldError error={error} field={field} />
    </>
  );
}
