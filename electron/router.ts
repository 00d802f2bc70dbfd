// The router: the only way from the UI to the engine. Unknown channels and invalid arguments are refused
// before anything runs; results cross as {ok,value}|{ok:false,error} with core's error data intact; streams
// are subscriptions owned by a sender (a window, a WebSocket) and disposed with it. Plain Node: no Electron.
import { userInfo } from 'node:os';
import type { z } from 'zod';
import type { Engine } from '../core/engine-api.js';
import type { ConnectionsService } from '../core/engine-switch.js';
import { BurrowError, toErrorData, type BurrowErrorData } from '../core/errors.js';
import { defaultCapabilityTable } from '../core/model/hardened.js';
import { runOneShot } from '../core/insight/one-shot.js';
import { editSpec } from '../core/insight/edit-spec.js';
import { prunePlan } from '../core/insight/prune-plan.js';
import { zodIssues } from '../core/model/schema-issues.js';
import {
  containerMapping,
  doctor,
  previewCreate,
  quadletFor,
  saveQuadletFor,
} from '../core/insight/service.js';
import {
  channels,
  isChannel,
  isTopic,
  topics,
  type AppInfo,
  type Channel,
  type EngineStatus,
  type ParsedArgsOf,
  type ParsedTopicArgs,
  type Result,
  type ResultOf,
  type Topic,
  type TopicData,
} from './contract.js';

type Handlers = { [C in Channel]: (args: ParsedArgsOf<C>) => Promise<ResultOf<C>> };
type Streams = {
  [T in Topic]: (args: ParsedTopicArgs<T>, signal: AbortSignal) => AsyncIterable<TopicData<T>>;
};

export interface Sink {
  data(d: unknown): void;
  end(error?: BurrowErrorData): void;
}

export interface RouterOptions {
  mode: AppInfo['mode'];
  version: string;
  /** How often the engine status is re-checked (ms). */
  statusIntervalMs?: number;
  /** Saved connections and engine switching; without it the connections channels say so. */
  connections?: ConnectionsService;
}

function invalid(field: string, message: string, hint?: string): BurrowErrorData {
  return { code: 'invalid_input', field, message, ...(hint ? { hint } : {}) };
}

function validate(
  schema: z.ZodType,
  raw: unknown,
): { ok: true; value: unknown } | { ok: false; error: BurrowErrorData } {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  // Every problem, each with its field and hint; the first also in field/message/hint for one-error callers.
  const issues = zodIssues(r.error, schema, 'The request does not match the contract.');
  const first = issues[0] ?? { field: 'args', message: 'invalid' };
  return {
    ok: false,
    error: { ...invalid(first.field, `${first.field}: ${first.message}`, first.hint), issues },
  };
}

export class Router {
  private connectionsService(): ConnectionsService {
    if (!this.opts.connections)
      throw new BurrowError({
        code: 'unsupported_on_host',
        message: 'This Burrow was started without connection switching',
        hint: 'Start Burrow normally (npm start) to manage connections.',
      });
    return this.opts.connections;
  }

  private readonly handlers: Handlers;
  private readonly streams: Streams;
  private readonly subs = new Map<string, AbortController>();
  private calls = 0;

