// A dialog that starts a long job from a small form (push, save, load, export, import): its submit button while
// idle, Cancel while the job runs, the job's progress below the form. And the archive path field they share.
import { useId, type ReactNode } from 'react';
import type { BurrowErrorData } from '../../../electron/contract/index.js';
import { useFilesNote } from '../data/engine-host.js';
import { FormField } from './form.js';
import { Dialog } from './ui.js';

export function JobDialog(props: {
  title: string;
  /** The form's accessible name ("Save image"). */
  formLabel: string;
  submitLabel: string;
  running: boolean;
  /** false while the job is in a step Cancel cannot stop: the button stays, disabled, and the progress says why. */
  cancellable?: boolean;
  onSubmit(): void;
  onCancel(): void;
  onClose(): void;
  children: ReactNode;
  progress: ReactNode;
}) {
  const formId = useId();
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      // Keys: two elements, never one button React turns from Cancel into submit while its click is still being
      // dispatched (the browser would then submit the form and start the job again).
      footer={
        props.running ? (
          <button key="cancel" type="button" onClick={props.onCancel} disabled={props.cancellable === false}>
            Cancel
          </button>
        ) : (
          <button key="submit" className="primary" type="submit" form={formId}>
            {props.submitLabel}
          </button>
        )
      }
    >
      <form
        id={formId}
        className="form-stack"
        aria-label={props.formLabel}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        {props.children}
      </form>
      {props.progress}
    </Dialog>
  );
}

/** An archive's absolute path on this computer, its error under it, and where such paths live. */
export function ArchivePathField(props: {
  id: string;
  value: string;
  onChange(v: string): void;
  placeholder: string;
  disabled: boolean;
  error: BurrowErrorData | undefined;
}) {
  const note = useFilesNote();
  return (
    <>
      <FormField
        id={props.id}
        label="Archive file (absolute path)"
        field="path"
        error={props.error}
        value={props.value}
        placeholder={props.placeholder}
        onChange={props.onChange}
        disabled={props.disabled}
      />
      <p className="muted">{note}</p>
    </>
  );
}
