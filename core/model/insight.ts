// What Burrow's rootless insight answers, as plain data: the doctor's report, the live UID/GID mapping, the
// create preview with its bind-mount predictions, Quadlet units and the one-shot runner's events. The logic that
// produces them lives in core/insight (Node); these shapes are shared with the renderer, so nothing here may
// import Node.
import type { CreateContainerSpec, IdMapEntry, UsernsMode } from './types.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info';

export interface DoctorCheck {
  id: string;
  title: string;
  status: CheckStatus;
  summary: string;
  /** What was actually read, verbatim where short: file lines, modes, engine fields. */
  evidence: string[];
  /** The exact command or edit that fixes it, when something needs fixing. */
  fix?: string;
}

export interface DoctorReport {
  checks: DoctorCheck[];
  counts: Record<CheckStatus, number>;
  local: boolean;
}

export interface MappingRange {
  container: string; // "0" or "1–65535"
  host: string;
  size: number;
  /** Who that host range is: 'you' | 'subordinate' | 'other' */
  owner: 'you' | 'subordinate' | 'other';
}

export interface MappingView {
  uid: MappingRange[];
  gid: MappingRange[];
  sentences: string[];
}

export interface ProcessPreview {
  containerUid: number;
  containerGid: number;
  hostUid?: number;
  hostGid?: number;
  uidMap?: IdMapEntry[];
  gidMap?: IdMapEntry[];
  /** "the process will run as host uid 101000 (a subordinate uid that owns none of your files)" */
  sentence: string;
}

export type FixKind = 'keep-id' | 'chown-U' | 'unshare-chown' | 'selinux-Z';

export interface PermissionFix {
  kind: FixKind;
  title: string;
  /** What to change in the create form (applied in one click). */
  userns?: UsernsMode;
  addMountOption?: 'U' | 'Z';
  /** A command to run instead, where the fix is on the host. */
  command?: string;
  caveat?: string;
}

export interface AccessPrediction {
  read: boolean;
  write: boolean;
  /** Why, in words: names the path and bits that decide it. */
  reason: string;
  /** The first path on the way that blocks access. */
  blockedAt?: string;
  fixes: PermissionFix[];
}

export interface MountPrediction {
  index: number;
  source: string;
  target: string;
  hostUid: number;
  hostGid: number;
  prediction: AccessPrediction;
}

/** Whether the bind mounts' host paths could be checked: only on the engine's own machine. */
export type HostPathCheck = { checked: true } | { checked: false; reason: string };

export interface CreatePreview {
  process: ProcessPreview;
  mounts: MountPrediction[];
  hostPaths: HostPathCheck;
}

export interface QuadletUnit {
  /** e.g. web.container; systemd makes it web.service */
  fileName: string;
  serviceName: string;
  text: string;
}

export type QuadletValidation =
  | { checked: true; ok: true; service: string }
  | { checked: true; ok: false; error: string }
  | { checked: false; reason: string };

export type OneShotEvent =
  | { kind: 'created'; id: string; spec: CreateContainerSpec }
  | { kind: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { kind: 'exit'; code: number };
