import { Field, FieldError, Flag, TextField, type SectionProps } from './fields.js';
import { isRestartPolicy } from './form-model.js';

export function LifecycleSection(p: SectionProps) {
  const { form, set, issues } = p;
  return (
    <fieldset>
      <legend>Lifecycle</legend>
      <Field control="restartPolicy" label="Restart policy" issues={issues('restartPolicy')}>
        <select
          id="f-restartPolicy"
          value={form.restartPolicy}
          onChange={(e) => isRestartPolicy(e.target.value) && set('restartPolicy', e.target.value)}
        >
          <option value="no">no</option>
          <option value="on-failure">on-failure</option>
          <option value="always">always</option>
          <option value="unless-stopped">unless-stopped</option>
        </select>
      </Field>
      <TextField {...p} k="stopTimeout" label="Stop timeout (seconds)" placeholder="Podman’s default (10)" />
      {form.restartPolicy === 'on-failure' || form.restartRetries ? (
        <TextField {...p} k="restartRetries" label="Restart retries" placeholder="unlimited" />
      ) : null}
      <Flag {...p} k="autoRemove">
        Remove when it exits
      </Flag>
      <Flag {...p} k="tty">
        TTY
      </Flag>
      <Flag {...p} k="stdin">
        Keep stdin open
      </Flag>
      <FieldError issues={issues('autoRemove')} control="autoRemove" />
    </fieldset>
  );
}
