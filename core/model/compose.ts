// Compose projects as Burrow shows them: containers that a compose provider made carry the project's name in a
// label (docker-compose and `podman compose` set com.docker.compose.project; podman-compose sets both), so the
// list groups them under one row with the project's actions. Shared with the renderer: no Node here.
import type { JobDone, JobLine } from './jobs.js';
import type { ContainerState, ContainerSummary } from './types.js';

export const COMPOSE_PROJECT_LABELS = ['com.docker.compose.project', 'io.podman.compose.project'] as const;
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
export const COMPOSE_WORKING_DIR_LABEL = 'com.docker.compose.project.working_dir';
export const COMPOSE_CONFIG_FILES_LABEL = 'com.docker.compose.project.config_files';

export function composeProjectOf(labels: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!labels) return undefined;
  for (const key of COMPOSE_PROJECT_LABELS) {
    const v = labels[key];
    if (v) return v;
  }
  return undefined;
}

export interface ComposeService {
  service: string;
  containerId: string;
  containerName: string;
  state: ContainerState;
}

export interface ComposeProject {
  name: string;
  /** Where the provider ran (the compose file's folder), from the containers' labels. */
  workingDir?: string;
  /** The compose file(s), relative to workingDir or absolute, as the provider recorded them. */
  configFiles?: string[];
  services: ComposeService[];
  running: number;
  total: number;
}

/** Projects from a container list, by name; services in name order. */
export function composeProjects(containers: readonly ContainerSummary[]): ComposeProject[] {
  const byName = new Map<string, ComposeProject>();
  for (const c of containers) {
    const name = composeProjectOf(c.labels);
    if (!name) continue;
    let p = byName.get(name);
    if (!p) {
      p = { name, services: [], running: 0, total: 0 };
      byName.set(name, p);
    }
    const dir = c.labels[COMPOSE_WORKING_DIR_LABEL];
    if (dir && !p.workingDir) p.workingDir = dir;
    const files = c.labels[COMPOSE_CONFIG_FILES_LABEL];
    if (files && !p.configFiles) p.configFiles = files.split(',').filter(Boolean);
    p.services.push({
      service: c.labels[COMPOSE_SERVICE_LABEL] || c.name,
      containerId: c.id,
      containerName: c.name,
      state: c.state,
    });
    p.total += 1;
    if (c.state === 'running') p.running += 1;
  }
  for (const p of byName.values())
    p.services.sort(
      (a, b) => a.service.localeCompare(b.service) || a.containerName.localeCompare(b.containerName),
    );
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A row of the grouped container list: a project's header, one of its containers (m:), or another (c:). */
export type ListRowKey = `p:${string}` | `m:${string}` | `c:${string}`;

export function projectRowKey(name: string): ListRowKey {
  return `p:${name}`;
}

export function parseRowKey(key: string): {
  kind: 'project' | 'container';
  value: string;
  /** A container shown under its project's header. */
  member: boolean;
} {
  return key.startsWith('p:')
    ? { kind: 'project', value: key.slice(2), member: false }
    : { kind: 'container', value: key.slice(2), member: key.startsWith('m:') };
}

/** The container ids of a grouped list, in order. */
export function containerIds(rows: readonly ListRowKey[]): string[] {
  return rows.filter((r) => !r.startsWith('p:')).map((r) => r.slice(2));
}

/**
 * Group an already ordered and filtered list of container ids (the store keeps the order as events arrive):
 * each project becomes a header row where its first member would have been, followed by its members (unless
 * collapsed); other containers keep their places. One pass, no sorting. The result is a list of strings, so it
 * stays shallow-equal while nothing moved.
 */
export function groupRows(
  ids: readonly string[],
  projectOf: (id: string) => string | undefined,
  collapsed: ReadonlySet<string> = new Set(),
): ListRowKey[] {
  const members = new Map<string, string[]>();
  const projects: (string | undefined)[] = ids.map((id) => {
    const p = projectOf(id);
    if (p) {
      const list = members.get(p);
      if (list) list.push(id);
      else members.set(p, [id]);
    }
    return p;
  });
  if (members.size === 0) return ids.map((id): ListRowKey => `c:${id}`);
  const rows: ListRowKey[] = [];
  ids.forEach((id, i) => {
    const p = projects[i];
    if (!p) return void rows.push(`c:${id}`);
    const list = members.get(p);
    if (!list) return; // its header and members are already placed
    members.delete(p);
    rows.push(projectRowKey(p));
    if (!collapsed.has(p)) for (const m of list) rows.push(`m:${m}`);
  });
  return rows;
}

/** The compose tool Burrow runs, found on this machine. */
export type ComposeProviderKind = 'podman compose' | 'podman-compose' | 'docker-compose' | 'docker compose';

export interface ComposeProvider {
  kind: ComposeProviderKind;
  /** argv prefix, e.g. ['podman', 'compose'] */
  command: string[];
  version: string;
  /** `podman compose` runs another tool; which one, when it said so. */
  delegate?: string;
}

export interface ComposeProviders {
  /** The one Burrow uses unless asked for another: the first found in the order of `tried`. */
  chosen?: ComposeProvider;
  available: ComposeProvider[];
  /** Every candidate in order, and why it was not usable. */
  tried: { kind: ComposeProviderKind; found: boolean; why?: string }[];
  /** When none is usable: what to install. */
  hint?: string;
}

export interface ComposeFileService {
  name: string;
  image?: string;
  build: boolean;
  dependsOn: string[];
  ports: string[];
  /** Bind-mount sources as written (./data, /srv/x): host paths, on the engine's host. */
  bindSources: string[];
}

export interface ComposeFileSummary {
  path: string;
  /** The project name Burrow will pass with -p. */
  project: string;
  services: ComposeFileService[];
  warnings: string[];
}

export interface ComposeUpResult {
  project: string;
  provider: ComposeProvider;
  /** Containers of the project after the run. */
  services: ComposeService[];
}

export type ComposeEvent =
  | { kind: 'provider'; provider: ComposeProvider; project: string; command: string[] }
  | JobLine
  | JobDone<ComposeUpResult>;

export interface ProjectLogLine {
  service: string;
  container: string;
  stream: 'stdout' | 'stderr';
  text: string;
  timestamp?: string;
}

/** What a project action did to each of its containers. */
export interface ProjectActionResult {
  project: string;
  done: string[];
  failed: { container: string; message: string }[];
  removedNetworks?: string[];
}
