// One Engine that can change which Podman it talks to while everything above it (router, terminals, tray) keeps
// its reference. Calls go to the current engine; event streams follow a switch and yield a `resync` marker so
// consumers reconcile against the new engine. The old engine is closed after the swap (its containers keep
// running: only Burrow's own service or tunnel stops).
import { connectEngine, type ConnectOptions } from './engine.js';
import type { Engine, EventsClient } from './engine-api.js';
import { BurrowError } from './errors.js';
import { sshStrategy, type Strategy } from './connection/discovery.js';
import { parseUnixUri } from './connection/discovery.js';
import { ping } from './connection/ping.js';
import { ConnectionStore, LOCAL_CONNECTION, type NewConnection } from './connection/connections.js';
import type { ConnectionEntry, EngineEvent } from './model/types.js';

function delegate<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get(_t, prop) {
      const target = get() as Record<PropertyKey, unknown>;
      const v = target[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export interface SwitchableEngine extends Engine {
  /** The name of the connection in use. */
  readonly active: string;
  /** Bumped by every switch: caches of the previous engine's state are void from then on. */
  readonly generation: number;
  /** Connect to `next` first; only when that works, swap and close the previous engine. */
  switchTo(name: string, next: Engine): Promise<void>;
}

export function switchableEngine(initial: Engine, name: string): SwitchableEngine {
  let current = initial;
  let active = name;
  let generation = 0;
  const waiters = new Set<() => void>();

  const events: EventsClient = {
    async *stream(opts = {}) {
      const outer = opts.signal;
      let first = true;
      while (!outer?.aborted) {
        const seen = generation;
        const inner = new AbortController();
        const abortInner = () => inner.abort();
        outer?.addEventListener('abort', abortInner, { once: true });
        const onSwitch = () => inner.abort();
        waiters.add(onSwitch);
        if (!first) {
          const ev: EngineEvent = {
            kind: 'resync',
            reason: `switched to the "${active}" connection`,
            time: new Date().toISOString(),
          };
          yield ev;
        }
        first = false;
        try {
          for await (const ev of current.events.stream({
            ...(opts.filters ? { filters: opts.filters } : {}),
            signal: inner.signal,
          }))
            yield ev;
        } finally {
          waiters.delete(onSwitch);
          outer?.removeEventListener('abort', abortInner);
        }
        if (seen === generation) return; // ended without a switch: the caller aborted
      }
    },
  };

  return {
    containers: delegate(() => current.containers),
    images: delegate(() => current.images),
    networks: delegate(() => current.networks),
    volumes: delegate(() => current.volumes),
    pods: delegate(() => current.pods),
    system: delegate(() => current.system),
    registries: delegate(() => current.registries),
    secrets: delegate(() => current.secrets),
    events,
    get host() {
      return current.host;
    },
    get active() {
      return active;
    },
    get generation() {
      return generation;
    },
    connection: () => current.connection(),
    async close() {
      await current.close();
    },
    async switchTo(nextName, next) {
      const previous = current;
      current = next;
      active = nextName;
      generation += 1;
      for (const w of [...waiters]) w();
      await previous.close().catch(() => undefined);
    },
  };
}

/** Strategies for one connection entry ("local" is the default discovery). */
export function strategiesFor(entry: ConnectionEntry): Strategy[] | undefined {
  if (entry.name === LOCAL_CONNECTION) return undefined;
  if (entry.uri.startsWith('ssh://'))
    return [
      sshStrategy({ uri: entry.uri, field: 'uri', ...(entry.identity ? { identity: entry.identity } : {}) }),
    ];
  const socketPath = parseUnixUri(entry.uri);
  return [
    async () => {
      if (!socketPath || !(await ping(socketPath)))
        throw new BurrowError({
          code: 'engine_unreachable',
          field: 'uri',
          message: `${entry.uri} does not answer`,
          hint: 'Start that Podman service (`systemctl --user start podman.socket`), or pick another connection.',
        });
      return { kind: 'container_host', socketPath, uri: entry.uri };
    },
  ];
}

export interface ConnectionsServiceOptions {
  store?: ConnectionStore;
  /** How Burrow connects by default (the options the app started with). */
  connect?: ConnectOptions;
  connectEngine?: typeof connectEngine;
}

/** What the UI's Connections view uses: list, add, remove, and switch the engine everything else talks to. */
export class ConnectionsService {
  readonly store: ConnectionStore;
  private switching: Promise<void> | undefined;

  constructor(
    readonly engine: SwitchableEngine,
    private readonly opts: ConnectionsServiceOptions = {},
  ) {
    this.store = opts.store ?? new ConnectionStore();
  }

  async list(): Promise<{ active: string; connections: ConnectionEntry[] }> {
    return { active: this.engine.active, connections: await this.store.list() };
  }

  add(c: NewConnection): Promise<ConnectionEntry> {
    return this.store.add(c);
  }

  async remove(name: string): Promise<void> {
    if (name === this.engine.active)
      throw new BurrowError({
        code: 'conflict',
        field: 'name',
        message: `"${name}" is in use`,
        hint: 'Switch to another connection first.',
      });
    await this.store.remove(name);
  }

  async use(name: string): Promise<{ active: string }> {
    if (this.switching) await this.switching.catch(() => undefined);
    if (name === this.engine.active) return { active: name };
    const entry = await this.store.get(name);
    const connect = this.opts.connectEngine ?? connectEngine;
    const strategies = strategiesFor(entry);
    this.switching = (async () => {
      const next = await connect({ ...this.opts.connect, ...(strategies ? { strategies } : {}) });
      await this.engine.switchTo(name, next);
    })();
    try {
      await this.switching;
    } finally {
      this.switching = undefined;
    }
    return { active: name };
  }
}