  constructor(
    private readonly engine: Engine,
    private readonly opts: RouterOptions,
  ) {
    const e = engine;
    this.handlers = {
      'containers.list': async (a) =>
        e.containers.list({ all: a?.all ?? true, ...(a?.filters ? { filters: a.filters } : {}) }),
      'containers.inspect': (a) => e.containers.inspect(a.id),
      'containers.create': (a) => e.containers.create(a),
      'containers.start': (a) => e.containers.start(a.id),
      'containers.stop': (a) =>
        e.containers.stop(a.id, a.timeoutSeconds !== undefined ? { timeoutSeconds: a.timeoutSeconds } : {}),
      'containers.restart': (a) => e.containers.restart(a.id),
      'containers.kill': (a) => e.containers.kill(a.id, a.signal),
      'containers.pause': (a) => e.containers.pause(a.id),
      'containers.unpause': (a) => e.containers.unpause(a.id),
      'containers.remove': (a) =>
        e.containers.remove(a.id, { force: a.force ?? false, volumes: a.volumes ?? false }),
      'containers.rename': (a) => e.containers.rename(a.id, a.name),
      'containers.top': (a) => e.containers.top(a.id),
      'containers.prune': () => e.containers.prune(),
      'containers.exec': (a) =>
        e.containers.exec(a.id, a.cmd, {
          ...(a.user ? { user: a.user } : {}),
          ...(a.workdir ? { workdir: a.workdir } : {}),
        }),
      'containers.statsOnce': (a) => e.containers.statsOnce(a?.ids),
      'containers.healthcheck': (a) => e.containers.healthcheck(a.id),
      'containers.commit': ({ id: cid, ...o }) => e.containers.commit(cid, o),
      'containers.editSpec': (a) => editSpec(e, a.id, a.mode ?? 'replace'),
      'containers.recreate': (a) => e.containers.recreate(a.id, a.spec, { mode: a.mode }),
      'containers.prunePlan': () => prunePlan(e, { scope: 'containers' }),
      'containers.files.list': (a) => e.containers.files.list(a.id, a.path),
      'containers.files.read': (a) =>
        e.containers.files.read(a.id, a.path, a.maxBytes !== undefined ? { maxBytes: a.maxBytes } : {}),
      'containers.files.copyIn': (a) => e.containers.files.copyIn(a.id, a.hostPath, a.containerPath),
      'containers.files.copyOut': (a) => e.containers.files.copyOut(a.id, a.containerPath, a.hostPath),
      'images.list': () => e.images.list(),
      'images.inspect': (a) => e.images.inspect(a.name),
      'images.history': (a) => e.images.history(a.name),
      'images.exists': (a) => e.images.exists(a.name),
      'images.remove': (a) => e.images.remove(a.name, { force: a.force ?? false }),
      'images.tag': (a) => e.images.tag(a.name, a.repo, a.tag),
      'images.untag': (a) => e.images.untag(a.name, a.repo, a.tag),
      'images.prune': (a) => e.images.prune({ all: a?.all ?? false }),
      'networks.list': () => e.networks.list(),
      'networks.inspect': (a) => e.networks.inspect(a.name),
      'networks.create': (a) => e.networks.create(a),
      'networks.remove': (a) => e.networks.remove(a.name, { force: a.force ?? false }),
      'networks.connect': (a) => e.networks.connect(a.name, a.container),
      'networks.disconnect': (a) => e.networks.disconnect(a.name, a.container),
      'networks.prune': () => e.networks.prune(),
      'volumes.list': () => e.volumes.list(),
      'volumes.inspect': (a) => e.volumes.inspect(a.name),
      'volumes.create': (a) => e.volumes.create(a),
      'volumes.remove': (a) => e.volumes.remove(a.name, { force: a.force ?? false }),
      'volumes.prune': () => e.volumes.prune(),
      'pods.list': () => e.pods.list(),
      'pods.create': (a) => e.pods.create(a),
      'pods.start': (a) => e.pods.start(a.name),
      'pods.stop': (a) => e.pods.stop(a.name),
      'pods.remove': (a) => e.pods.remove(a.name, { force: a.force ?? false }),
      'system.ping': () => e.system.ping(),
      'system.version': () => e.system.version(),
      'system.info': () => e.system.info(),
      'system.hostFacts': () => e.system.hostFacts(),
      'system.diskUsage': () => e.system.diskUsage(),
      'system.connection': async () => e.connection(),
      'system.prunePlan': (a) =>
        prunePlan(e, { scope: 'system', all: a?.all ?? false, volumes: a?.volumes ?? false }),
      'system.prune': (a) => e.system.prune({ all: a?.all ?? false, volumes: a?.volumes ?? false }),
      'insight.doctor': () => doctor(e),
      'insight.mapping': (a) => containerMapping(e, a.id),
      'insight.previewCreate': (a) => previewCreate(e, a),
      'insight.quadlet': (a) => quadletFor(e, a.id),
      'insight.saveQuadlet': (a) => saveQuadletFor(e, a.id, a.overwrite ?? false),
      'insight.capabilities': async () => defaultCapabilityTable(),
      'connections.list': async () => this.connectionsService().list(),
      'connections.add': (a) =>
        this.connectionsService().add({
          name: a.name,
          uri: a.uri,
          ...(a.identity ? { identity: a.identity } : {}),
        }),
      'connections.remove': (a) => this.connectionsService().remove(a.name),
      'connections.use': (a) => this.connectionsService().use(a.name),
      'app.info': async () => {
        const u = userInfo();
        return {
          version: this.opts.version,
          mode: this.opts.mode,
          platform: process.platform,
          user: u.username,
          uid: u.uid,
        };
      },
    };
    this.streams = {
      events: (_a, signal) => e.events.stream({ signal }),
      engineStatus: (_a, signal) => this.statusStream(signal),
      logs: (a, signal) =>
        e.containers.logs(a.id, {
          follow: a.follow ?? false,
          ...(a.tail !== undefined ? { tail: a.tail } : {}),
          timestamps: a.timestamps ?? false,
          signal,
        }),
      stats: (a, signal) => e.containers.stats(a.id, { stream: true, signal }),
      pull: (a, signal) => e.images.pull(a.reference, { signal }),
      oneShot: (a, signal) => runOneShot(e, a, signal),
      build: (a, signal) =>
        e.images.build({
          contextDir: a.contextDir,
          ...(a.containerfile ? { containerfile: a.containerfile } : {}),
          ...(a.tags ? { tags: a.tags } : {}),
          signal,
        }),
    };
  }

