// One published port: host IP, host port, container port, protocol.
import type { BurrowIssue } from '../../../../electron/contract/index.js';
import type { RowProps } from './dynamic-list.js';
import { FieldError, RowInput } from './fields.js';
import { rowPart } from './controls.js';
import type { PortRow } from './form-model.js';

export function PortRowEditor({
  item,
  index,
  update,
  remove,
  issues,
}: RowProps<PortRow> & { issues: BurrowIssue[] }) {
  const n = index + 1;
  const bad = (part: keyof PortRow) => issues.some((i) => rowPart(i.field) === part);
  const text = (part: 'hostIp' | 'hostPort' | 'containerPort', label: string, placeholder: string) => (
    <RowInput
      label={`Port ${n} ${label}`}
      placeholder={placeholder}
      value={item[part]}
      invalid={bad(part)}
      onChange={(v) => update({ [part]: v })}
    />
  );
  return (
    <div className="row-fields" data-control={`ports-${index}`}>
      {text('hostIp', 'host IP', 'host IP (127.0.0.1)')}
      {text('hostPort', 'host port', 'host port (random)')}
      {text('containerPort', 'container port', 'container port')}
      <select
        aria-label={`Port ${n} protocol`}
        value={item.protocol}
        aria-invalid={bad('protocol')}
        onChange={(e) => update({ protocol: e.target.value === 'udp' ? 'udp' : 'tcp' })}
      >
        <option value="tcp">tcp</option>
        <option value="udp">udp</option>
      </select>
      <button type="button" aria-label={`Remove port ${n}`} onClick={remove}>
        ×
      </button>
      <FieldError issues={issues} control={`ports-${index}`} />
    </div>
  );
}
