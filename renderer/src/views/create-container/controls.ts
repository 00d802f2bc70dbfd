// Where each of core's field names shows its problems in the form: the control (data-control) that carries it.
const CONTROLS = new Set([
  'image',
  'name',
  'command',
  'entrypoint',
  'env',
  'workdir',
  'user',
  'labels',
  'hostname',
  'ports',
  'mounts',
  'secrets',
  'network',
  'dns',
  'userns',
  'memory',
  'memorySwap',
  'memoryReservation',
  'cpus',
  'cpuShares',
  'cpuset',
  'pidsLimit',
  'blkioWeight',
  'capAdd',
  'capDrop',
  'seccomp',
  'runtime',
  'restartPolicy',
  'stopTimeout',
  'autoRemove',
  'restartRetries',
  'healthcheck',
  'pod',
]);

/**
 * Core's field path ('ports[0].hostPort', 'limits.memory') → the form control that shows it ('ports-0', 'memory');
 * '' for a field the form has no control for (its problem shows at the top).
 */
export function controlFor(field: string | undefined): string {
  if (!field) return '';
  const row = /^(ports|mounts|secrets)\[(\d+)\]/.exec(field);
  if (row) return `${row[1]}-${row[2]}`;
  const [head = '', rest = ''] = field.split(/\.(.*)/s);
  const key = head.replace(/\[\d+\]$/, '');
  const control =
    key === 'limits'
      ? rest === 'cpusetCpus'
        ? 'cpuset'
        : rest
      : key === 'security'
        ? securityControl(rest)
        : key;
  return CONTROLS.has(control) ? control : '';
}

function securityControl(rest: string): string {
  const k = rest.replace(/\[\d+\]$/, '');
  return k === 'seccompProfile' ? 'seccomp' : k;
}

/** The sub-field of a row problem ('ports[0].hostPort' → 'hostPort'), to mark the one input at fault. */
export const rowPart = (field: string): string => /^\w+\[\d+\]\.(\w+)/.exec(field)?.[1] ?? '';