  /** Engine calls made through the router so far (for tests: a refused request makes none). */
  get callCount(): number {
    return this.calls;
  }

  get subscriptionCount(): number {
    return this.subs.size;
  }

  async call(channel: unknown, rawArgs: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'not_found', field: 'channel', message: `Unknown channel ${JSON.stringify(channel)}` },
      };
    }
    const v = validate(channels[channel].args, rawArgs);
    if (!v.ok) return v;
    this.calls += 1;
    try {
      const handler = this.handlers[channel] as (a: unknown) => Promise<unknown>;
      const value = await handler(v.value);
      return { ok: true, value: value === undefined ? null : value };
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  }

  /** Start a subscription owned by `owner`; returns an error result instead of a sink call when refused. */
  subscribe(owner: string, id: number, topic: unknown, rawArgs: unknown, sink: Sink): Result<null> {
    if (!isTopic(topic))
      return {
        ok: false,
        error: { code: 'not_found', field: 'topic', message: `Unknown topic ${JSON.stringify(topic)}` },
      };
    const v = validate(topics[topic].args, rawArgs);
    if (!v.ok) return v;
    const key = `${owner}:${id}`;
    if (this.subs.has(key)) return { ok: false, error: invalid('id', `Subscription ${id} already exists`) };
    const ac = new AbortController();
    this.subs.set(key, ac);
    this.calls += 1;
    const open = this.streams[topic] as (a: unknown, s: AbortSignal) => AsyncIterable<unknown>;
    void (async () => {
      try {
        // Opened inside the try: a stream that fails to start ends the subscription with its error.
        for await (const item of open(v.value, ac.signal)) {
          if (ac.signal.aborted) break;
          sink.data(item);
        }
        if (!ac.signal.aborted) sink.end();
      } catch (e) {
        if (!ac.signal.aborted) sink.end(toErrorData(e));
      } finally {
        this.subs.delete(key);
      }
    })();
    return { ok: true, value: null };
  }

  unsubscribe(owner: string, id: number): void {
    const key = `${owner}:${id}`;
    this.subs.get(key)?.abort();
    this.subs.delete(key);
  }

  /** A window closed, a page reloaded, a socket dropped: nothing of theirs may keep running. */
  disposeOwner(owner: string): number {
    let n = 0;
    for (const [key, ac] of this.subs) {
      if (key.startsWith(`${owner}:`)) {
        ac.abort();
        this.subs.delete(key);
        n += 1;
      }
    }
    return n;
  }

  disposeAll(): void {
    for (const ac of this.subs.values()) ac.abort();
    this.subs.clear();
  }

  private async *statusStream(signal: AbortSignal): AsyncGenerator<EngineStatus> {
    let last: boolean | undefined;
    const interval = this.opts.statusIntervalMs ?? 1000;
    while (!signal.aborted) {
      let reachable = false;
      let message: string | undefined;
      try {
        reachable = await this.engine.system.ping();
      } catch (e) {
        message = e instanceof BurrowError ? e.message : String(e);
      }
      if (reachable !== last) {
        last = reachable;
        yield {
          reachable,
          ...(reachable ? { connection: this.engine.connection() } : {}),
          ...(message ? { message } : {}),
        };
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, interval);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(t);
            r();
          },
          { once: true },
        );
      });
    }
  }
}
