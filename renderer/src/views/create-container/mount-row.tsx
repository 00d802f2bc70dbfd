// One mount: type, source (host path, volume name or tmpfs size), container path, options; for a bind mount,
// the predicted access from the live preview with its one-click fixes.
import type { BurrowIssue } from '../../../../electron/contract/index.js';
import type { MountPrediction } from '../../../../core/model/insight.js';
import type { UsernsMode } from '../../../../core/model/types.js';
import type { RowProps } from './dynamic-list.js';
import { FieldError, RowInput } from './fields.js';
import { rowPart } from './controls.js';
import { list, type MountRow } from './form-model.js';

export interface MountFix {
  userns?: UsernsMode;
  addMountOption?: string;
}

const SOURCE: Record<MountRow['type'], { label: string; placeholder: string }> = {
  bind: { label: 'host path', placeholder: '/home/you/data' },
  volume: { label: 'volume name', placeholder: 'volume name' },
  tmpfs: { label: 'size', placeholder: 'size (64m)' },
};

const isMountType = (v: string): v is MountRow['type'] => v in SOURCE;

export function MountRowEditor({
  item,
  index,
  update,
  remove,
  issues,
  prediction,
  onFix,
}: RowProps<MountRow> & {
  issues: BurrowIssue[];
  prediction: MountPrediction | undefined;
  onFix(fix: MountFix): void;
}) {
  const n = index + 1;
  // A volume's name and a tmpfs size are core's `name` and `size`; the form shows them in the source input.
  const bad = (...parts: string[]) => issues.some((i) => parts.includes(rowPart(i.field)));
  return (
    <div className="mount" data-control={`mounts-${index}`}>
      <div className="row-fields">
        <select
          aria-label={`Mount ${n} type`}
          value={item.type}
          aria-invalid={bad('type')}
          onChange={(e) => isMountType(e.target.value) && update({ type: e.target.value })}
        >
          <option value="bind">bind</option>
          <option value="volume">volume</option>
          <option value="tmpfs">tmpfs</option>
        </select>
        <RowInput
          label={`Mount ${n} ${SOURCE[item.type].label}`}
          placeholder={SOURCE[item.type].placeholder}
          value={item.source}
          invalid={bad('source', 'name', 'size')}
          onChange={(source) => update({ source })}
        />
        <RowInput
          label={`Mount ${n} container path`}
          placeholder="/data"
          value={item.target}
          invalid={bad('target')}
          onChange={(target) => update({ target })}
        />
        <RowInput
          label={`Mount ${n} options`}
          placeholder="ro, Z, U"
          value={item.options}
          invalid={bad('options', 'readOnly', 'mode')}
          onChange={(options) => update({ options })}
        />
        <button type="button" aria-label={`Remove mount ${n}`} onClick={remove}>
          ×
        </button>
      </div>
      {prediction ? (
        <Prediction
          n={n}
          prediction={prediction}
          readOnly={list(item.options).includes('ro')}
          onFix={onFix}
        />
      ) : null}
      <FieldError issues={issues} control={`mounts-${index}`} />
    </div>
  );
}

function Prediction({
  n,
  prediction: pred,
  readOnly,
  onFix,
}: {
  n: number;
  prediction: MountPrediction;
  readOnly: boolean;
  onFix(fix: MountFix): void;
}) {
  const p = pred.prediction;
  return (
    <div
      className={`prediction ${p.read && (p.write || readOnly) ? 'ok' : 'warn'}`}
      role="status"
      aria-label={`Mount ${n} permission prediction`}
    >
      <strong>
        {p.read ? 'read ✓' : 'read ✗'} · {readOnly ? 'read-only' : p.write ? 'write ✓' : 'write ✗'}
      </strong>{' '}
      as host uid {pred.hostUid}. {p.reason}
      {p.fixes.length ? (
        <ul className="fixes">
          {p.fixes.map((fx) => (
            <li key={fx.kind}>
              {fx.title}
              {fx.command ? <code> {fx.command}</code> : null}{' '}
              {fx.userns || fx.addMountOption ? (
                <button type="button" onClick={() => onFix(fx)}>
                  Apply
                </button>
              ) : null}
              {fx.caveat ? <div className="muted">{fx.caveat}</div> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
