import { TextField, type SectionProps } from './fields.js';
import type { TextKey } from './form-model.js';

const LIMITS: [TextKey, string, string][] = [
  ['memory', 'Memory', '512m'],
  ['memorySwap', 'Memory + swap', '1g or -1'],
  ['memoryReservation', 'Memory reservation', '256m'],
  ['cpus', 'CPUs', '1.5'],
  ['cpuShares', 'CPU shares', '1024'],
  ['cpuset', 'CPU set', '0-1'],
  ['pidsLimit', 'PIDs limit', '256'],
  ['blkioWeight', 'Block I/O weight', '10–1000'],
];

export function ResourcesSection(p: SectionProps) {
  return (
    <fieldset>
      <legend>Resources</legend>
      <div className="grid-fields">
        {LIMITS.map(([k, label, placeholder]) => (
          <TextField key={k} {...p} k={k} label={label} placeholder={placeholder} />
        ))}
      </div>
    </fieldset>
  );
}
