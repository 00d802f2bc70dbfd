// A compose project's actions through the engine's API, whatever tool made it: start in the order compose created
// the services, stop in reverse, restart, remove (containers, then the project's networks once nothing uses them;
// volumes stay, as with `compose down`), and the logs of every service interleaved by time, each line labelled.
import type { Engine } from '../engine-api.js';
import { BurrowError, toErrorData } from '../errors.js';
import {
  COMPOSE_PROJECT_LABELS,
  COMPOSE_SERVICE_LABEL,
  composeProjectOf,
  composeProjects,
  type ComposeProject,
  type ProjectActionResult,
  type ProjectLogLine,
} from '../model/compose.js';
import type { ContainerSummary, LogLine } from '../model/types.js';

export async function listProjects(engine: Engine): Promise<ComposeProject[]> {
  return composeProjects(await engine.containers.list({ all: true }));
}

/** The project's containers in the order compose created them (dependencies first). */
export async function projectContainers(engine: Engine, name: string): Promise<ContainerSummary[]> {
  const list = (await engine.containers.list({ all: true })).filter(
    (c) => composeProjectOf(c.labels) === name,
  );
  if (list.length === 0)
    throw new BurrowError({
      code: 'not_found',
      field: 'project',
      message: `No compose project "${name}" on this engine`,
      hint: 'Its containers carry com.docker.compose.project or io.podman.compose.project; none does.',
    });
  return list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
}

async function each(
  name: string,
  list: ContainerSummary[],
  fn: (c: ContainerSummary) => Promise<void>,
): Promise<ProjectActionResult> {
  const result: ProjectActionResult = { project: name, done: [], failed: [] };
  for (const c of list) {
    try {
      await fn(c);
      result.done.push(c.name);
    } catch (e) {
      result.failed.push({ container: c.name, message: toErrorData(e).message });
    }
  }
  return result;
}

function throwIfAllFailed(action: string, r: ProjectActionResult): ProjectActionResult {
  if (r.done.length === 0 && r.failed.length > 0)
    throw new BurrowError({
      code: 'engine_error',
      message: `${action} ${r.project} failed: ${r.failed.map((f) => `${f.container}: ${f.message}`).join('; ')}`,
    });
  return r;
}

export async function startProject(engine: Engine, name: string): Promise<ProjectActionResult> {
  const list = await projectContainers(engine, name);
  return throwIfAllFailed('start', await each(name, list, (c) => engine.containers.start(c.id)));
}

export async function stopProject(engine: Engine, name: string): Promise<ProjectActionResult> {
  const list = (await projectContainers(engine, name)).reverse();
  return throwIfAllFailed('stop', await each(name, list, (c) => engine.containers.stop(c.id)));
}

export async function restartProject(engine: Engine, name: string): Promise<ProjectActionResult> {
  await stopProject(engine, name);
  return startProject(engine, name);
}

/** Networks the project's tool made (labelled with the project) that no container uses any more. */
export async function removeProjectNetworks(engine: Engine, name: string): Promise<string[]> {
  const removed: string[] = [];
  for (const n of await engine.networks.list()) {
    if (!COMPOSE_PROJECT_LABELS.some((l) => n.labels[l] === name)) continue;
    const detail = await engine.networks.inspect(n.name).catch(() => undefined);
    if (!detail || detail.containers.length > 0) continue;
    await engine.networks
      .remove(n.name)
      .then(() => removed.push(n.name))
      .catch(() => undefined);
  }
  return removed;
}

export async function removeProject(engine: Engine, name: string): Promise<ProjectActionResult> {
  const list = (await projectContainers(engine, name)).reverse();
  const r = throwIfAllFailed(
    'remove',
    await each(name, list, (c) => engine.containers.remove(c.id, { force: true })),
  );
  return { ...r, removedNetworks: await removeProjectNetworks(engine, name) };
}

