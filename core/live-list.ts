// The container list kept in memory from the engine's own event stream, so the full list Burrow serves (a window
// opening or reconnecting, the tray) is a walk over a map instead of a libpod list — which costs ~40 ms at 100 and
// ~270 ms at 1000 containers on this kind of host, and competes with the page for the CPU.
//
// Correctness rests on one rule: a single upstream event stream is applied to the cache first and only then
// handed to subscribers (the router's `events` topic, the tray). A consumer that has seen an event can therefore
// never be served a list older than that event: removals are applied synchronously, refreshes are fetched before
// any list is answered. A list answer and later events travel down the same transport in order.
//
// - Events touching a container mark it dirty; dirty ids are fetched by inspect (`containers.summary`), so one
//   event costs the same at 10 and at 3000 containers (libpod answers even an `id=` filtered list by walking every
//   container: ~280 ms at 1000 here). Only a burst that changes most of the list at once coalesces into one
//   filtered list. Removals drop the row and leave a tombstone so a fetch in flight cannot bring it back.
// - A `resync` marker (the stream was interrupted, or the engine was switched) takes the cache out of step; the
//   next list rebuilds it from a full libpod list while still tracking events, so nothing in between is lost.
// - Changes made through this engine are read-your-writes: the touched container is fetched before the next
//   list is answered (by id, or by a full rebuild where the target is a name or many containers).
// - Only the common questions come from memory — every container (`all`), or exact ids; anything else (other
//   filters, running-only) goes to the engine, as does everything while the cache is out of step.
import type {
  ContainersClient,
  Engine,
  EventsClient,
  ListContainersOptions,
  PodsClient,
  SystemClient,
} from './engine-api.js';
import { statusText } from './clients/containers-mapping.js';
import { BurrowError } from './errors.js';
import { effectOf } from './model/event-effect.js';
import { sleep } from './sleep.js';
import type { ContainerSummary, EngineEvent } from './model/types.js';

export interface LiveListStats {
  /** The cache reflects every event seen so far and can answer lists. */
  inStep: boolean;
  size: number;
  /** Lists answered from memory / passed to the engine. */
  served: number;
  passedThrough: number;
  /** Full rebuilds and filtered fetches made to keep it in step. */
  rebuilds: number;
  fetches: number;
}

export interface LiveEngine extends Engine {
  readonly liveList: LiveListStats;
  /** Stop the live list (its stream, its subscribers) but leave the engine underneath open. */
  detach(): void;
}

const FULL_ID = /^[0-9a-f]{64}$/;
// Inspects in flight at once for a burst of changed containers.
const INSPECTS_AT_ONCE = 16;

type Sub = { queue: EngineEvent[]; wake: (() => void) | undefined };

/** Return `target` with some properties replaced; everything else (getters, methods) reads through. */
function override<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.prototype.hasOwnProperty.call(replaced, prop))
        return (replaced as Record<PropertyKey, unknown>)[prop];
      const v = Reflect.get(t, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
}

