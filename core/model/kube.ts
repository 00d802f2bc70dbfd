// Kubernetes YAML as Podman plays it: what a file holds before it runs (the plan), what playing it made (the
// report), and the progress items of a play. Shared with the renderer: no Node here.
import type { JobDone, JobLine } from './jobs.js';

/** Kinds `podman kube play` acts on (Podman 4.3 knows the first four; DaemonSet and Job came with 4.x/5.x). */
export const PLAYABLE_KINDS = [
  'Pod',
  'Deployment',
  'PersistentVolumeClaim',
  'ConfigMap',
  'Secret',
  'DaemonSet',
  'Job',
] as const;

export interface KubeDocument {
  kind: string;
  name: string;
  /** Images its containers (and init containers) run. */
  images: string[];
  /** Podman plays it (false: ignored or refused). */
  playable: boolean;
}

export interface KubePlan {
  documents: KubeDocument[];
  /** Every image, once, in order of appearance. */
  images: string[];
  /** Named volumes it creates or uses (PersistentVolumeClaims, persistentVolumeClaim volumes). */
  volumes: string[];
  warnings: string[];
}

export interface KubePlayReport {
  pods: { id: string; name: string; containers: string[] }[];
  volumes: string[];
  /** Per-container errors the engine reported without failing the whole play. */
  errors: string[];
}

export interface KubeDownReport {
  pods: string[];
  volumes: string[];
}

export type KubePlayEvent =
  | { kind: 'plan'; plan: KubePlan }
  | { kind: 'pull'; image: string; status: string; layer?: string; current?: number; total?: number }
  | JobLine
  | JobDone<KubePlayReport>;