/** "2026-11-25T21:05:33.2142Z" → a key that sorts by time to the nanosecond, whatever the zone or digits. */
export function timeKey(ts: string | undefined): string {
  if (!ts) return '';
  const m = /^(.*?:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/.exec(ts);
  if (!m) return ts;
  const seconds = Date.parse(`${m[1]}${m[3] ?? 'Z'}`);
  if (Number.isNaN(seconds)) return ts;
  return `${String(seconds).padStart(15, '0')}.${(m[2] ?? '').padEnd(9, '0').slice(0, 9)}`;
}

function label(c: ContainerSummary): { service: string; container: string } {
  return { service: c.labels[COMPOSE_SERVICE_LABEL] || c.name, container: c.name };
}

/** Items of several async iterables in the order they arrive; ends when all have. */
async function* merge<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let open = sources.length;
  let failure: unknown;
  for (const s of sources)
    void (async () => {
      try {
        for await (const item of s) {
          queue.push(item);
          wake?.();
        }
      } catch (e) {
        failure ??= e;
      } finally {
        open -= 1;
        wake?.();
      }
    })();
  for (;;) {
    while (queue.length) yield queue.shift() as T;
    if (failure) throw failure;
    if (open === 0) return;
    await new Promise<void>((r) => (wake = r));
    wake = undefined;
  }
}

/**
 * Every service's log lines, each labelled with its service and container: the last `tail` lines of each,
 * interleaved by timestamp, then (with follow) new lines as they come.
 *
 * The follow starts where each container's backlog ended, by that last line's own timestamp (the engine's
 * clock): never by this machine's clock, which a remote engine's (a VM, a guest under load) can be seconds
 * apart from — lines would be dropped as "before now". With `tail: 0` one line is still read, as the anchor, and
 * not shown; a container whose log is empty follows from its log's start (everything in it is new).
 */
export async function* projectLogs(
  engine: Engine,
  name: string,
  opts: { tail?: number; follow?: boolean; signal?: AbortSignal } = {},
): AsyncGenerator<ProjectLogLine> {
  const list = await projectContainers(engine, name);
  const backlog: (ProjectLogLine & { key: string; seq: number })[] = [];
  const anchor = new Map<string, { key: string; timestamp: string }>();
  const tail = opts.tail === 0 && opts.follow ? 1 : opts.tail;
  let seq = 0;
  await Promise.all(
    list.map(async (c) => {
      const who = label(c);
      for await (const l of engine.containers.logs(c.id, {
        timestamps: true,
        ...(tail !== undefined ? { tail } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      })) {
        const key = timeKey(l.timestamp);
        if (opts.tail !== 0) backlog.push({ ...who, ...line(l), key, seq: seq++ });
        if (l.timestamp && key > (anchor.get(c.id)?.key ?? ''))
          anchor.set(c.id, { key, timestamp: l.timestamp });
      }
    }),
  );
  backlog.sort((a, b) => a.key.localeCompare(b.key) || a.seq - b.seq);
  for (const { key: _k, seq: _s, ...l } of backlog) yield l;
  if (!opts.follow || opts.signal?.aborted) return;
  yield* merge(
    list.map(async function* (c) {
      const who = label(c);
      const from = anchor.get(c.id);
      try {
        for await (const l of engine.containers.logs(c.id, {
          follow: true,
          timestamps: true,
          ...(from ? { since: from.timestamp } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        })) {
          // `since` includes lines stamped at the anchor itself: skip what the backlog already had.
          if (from && timeKey(l.timestamp) <= from.key) continue;
          yield { ...who, ...line(l) };
        }
      } catch (e) {
        if (!opts.signal?.aborted) throw e;
      }
    }),
  );
}

function line(l: LogLine): Pick<ProjectLogLine, 'stream' | 'text' | 'timestamp'> {
  return { stream: l.stream, text: l.text, ...(l.timestamp ? { timestamp: l.timestamp } : {}) };
}