export function withLiveContainerList(engine: Engine): LiveEngine {
  const rows = new Map<string, ContainerSummary>();
  const dirty = new Set<string>();
  const tombstones = new Set<string>();
  const subs = new Set<Sub>();
  const stats = { served: 0, passedThrough: 0, rebuilds: 0, fetches: 0 };
  let inStep = false;
  // Bumped whenever the cache leaves step; a rebuild or fetch that started under an older epoch is discarded.
  let epoch = 0;
  let rebuilding: Promise<void> | undefined;
  let flushing: Promise<void> | undefined;
  let upstream: AbortController | undefined;
  let closed = false;

  const leaveStep = () => {
    inStep = false;
    epoch += 1;
  };
  // A switchable engine says when it moved to another Podman; its resync event would arrive too late for a
  // list asked right after the switch.
  const engineGeneration = () => (engine as { generation?: number }).generation ?? 0;
  let seenGeneration = engineGeneration();
  const checkGeneration = () => {
    if (engineGeneration() === seenGeneration) return;
    seenGeneration = engineGeneration();
    leaveStep();
  };

  function apply(ev: EngineEvent): void {
    const eff = effectOf(ev);
    if (eff.kind === 'reconcile') leaveStep();
    else if (eff.kind === 'remove') {
      rows.delete(eff.id);
      dirty.delete(eff.id);
      tombstones.add(eff.id);
    } else if (eff.kind === 'refresh') {
      dirty.add(eff.id);
      if (inStep) void flush().catch(() => undefined); // out of step now; the next list rebuilds
    }
  }

  function startUpstream(): void {
    if (upstream || closed) return;
    const ac = new AbortController();
    upstream = ac;
    void (async () => {
      let first = true;
      while (!ac.signal.aborted) {
        try {
          if (!first) {
            const resync: EngineEvent = {
              kind: 'resync',
              reason: 'the event stream was interrupted',
              time: new Date().toISOString(),
            };
            apply(resync);
            for (const s of subs) push(s, resync);
          }
          first = false;
          for await (const ev of engine.events.stream({ signal: ac.signal })) {
            apply(ev);
            for (const s of subs) push(s, ev);
          }
        } catch {
          // the stream failed outright (it normally retries inside): start it again after a pause
        }
        if (ac.signal.aborted) return;
        leaveStep();
        await sleep(500, ac.signal);
      }
    })();
  }

  function push(s: Sub, ev: EngineEvent): void {
    s.queue.push(ev);
    s.wake?.();
  }

  async function rebuild(): Promise<void> {
    if (rebuilding) return rebuilding;
    const run = async () => {
      for (;;) {
        const started = epoch;
        // Events from here on are tracked: ids touched are fetched again after, removals win over the list.
        tombstones.clear();
        dirty.clear();
        stats.rebuilds += 1;
        const list = await engine.containers.list({ all: true });
        checkGeneration();
        if (started !== epoch) continue; // left step again while listing (a resync): list again
        rows.clear();
        for (const c of list) if (!tombstones.has(c.id)) rows.set(c.id, c);
        inStep = true;
        return;
      }
    };
    rebuilding = run().finally(() => {
      rebuilding = undefined;
    });
    return rebuilding;
  }

  /**
   * The next dirty ids to fetch, and how. One inspect each, 16 at a time, whose cost does not depend on how many
   * containers exist; one filtered list of them all only when most of the list changed at once (a script creating
   * hundreds into a short list): libpod answers a filtered list by walking every container (0.3–1.4 s at
   * 1000–3000 containers on this machine), an inspect in a few ms.
   */
  function nextBatch(): { ids: string[]; walk: boolean } {
    const all = [...dirty];
    const walk = all.length > INSPECTS_AT_ONCE && all.length > rows.size / 2;
    const ids = walk ? all : all.slice(0, INSPECTS_AT_ONCE);
    for (const id of ids) dirty.delete(id);
    return { ids, walk };
  }

  /** The current rows of these ids; absent = gone. */
  async function fetchRows(ids: string[], walk: boolean): Promise<ContainerSummary[]> {
    if (walk) return engine.containers.list({ all: true, filters: { id: ids } });
    const got = await Promise.all(
      ids.map((id) =>
        engine.containers.summary(id).catch((e: unknown) => {
          if (e instanceof BurrowError && e.code === 'not_found') return undefined;
          throw e;
        }),
      ),
    );
    return got.filter((c): c is ContainerSummary => c !== undefined);
  }

  async function flush(): Promise<void> {
    if (flushing) return flushing;
    const run = async () => {
      while (dirty.size > 0 && inStep) {
        const started = epoch;
        const { ids, walk } = nextBatch();
        stats.fetches += 1;
        let fresh: ContainerSummary[];
        try {
          fresh = await fetchRows(ids, walk);
          checkGeneration();
        } catch (e) {
          for (const id of ids) dirty.add(id);
          leaveStep();
          throw e;
        }
        if (started !== epoch) return;
        const seen = new Set<string>();
        for (const c of fresh) {
          seen.add(c.id);
          if (!tombstones.has(c.id)) rows.set(c.id, c);
        }
        // Asked for by full id and not returned: it is gone. (A prefix or name never reaches here unresolved.)
        for (const id of ids) if (!seen.has(id) && FULL_ID.test(id)) rows.delete(id);
      }
      if (!rebuilding) tombstones.clear();
    };
    flushing = run().finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  /** Bring the cache in step with everything seen so far (events and this engine's own changes). */
  async function settle(): Promise<void> {
    checkGeneration();
    for (let i = 0; i < 5; i += 1) {
      if (!inStep) await rebuild();
      if (dirty.size > 0 || flushing) await flush();
      if (inStep && dirty.size === 0 && !flushing) return;
    }
  }

  const fresh = (c: ContainerSummary, now: number): ContainerSummary => {
    const status = statusText(c.state, c.startedAt, c.finishedAt, c.exitCode, now);
    return status === c.status ? c : { ...c, status };
  };

  async function list(opts: ListContainersOptions = {}): Promise<ContainerSummary[]> {
    const keys = Object.keys(opts.filters ?? {});
    const byIds =
      keys.length === 1 && keys[0] === 'id' && (opts.filters?.id ?? []).every((i) => FULL_ID.test(i));
    if ((opts.all ?? true) === false || (keys.length > 0 && !byIds) || closed) {
      stats.passedThrough += 1;
      return engine.containers.list(opts);
    }
    startUpstream();
    await settle();
    stats.served += 1;
    const now = Date.now();
    if (byIds) {
      const out: ContainerSummary[] = [];
      for (const id of opts.filters?.id ?? []) {
        const c = rows.get(id);
        if (c) out.push(fresh(c, now));
      }
      return out;
    }
    return [...rows.values()].map((c) => fresh(c, now));
  }

  /** After a change made through this engine: fetch that container (by full id) or rebuild (a name, many). */
  function touched(idOrName: string | undefined): void {
    if (!inStep) {
      if (rebuilding) leaveStep(); // its list may predate this change: list again
      return;
    }
    const id =
      idOrName &&
      (FULL_ID.test(idOrName) ? idOrName : [...rows.values()].find((c) => c.name === idOrName)?.id);
    if (id) dirty.add(id);
    else leaveStep();
  }

  const wrap =
    <A extends unknown[], R>(
      fn: (...a: A) => Promise<R>,
      target: (a: A, r: R | undefined) => string | undefined,
      removes = false,
    ) =>
    async (...a: A): Promise<R> => {
      try {
        const r = await fn(...a);
        const t = target(a, r);
        if (removes && t && FULL_ID.test(t)) {
          rows.delete(t);
          tombstones.add(t);
        } else touched(t);
        return r;
      } catch (e) {
        touched(target(a, undefined));
        throw e;
      }
    };

  // Methods are looked up on every call: behind a switchable engine they belong to whichever engine is current.
  const c = engine.containers;
  const p = engine.pods;
  const first = (a: unknown[]) => (typeof a[0] === 'string' ? a[0] : undefined);
  const everything = () => undefined;
  const change = <K extends keyof ContainersClient>(name: K, target = first, removes = false) =>
    wrap((...a: unknown[]) => (c[name] as (...x: unknown[]) => Promise<unknown>)(...a), target, removes);
  const podChange = <K extends keyof PodsClient>(name: K) =>
    wrap((...a: unknown[]) => (p[name] as (...x: unknown[]) => Promise<unknown>)(...a), everything);
  const containers = override<ContainersClient>(c, {
    list,
    create: wrap(
      (...a: Parameters<ContainersClient['create']>) => c.create(...a),
      (_a, r) => r?.id,
    ),
    start: change('start'),
    stop: change('stop'),
    restart: change('restart'),
    kill: change('kill'),
    pause: change('pause'),
    unpause: change('unpause'),
    rename: change('rename'),
    remove: change('remove', first, true),
    prune: change('prune', everything),
    healthcheck: change('healthcheck'),
    recreate: change('recreate', everything),
  } as Partial<ContainersClient>);
  const pods = override<PodsClient>(p, {
    create: podChange('create'),
    start: podChange('start'),
    stop: podChange('stop'),
    remove: podChange('remove'),
  } as Partial<PodsClient>);

  // A system prune removes containers: the same read-your-writes. (Test doubles may have no system client.)
  const sys = engine.system as SystemClient | undefined;
  const system =
    sys &&
    override<SystemClient>(sys, {
      prune: wrap((...a: Parameters<SystemClient['prune']>) => sys.prune(...a), everything),
    });

  const events: EventsClient = {
    stream(opts = {}) {
      // Filtered streams are a different question: straight to the engine.
      if (opts.filters) return engine.events.stream(opts);
      return subscribe(opts.signal);
    },
  };

  function detach(): void {
    closed = true;
    leaveStep();
    upstream?.abort();
    for (const s of subs) s.wake?.();
  }

  async function* subscribe(signal: AbortSignal | undefined): AsyncGenerator<EngineEvent> {
    startUpstream();
    const sub: Sub = { queue: [], wake: undefined };
    const onAbort = () => sub.wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    subs.add(sub);
    try {
      while (!signal?.aborted && !closed) {
        const ev = sub.queue.shift();
        if (ev) {
          yield ev;
          continue;
        }
        await new Promise<void>((r) => {
          sub.wake = r;
        });
        sub.wake = undefined;
      }
    } finally {
      subs.delete(sub);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return override<LiveEngine>(engine as LiveEngine, {
    containers,
    pods,
    ...(system ? { system } : {}),
    events,
    get liveList(): LiveListStats {
      return { ...stats, inStep, size: rows.size };
    },
    detach,
    async close() {
      detach();
      await engine.close();
    },
  });
}
