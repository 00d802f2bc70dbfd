// Quadlet units and `podman auto-update` as Burrow shows them: what the engine's host offers (and why not), the
// user's units with what the generator made of them and their state, and the results of an auto-update run.
// Shared with the renderer: no Node here.
import type { JobDone, JobLine } from './jobs.js';

export type Availability = { available: true } | { available: false; reason: string; hint: string };

export interface SystemdSupport {
  /** "this machine" or "tester@127.0.0.1 port 2243 (over SSH)" */
  where: string;
  remote: boolean;
  podmanVersion: string;
  /** Quadlet's generator (Podman ≥ 4.4), with its path when present. */
  quadlet: Availability & { binary?: string };
  /** The user's systemd instance (`systemctl --user`), with its state ("running", "degraded"). */
  systemd: Availability & { state?: string };
  /** `podman auto-update` restarts units through systemd, so it needs the user's systemd instance. */
  autoUpdate: Availability;
  /** ~/.config/containers/systemd on the engine's host. */
  unitDir: string;
}

export const QUADLET_KINDS = ['container', 'pod', 'kube', 'network', 'volume', 'image', 'build'] as const;
export type QuadletKind = (typeof QUADLET_KINDS)[number];

export type UnitActiveState =
  'active' | 'inactive' | 'failed' | 'activating' | 'deactivating' | 'reloading' | 'unknown';

export type AutoUpdatePolicy = 'registry' | 'local';

export interface QuadletUnitInfo {
  /** Absolute path of the source file on the engine's host. */
  path: string;
  fileName: string;
  kind: QuadletKind;
  /** The service the generator made of it; absent when it could not convert the file. */
  service?: string;
  /** Why the generator refused the file. */
  generatorError?: string;
  state: UnitActiveState;
  subState?: string;
  /** systemd's Result of the last run ("exit-code" after a failed start). */
  result?: string;
  since?: string;
  /** The source has an [Install] section that starts it with the user's session. */
  enabled: boolean;
  autoUpdate?: AutoUpdatePolicy;
  text: string;
}

export interface QuadletListing {
  support: SystemdSupport;
  units: QuadletUnitInfo[];
  /** Generator warnings that name no unit of ours, verbatim. */
  warnings: string[];
}

export type UnitAction = 'start' | 'stop' | 'restart' | 'enable' | 'disable';

export interface UnitJournalEntry {
  time: string;
  priority: number;
  identifier?: string;
  message: string;
}

/** What the generator made of a unit text (checked beside the user's other units; nothing saved). */
export interface UnitCheck {
  ok: boolean;
  service?: string;
  generated?: string;
  error?: string;
}

export interface QuadletWriteResult {
  path: string;
  service: string;
  /** The generated service, as the generator printed it. */
  generated: string;
}

/** One unit's outcome in `podman auto-update` (Podman's Updated column, in words). */
export type AutoUpdateStatus = 'pending' | 'updated' | 'unchanged' | 'failed' | 'rolled-back' | 'unknown';

export interface AutoUpdateEntry {
  unit: string;
  containerId: string;
  containerName: string;
  image: string;
  policy: string;
  status: AutoUpdateStatus;
  /** Podman's own word for it ("pending", "true", "false", "failed", "rolled back"). */
  raw: string;
}

export type AutoUpdateEvent = JobLine | JobDone<AutoUpdateEntry[]>;
