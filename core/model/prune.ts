// What a prune will remove, worked out before anything is removed, with Podman's own rules (libpod 4.3 and
// 5.x): containers that are created or exited and not in a pod; pods that are stopped or exited (with their
// containers); then images no surviving container uses (only dangling ones unless "all"); networks and — when
// asked — volumes no surviving container uses. Node-free: the renderer lists the plan, core computes it.

export type PruneScope = 'containers' | 'system';

export interface PruneOptions {
  scope: PruneScope;
  /** System prune: every unused image, not only dangling ones. */
  all?: boolean;
  /** System prune: unused volumes too (their data is lost). */
  volumes?: boolean;
  /** Only objects with these labels ("key" or "key=value"), as Podman's label filter. Pods are never filtered. */
  labels?: string[];
}

export interface PruneInputs {
  containers: {
    id: string;
    name: string;
    state: string;
    pod?: string;
    imageId: string;
    networks: string[];
    labels: Record<string, string>;
    /** Bytes of its writable layer. */
    size: number;
    /** Named volumes it mounts. */
    volumes: string[];
  }[];
  pods: { id: string; name: string; status: string; containers: string[] }[];
  images: { id: string; tags: string[]; size: number; labels: Record<string, string> }[];
  networks: { name: string; labels: Record<string, string> }[];
  volumes: { name: string; size: number; labels: Record<string, string> }[];
}

export interface PrunePlan {
  scope: PruneScope;
  containers: { id: string; name: string; size: number }[];
  pods: { id: string; name: string }[];
  images: { id: string; name: string; size: number }[];
  networks: { name: string }[];
  volumes: { name: string; size: number }[];
  /** The space the plan frees at most (layers shared with kept images free less). */
  estimatedBytes: number;
}

export interface SystemPruneResult {
  removed: { containers: string[]; pods: string[]; images: string[]; networks: string[]; volumes: string[] };
  /** What Podman reports it reclaimed. */
  reclaimedBytes: number;
}

const PRUNABLE_CONTAINER = ['created', 'exited', 'stopped', 'configured'];
const PRUNABLE_POD = ['stopped', 'exited'];
/** Podman's default network is never pruned. */
const DEFAULT_NETWORKS = ['podman'];

export function labelsMatch(labels: Record<string, string>, filters: string[] | undefined): boolean {
  return (filters ?? []).every((f) => {
    const eq = f.indexOf('=');
    return eq < 0 ? f in labels : labels[f.slice(0, eq)] === f.slice(eq + 1);
  });
}

export function planPrune(input: PruneInputs, opts: PruneOptions): PrunePlan {
  const system = opts.scope === 'system';
  const pods = system ? input.pods.filter((p) => PRUNABLE_POD.includes(p.status.toLowerCase())) : [];
  const podIds = new Set(pods.flatMap((p) => [p.id, p.name]));
  const gone = new Set<string>();
  const containers = input.containers.filter((c) => {
    const inPrunedPod = c.pod !== undefined && podIds.has(c.pod);
    const prunable =
      inPrunedPod || (!c.pod && PRUNABLE_CONTAINER.includes(c.state) && labelsMatch(c.labels, opts.labels));
    if (prunable) gone.add(c.id);
    return prunable;
  });
  const kept = input.containers.filter((c) => !gone.has(c.id));
  const images = system
    ? input.images.filter(
        (i) =>
          (opts.all || i.tags.length === 0) &&
          !kept.some((c) => c.imageId === i.id) &&
          labelsMatch(i.labels, opts.labels),
      )
    : [];
  const networks = system
    ? input.networks.filter(
        (n) =>
          !DEFAULT_NETWORKS.includes(n.name) &&
          !kept.some((c) => c.networks.includes(n.name)) &&
          labelsMatch(n.labels, opts.labels),
      )
    : [];
  const volumes =
    system && opts.volumes
      ? input.volumes.filter(
          (v) => !kept.some((c) => c.volumes.includes(v.name)) && labelsMatch(v.labels, opts.labels),
        )
      : [];
  const plan: PrunePlan = {
    scope: opts.scope,
    containers: containers.map((c) => ({ id: c.id, name: c.name, size: c.size })),
    pods: pods.map((p) => ({ id: p.id, name: p.name })),
    images: images.map((i) => ({ id: i.id, name: i.tags[0] ?? i.id.slice(0, 12), size: i.size })),
    networks: networks.map((n) => ({ name: n.name })),
    volumes: volumes.map((v) => ({ name: v.name, size: v.size })),
    estimatedBytes: 0,
  };
  plan.estimatedBytes =
    plan.containers.reduce((a, c) => a + c.size, 0) +
    plan.images.reduce((a, i) => a + i.size, 0) +
    plan.volumes.reduce((a, v) => a + v.size, 0);
  return plan;
}
