// The create form as data: what the user typed (FormState, all text), its empty rows, and small readers of it.
// How it becomes core's spec is to-spec.ts; where each field's problems show is controls.ts. Pure: no React, no
// DOM. A new create field: schema (core/model/create-spec.ts) → FormState here → toSpec (to-spec.ts) → its
// control in a section (and controls.ts) → spec-generator.
import { RESTART_POLICIES } from '../../../../core/model/create-spec.js';
import type { Settings } from '../../../../core/model/settings.js';
import type { HealthOnFailure, Mount, RestartPolicy } from '../../../../core/model/types.js';
import { parseUserns } from '../../../../core/model/userns.js';

export interface PortRow {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp';
}

export interface MountRow {
  type: Mount['type'];
  /** Host path (bind), volume name (volume) or size (tmpfs). */
  source: string;
  target: string;
  options: string;
}

/** A secret given to the container: which one, as a file or a variable, and where (empty: the secret's name). */
export interface SecretRow {
  name: string;
  as: 'file' | 'env';
  target: string;
}

export const NETWORK_CHOICES = [
  'default',
  'bridge',
  'pasta',
  'slirp4netns',
  'none',
  'host',
  'container',
] as const;
export type NetworkChoice = (typeof NETWORK_CHOICES)[number];
export type UsernsChoice = 'host' | 'keep-id' | 'keep-id-ids' | 'nomap' | 'auto';
export type HealthKind = 'none' | 'CMD-SHELL' | 'CMD';

export interface FormState {
  image: string;
  name: string;
  command: string;
  entrypoint: string;
  env: string;
  workdir: string;
  user: string;
  labels: string;
  hostname: string;
  ports: PortRow[];
  mounts: MountRow[];
  secrets: SecretRow[];
  usernsKind: UsernsChoice;
  keepUid: string;
  keepGid: string;
  network: NetworkChoice;
  networks: string;
  memory: string;
  memorySwap: string;
  memoryReservation: string;
  cpus: string;
  cpuShares: string;
  cpuset: string;
  pidsLimit: string;
  blkioWeight: string;
  capAdd: string;
  capDrop: string;
  noNewPrivileges: boolean;
  readOnlyRootfs: boolean;
  seccomp: string;
  privileged: boolean;
  runtime: '' | 'runc' | 'crun';
  restartPolicy: RestartPolicy;
  /** Seconds; empty leaves Podman's own default. */
  stopTimeout: string;
  autoRemove: boolean;
  tty: boolean;
  stdin: boolean;
  dns: string;
  start: boolean;
  /** Size of an auto user namespace (empty: Podman's default). */
  autoSize: string;
  /** The container whose network is shared (network "container"). */
  networkContainer: string;
  /** The pod to create the container in (empty: none). */
  pod: string;
  restartRetries: string;
  hcKind: HealthKind;
  /** The check: one shell command line (CMD-SHELL), or a program and its arguments (CMD). */
  hcCommand: string;
  hcInterval: string;
  hcTimeout: string;
  hcRetries: string;
  hcStartPeriod: string;
  hcOnFailure: '' | HealthOnFailure;
}

/** The fields typed as free text (one input or textarea each). */
export type TextKey = {
  [K in keyof FormState]: string extends FormState[K] ? K : never;
}[keyof FormState];
export type FlagKey = { [K in keyof FormState]: FormState[K] extends boolean ? K : never }[keyof FormState];

export const EMPTY_FORM: FormState = {
  image: '',
  name: '',
  command: '',
  entrypoint: '',
  env: '',
  workdir: '',
  user: '',
  labels: '',
  hostname: '',
  ports: [],
  mounts: [],
  secrets: [],
  usernsKind: 'host',
  keepUid: '',
  keepGid: '',
  network: 'default',
  networks: '',
  memory: '',
  memorySwap: '',
  memoryReservation: '',
  cpus: '',
  cpuShares: '',
  cpuset: '',
  pidsLimit: '',
  blkioWeight: '',
  capAdd: '',
  capDrop: '',
  noNewPrivileges: false,
  readOnlyRootfs: false,
  seccomp: '',
  privileged: false,
  runtime: '',
  restartPolicy: 'no',
  stopTimeout: '',
  autoRemove: false,
  tty: false,
  stdin: false,
  dns: '',
  start: true,
  autoSize: '',
  networkContainer: '',
  pod: '',
  restartRetries: '',
  hcKind: 'none',
  hcCommand: '',
  hcInterval: '',
  hcTimeout: '',
  hcRetries: '',
  hcStartPeriod: '',
  hcOnFailure: '',
};

/** What a new container starts with, from the settings (Settings → New containers). */
export function formDefaults(d: Settings['defaults'] | undefined): Partial<FormState> {
  if (!d) return {};
  const out: Partial<FormState> =
    d.stopTimeoutSeconds !== undefined ? { stopTimeout: String(d.stopTimeoutSeconds) } : {};
  let mode;
  try {
    mode = parseUserns(d.userns);
  } catch {
    return out; // a mode the store should have refused: the form's own default
  }
  if (mode.kind === 'nomap') out.usernsKind = 'nomap';
  else if (mode.kind === 'keep-id' && mode.uid === undefined && mode.gid === undefined)
    out.usernsKind = 'keep-id';
  else if (mode.kind === 'keep-id') {
    out.usernsKind = 'keep-id-ids';
    out.keepUid = mode.uid !== undefined ? String(mode.uid) : '';
    out.keepGid = mode.gid !== undefined ? String(mode.gid) : '';
  }
  // host, and auto (which the form does not offer), start as host
  return out;
}

export const EMPTY_PORT: PortRow = { hostIp: '127.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' };
export const EMPTY_MOUNT: MountRow = { type: 'bind', source: '', target: '', options: '' };
export const EMPTY_SECRET: SecretRow = { name: '', as: 'file', target: '' };

export const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
export const list = (s: string): string[] =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export const isNetworkChoice = (v: string): v is NetworkChoice =>
  (NETWORK_CHOICES as readonly string[]).includes(v);
export const isRestartPolicy = (v: string): v is RestartPolicy =>
  (RESTART_POLICIES as readonly string[]).includes(v);
