import { Field, Flag, TextField, type SectionProps } from './fields.js';

export function SecuritySection(p: SectionProps & { gaps: string[] }) {
  const { form, set, issues, gaps } = p;
  return (
    <fieldset>
      <legend>Security</legend>
      <p className={gaps.length ? 'muted' : 'ok'}>
        {gaps.length ? `Not hardened: ${gaps.join(', ')}.` : 'Hardened.'}
      </p>
      <div className="grid-fields">
        <TextField {...p} k="capDrop" label="Drop capabilities" placeholder="ALL" />
        <TextField {...p} k="capAdd" label="Add capabilities" placeholder="NET_BIND_SERVICE" />
        <TextField {...p} k="seccomp" label="Seccomp profile" placeholder="default, a path, or unconfined" />
        <Field control="runtime" label="OCI runtime" issues={issues('runtime')}>
          <select
            id="f-runtime"
            value={form.runtime}
            onChange={(e) =>
              set('runtime', e.target.value === 'runc' || e.target.value === 'crun' ? e.target.value : '')
            }
          >
            <option value="">Engine default</option>
            <option value="runc">runc</option>
            <option value="crun">crun</option>
          </select>
        </Field>
      </div>
      <Flag {...p} k="noNewPrivileges">
        No new privileges
      </Flag>
      <Flag {...p} k="readOnlyRootfs">
        Read-only root filesystem
      </Flag>
      <Flag {...p} k="privileged" className="danger-text">
        Privileged (all capabilities and devices — avoid)
      </Flag>
    </fieldset>
  );
}
