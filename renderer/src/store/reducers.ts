// Pure state transitions of the store, tested without React: reconcile from a full list, patch from a partial
// list after engine events, and decide which events need a refresh of which container.
import type { ContainerSummary } from '../../../core/model/types.js';

export type ById<T> = Record<string, T>;

export function indexById(list: ContainerSummary[]): ById<ContainerSummary> {
  const out: ById<ContainerSummary> = {};
  for (const c of list) out[c.id] = c;
  return out;
}

/** Same content? (so an unchanged container keeps its object and its row does not re-render) */
export function sameContainer(a: ContainerSummary | undefined, b: ContainerSummary): boolean {
  if (!a) return false;
  return (
    a.state === b.state &&
    a.status === b.status &&
    a.name === b.name &&
    a.startedAt === b.startedAt &&
    a.exitCode === b.exitCode &&
    samePorts(a.ports, b.ports) &&
    a.image === b.image &&
    a.networks.join() === b.networks.join() &&
    a.pod === b.pod &&
    a.health === b.health
  );
}

function samePorts(a: ContainerSummary['ports'], b: ContainerSummary['ports']): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i];
      return (
        q !== undefined &&
        p.hostIp === q.hostIp &&
        p.hostPort === q.hostPort &&
        p.containerPort === q.containerPort &&
        p.protocol === q.protocol &&
        p.range === q.range
      );
    })
  );
}

/** Full reconcile: the list is the truth; unchanged entries keep their identity. */
export function reconcile(prev: ById<ContainerSummary>, list: ContainerSummary[]): ById<ContainerSummary> {
  const next: ById<ContainerSummary> = {};
  for (const c of list) next[c.id] = sameContainer(prev[c.id], c) ? (prev[c.id] as ContainerSummary) : c;
  return next;
}

/** Patch after events: `fresh` is the engine's answer for exactly the `asked` ids; asked but absent = gone. */
export function patch(
  prev: ById<ContainerSummary>,
  asked: string[],
  fresh: ContainerSummary[],
): ById<ContainerSummary> {
  const next = { ...prev };
  const seen = new Set<string>();
  for (const c of fresh) {
    seen.add(c.id);
    if (!sameContainer(prev[c.id], c)) next[c.id] = c;
  }
  for (const id of asked) if (!seen.has(id)) delete next[id];
  return next;
}

const collator = new Intl.Collator();

/** The list's order: running first, then by name. */
export function byStateThenName(a: ContainerSummary, b: ContainerSummary): number {
  const ar = a.state === 'running';
  if (ar !== (b.state === 'running')) return ar ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every container's id in the list's order (after a full reconcile). */
export function sortedIds(all: ById<ContainerSummary>): string[] {
  return Object.values(all)
    .sort(byStateThenName)
    .map((c) => c.id);
}

/** First index whose container sorts at or after `c` (binary search). */
function lowerBound(order: string[], all: ById<ContainerSummary>, c: ContainerSummary): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = all[order[mid] as string];
    if (m && byStateThenName(m, c) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The order after some containers changed: each one whose place changed is taken out and put back by binary
 * search — O(log N) comparisons per changed container, where sorting every container again on each event costs
 * O(N log N) (tens of ms at 3000). When nothing moved, the same array comes back (nothing re-renders).
 */
export function reorder(
  order: string[],
  prev: ById<ContainerSummary>,
  next: ById<ContainerSummary>,
  changed: Iterable<string>,
): string[] {
  const moved = [...new Set(changed)].filter((id) => {
    const a = prev[id];
    const b = next[id];
    return !a || !b || a.name !== b.name || (a.state === 'running') !== (b.state === 'running');
  });
  if (moved.length === 0) return order;
  const out = [...order];
  // Out first, judged by the old rows (what `out` is sorted by); what stays sorts the same by the new ones.
  for (const id of moved) {
    const before = prev[id];
    if (!before) continue;
    const i = lowerBound(out, prev, before);
    const at = out[i] === id ? i : out.indexOf(id); // equal keys cannot happen (the id breaks ties)
    if (at >= 0) out.splice(at, 1);
  }
  for (const id of moved) {
    const after = next[id];
    if (after) out.splice(lowerBound(out, next, after), 0, id);
  }
  return out;
}

export { effectOf, type EventEffect } from '../../../core/model/event-effect.js';

export function uptime(startedAt: string | undefined, now: number): string {
  if (!startedAt) return '';
  const s = Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d`;
}

export function matchesFilter(c: ContainerSummary, text: string, state: string): boolean {
  if (state !== 'all') {
    if (state === 'running' && c.state !== 'running') return false;
    if (state === 'stopped' && (c.state === 'running' || c.state === 'paused')) return false;
    if (state === 'paused' && c.state !== 'paused') return false;
  }
  if (!text) return true;
  const t = text.toLowerCase();
  return c.name.toLowerCase().includes(t) || c.image.toLowerCase().includes(t) || c.id.startsWith(t);
}
