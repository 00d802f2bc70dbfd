// One secret given to the container: which secret (from the user's list), as a file or an environment variable,
// and where it appears. The value itself never reaches the form.
import type { BurrowIssue } from '../../../../electron/contract/index.js';
import { secretFilePath } from '../../../../core/model/create-spec.js';
import type { RowProps } from './dynamic-list.js';
import { FieldError, RowInput } from './fields.js';
import { rowPart } from './controls.js';
import type { SecretRow } from './form-model.js';

export function SecretRowEditor({
  item,
  index,
  update,
  remove,
  issues,
  names,
}: RowProps<SecretRow> & { issues: BurrowIssue[]; names: string[] }) {
  const n = index + 1;
  const bad = (part: keyof SecretRow) => issues.some((i) => rowPart(i.field) === part);
  const where =
    item.as === 'env'
      ? `$${item.target || item.name || 'NAME'}`
      : secretFilePath({ name: item.name || 'NAME', target: item.target });
  return (
    <div className="row-fields" data-control={`secrets-${index}`}>
      <select
        aria-label={`Secret ${n} name`}
        value={item.name}
        aria-invalid={bad('name')}
        onChange={(e) => update({ name: e.target.value })}
      >
        <option value="">Pick a secret…</option>
        {/* A name typed elsewhere (or since removed) stays visible so its problem can be seen. */}
        {[...new Set([...(item.name ? [item.name] : []), ...names])].map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        aria-label={`Secret ${n} as`}
        value={item.as}
        aria-invalid={bad('as')}
        onChange={(e) => update({ as: e.target.value === 'env' ? 'env' : 'file' })}
      >
        <option value="file">as a file</option>
        <option value="env">as a variable</option>
      </select>
      <RowInput
        label={`Secret ${n} target`}
        placeholder={item.as === 'env' ? 'variable (default: the name)' : 'file name or absolute path'}
        value={item.target}
        invalid={bad('target')}
        onChange={(v) => update({ target: v })}
      />
      <span className="muted" aria-label={`Secret ${n} appears at`}>
        {where}
      </span>
      <button type="button" aria-label={`Remove secret ${n}`} onClick={remove}>
        ×
      </button>
      <FieldError issues={issues} control={`secrets-${index}`} />
    </div>
  );
}
