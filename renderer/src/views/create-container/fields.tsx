// The create form's building blocks: a labelled control that shows every problem core or the form found at it.
import type { ReactNode } from 'react';
import type { BurrowIssue } from '../../../../electron/contract/index.js';
import type { FlagKey, FormState, TextKey } from './form-model.js';

/** The problems at one control, as `issues(control)` answers it. */
export type IssuesAt = (control: string) => BurrowIssue[];

/** What every section gets: the form, its setters and where problems are. */
export interface SectionProps {
  form: FormState;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  issues: IssuesAt;
}

export function FieldError({ issues, control }: { issues: BurrowIssue[]; control: string }) {
  if (!issues.length) return null;
  return (
    <div id={`err-${control}`}>
      {issues.map((i) => (
        <div className="field-error" role="alert" key={`${i.field}\n${i.message}`}>
          {i.field ? <strong>{i.field}: </strong> : null}
          {i.message}
          {i.hint ? <div className="hint">{i.hint}</div> : null}
        </div>
      ))}
    </div>
  );
}

/** A labelled field (`data-control` is where core's field names land); the control inside is the child. */
export function Field(props: { control: string; label: string; issues: BurrowIssue[]; children: ReactNode }) {
  return (
    <div className="field" data-control={props.control}>
      <label htmlFor={`f-${props.control}`}>{props.label}</label>
      {props.children}
      <FieldError issues={props.issues} control={props.control} />
    </div>
  );
}

/** One free-text field of the form, as an input or (with `rows`) a textarea. */
export function TextField({
  k,
  label,
  placeholder,
  rows,
  required,
  form,
  set,
  issues,
}: SectionProps & { k: TextKey; label: string; placeholder?: string; rows?: number; required?: boolean }) {
  const at = issues(k);
  const common = {
    id: `f-${k}`,
    value: form[k],
    'aria-invalid': at.length > 0,
    'aria-describedby': at.length ? `err-${k}` : undefined,
  };
  return (
    <Field control={k} label={label} issues={at}>
      {rows ? (
        <textarea {...common} rows={rows} onChange={(e) => set(k, e.target.value)} />
      ) : (
        <input
          {...common}
          placeholder={placeholder}
          required={required}
          onChange={(e) => set(k, e.target.value)}
        />
      )}
    </Field>
  );
}

export function Flag({
  k,
  className,
  children,
  form,
  set,
}: Omit<SectionProps, 'issues'> & { k: FlagKey; className?: string; children: ReactNode }) {
  return (
    <label className={className}>
      <input type="checkbox" checked={form[k]} onChange={(e) => set(k, e.target.checked)} /> {children}
    </label>
  );
}

/** An input in a list row, named for screen readers and tests by `label` ("Port 1 host port"). */
export function RowInput(props: {
  label: string;
  value: string;
  placeholder: string;
  invalid: boolean;
  onChange(value: string): void;
}) {
  return (
    <input
      aria-label={props.label}
      placeholder={props.placeholder}
      value={props.value}
      aria-invalid={props.invalid}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}
