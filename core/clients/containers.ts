import type { ContainersClient, ExecOptions, ListContainersOptions, LogsOptions } from '../engine-api.js';
import { BurrowError, invalidInput } from '../errors.js';
import { limitsWarning, toSpecGenerator } from '../model/spec-generator.js';
import { randomBytes } from 'node:crypto';
import type { RecreateMode } from '../model/edit-spec.js';
import type {
  ContainerStats,
  CreateContainerSpec,
  CreateResult,
  LogLine,
  RecreateResult,
  Warning,
} from '../model/types.js';
import { validateCreateSpec, type ValidationProbe } from '../model/validate-create.js';
import { sleep } from '../sleep.js';
import { demux, Utf8Chunker } from '../streams/demux.js';
import { ndjson } from '../streams/ndjson.js';
import { defineEndpoints } from '../transport/api-client.js';
import { readBody } from '../transport/unix-http.js';
import { normalizeSignal, SIGNAL_HINT } from '../model/signals.js';
import { asNumber, asRecord, asString, asStringArray, pruneReport, type ClientContext } from './context.js';
import { summaryFromInspect, toDetail, toStats, toSummary } from './containers-mapping.js';
import { createContainerFilesClient } from './container-files.js';
import { validateCommit } from '../model/commit.js';

export const containerEndpoints = defineEndpoints({
  list: { method: 'GET', path: '/libpod/containers/json', response: 'json', name: 'container list' },
  inspect: {
    method: 'GET',
    path: '/libpod/containers/{id}/json',
    response: 'json',
    name: 'container inspect',
    errors: { 404: 'not_found' },
  },
  create: { method: 'POST', path: '/libpod/containers/create', response: 'json', name: 'container create' },
  start: {
    method: 'POST',
    path: '/libpod/containers/{id}/start',
    response: 'none',
    okStatuses: [304],
    name: 'container start',
    timeoutMs: 120_000,
  },
  stop: {
    method: 'POST',
    path: '/libpod/containers/{id}/stop',
    response: 'none',
    okStatuses: [304],
    name: 'container stop',
    timeoutMs: 300_000,
  },
  restart: {
    method: 'POST',
    path: '/libpod/containers/{id}/restart',
    response: 'none',
    name: 'container restart',
    timeoutMs: 300_000,
  },
  kill: { method: 'POST', path: '/libpod/containers/{id}/kill', response: 'none', name: 'container kill' },
  pause: { method: 'POST', path: '/libpod/containers/{id}/pause', response: 'none', name: 'container pause' },
  unpause: {
    method: 'POST',
    path: '/libpod/containers/{id}/unpause',
    response: 'none',
    name: 'container unpause',
  },
  remove: {
    method: 'DELETE',
    path: '/libpod/containers/{id}',
    response: 'json',
    name: 'container remove',
    timeoutMs: 120_000,
  },
  rename: {
    method: 'POST',
    path: '/libpod/containers/{id}/rename',
    response: 'none',
    name: 'container rename',
  },
  wait: {
    method: 'POST',
    path: '/libpod/containers/{id}/wait',
    response: 'json',
    name: 'container wait',
    timeoutMs: 24 * 3600_000,
  },
  logs: {
    method: 'GET',
    path: '/libpod/containers/{id}/logs',
    response: 'stream',
    name: 'container logs',
    timeoutMs: 30_000,
  },
  stats: { method: 'GET', path: '/libpod/containers/stats', response: 'stream', name: 'container stats' },
  top: { method: 'GET', path: '/libpod/containers/{id}/top', response: 'json', name: 'container top' },
  prune: {
    method: 'POST',
    path: '/libpod/containers/prune',
    response: 'json',
    name: 'container prune',
    timeoutMs: 300_000,
  },
  execCreate: { method: 'POST', path: '/libpod/containers/{id}/exec', response: 'json', name: 'exec create' },
  execStart: { method: 'POST', path: '/libpod/exec/{id}/start', response: 'stream', name: 'exec start' },
  execInspect: { method: 'GET', path: '/libpod/exec/{id}/json', response: 'json', name: 'exec inspect' },
  execResize: { method: 'POST', path: '/libpod/exec/{id}/resize', response: 'none', name: 'exec resize' },
  resize: {
    method: 'POST',
    path: '/libpod/containers/{id}/resize',
    response: 'none',
    name: 'container resize',
  },
  exists: {
    method: 'GET',
    path: '/libpod/containers/{id}/exists',
    response: 'none',
    name: 'container exists',
  },
  podInspect: {
    method: 'GET',
    path: '/libpod/pods/{id}/json',
    response: 'json',
    name: 'pod inspect',
    errors: { 404: 'not_found' },
  },
  healthcheck: {
    method: 'GET',
    path: '/libpod/containers/{id}/healthcheck',
    response: 'json',
    name: 'health check',
    // The check's own timeout (30 s by default) bounds it; a little more for the engine.
    timeoutMs: 330_000,
  },
  commit: { method: 'POST', path: '/libpod/commit', response: 'json', name: 'commit', timeoutMs: 600_000 },
});

const E = containerEndpoints;

/** Stats need cgroup v2 for rootless containers; say so instead of passing on the engine's words. */
function statsError(e: unknown): never {
  if (e instanceof BurrowError && /cgroups? ?v?2|rootless/i.test(e.engineMessage ?? e.message)) {
    throw new BurrowError({
      code: 'unsupported_on_host',
      message: 'Live stats are not available for rootless containers on this host',
      hint: 'Podman reads rootless stats from cgroup v2; this host uses cgroup v1 (see System → Doctor).',
      cause: e.engineMessage ?? e.message,
    });
  }
  throw e;
}

export function createContainersClient(ctx: ClientContext, probe: ValidationProbe): ContainersClient {
  const { api } = ctx;
  const id = (x: string) => ({ params: { id: x } });
  // Inspect names a container's pod by id; the list by name. Pods cannot be renamed: an id's name is final.
  const podNames = new Map<string, string>();
  async function podName(podId: string): Promise<string | undefined> {
    const known = podNames.get(podId);
    if (known !== undefined) return known;
    const name = await api.call(E.podInspect, id(podId)).then(
      (raw) => asString(asRecord(raw).Name),
      () => undefined, // the pod went away with its container: the row goes with the next event
    );
    if (name) podNames.set(podId, name);
    return name;
  }

  async function inspect(cid: string) {
    return toDetail(await api.call(E.inspect, id(cid)));
  }

  async function create(input: CreateContainerSpec): Promise<CreateResult> {
    return createWith(input, probe);
  }

  async function createWith(input: unknown, checks: ValidationProbe): Promise<CreateResult> {
    // Validation runs before any engine call: a bad input creates nothing.
    const spec = await validateCreateSpec(input, checks);
    const host = await ctx.hostFacts();
    const body = toSpecGenerator(spec, host);
    const res = asRecord(await api.call(E.create, { body }));
    const warnings: Warning[] = [];
    const lw = limitsWarning(spec, host);
    if (lw) warnings.push(lw);
    if (spec.security?.privileged) {
      warnings.push({
        code: 'privileged',
        message: 'Privileged containers get every capability and all host devices your user can open.',
        hint: 'Add only the capabilities you need instead (Security → Add capabilities).',
      });
    }
    for (const w of asStringArray(res.Warnings)) {
      // Podman's own limits warning is covered (with the reason) by ours.
      if (lw && /resource limits/i.test(w)) continue;
      warnings.push({ code: 'generic', message: w });
    }
    return { id: asString(res.Id), warnings };
  }

  async function recreate(
    cid: string,
    input: unknown,
    opts: { mode: RecreateMode },
  ): Promise<RecreateResult> {
    const old = await inspect(cid);
    if (opts.mode === 'copy') return { ...(await createWith(input, probe)), started: false };
    // The name and the published ports are the old container's to hand over, not conflicts.
    const replacing: ValidationProbe = {
      ...probe,
      containerNameExists: async (n) => n !== old.name && (await probe.containerNameExists(n)),
      hostPortInUse: async (ip, port, proto) =>
        !old.ports.some((p) => p.hostPort === port && p.protocol === proto) &&
        (await probe.hostPortInUse(ip, port, proto)),
    };
    const spec = await validateCreateSpec(input, replacing);
    const self = [old.id, old.id.slice(0, 12), old.name];
    if (spec.network?.kind === 'container' && self.includes(spec.network.id))
      throw invalidInput(
        'network',
        'A container cannot share the network of the container it replaces',
        'Pick another container, or another network mode.',
      );
    const wasRunning = old.state === 'running' || old.state === 'paused';
    if (old.state === 'paused') await api.call(E.unpause, id(old.id));
    if (wasRunning) await api.call(E.stop, id(old.id));
    // Parked under another name until the new one exists and runs; put back if the engine refuses it.
    await api.call(E.rename, {
      ...id(old.id),
      query: { name: `${old.name}-replaced-${randomBytes(3).toString('hex')}` },
    });
    let created: CreateResult | undefined;
    try {
      created = await createWith(spec, replacing);
      if (wasRunning) await api.call(E.start, id(created.id));
    } catch (e) {
      if (created)
        await api
          .call(E.remove, { ...id(created.id), query: { force: true, timeout: 0 } })
          .catch(() => undefined);
      await api.call(E.rename, { ...id(old.id), query: { name: old.name } });
      if (wasRunning) await api.call(E.start, id(old.id)).catch(() => undefined);
      if (e instanceof BurrowError)
        throw new BurrowError({
          ...e.toData(),
          message: `${e.message} — ${old.name} was put back as it was.`,
        });
      throw e;
    }
    // Volumes stay: named ones always, anonymous ones because the new container mounts them by name.
    await api.call(E.remove, { ...id(old.id), query: { force: true, volumes: false, timeout: 0 } });
    return { ...created, replaced: old.id, started: wasRunning };
  }

  async function* logs(cid: string, opts: LogsOptions = {}): AsyncGenerator<LogLine> {
    const res = await api.open(E.logs, {
      ...id(cid),
      query: {
        follow: opts.follow ?? false,
        stdout: opts.stdout ?? true,
        stderr: opts.stderr ?? true,
        timestamps: opts.timestamps ?? false,
        ...(opts.tail !== undefined ? { tail: String(opts.tail) } : {}),
        ...(opts.since ? { since: opts.since } : {}),
      },
      ...(opts.signal ? { signal: opts.signal } : {}),
      // A followed log stays open; only the headers are bounded.
      timeoutMs: 30_000,
    });
    const pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
    const chunkers = { stdout: new Utf8Chunker(), stderr: new Utf8Chunker() };
    const emit = function* (stream: 'stdout' | 'stderr', text: string, final: boolean): Generator<LogLine> {
      pending[stream] += text;
      const parts = pending[stream].split('\n');
      pending[stream] = final ? '' : (parts.pop() ?? '');
      const lines = final && parts[parts.length - 1] === '' ? parts.slice(0, -1) : parts;
      for (const raw of lines) {
        const line = raw.replace(/\r$/, '');
        if (opts.timestamps) {
          const sp = line.indexOf(' ');
          yield { stream, timestamp: line.slice(0, sp), text: line.slice(sp + 1) };
        } else yield { stream, text: line };
      }
    };
    try {
      for await (const f of demux(res as AsyncIterable<Buffer>, { tty: 'auto' })) {
        if (f.stream === 'stdin') continue;
        yield* emit(f.stream, chunkers[f.stream].push(f.data), false);
      }
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AbortError')) throw e;
      return;
    }
    for (const s of ['stdout', 'stderr'] as const) yield* emit(s, chunkers[s].flush(), true);
  }

  async function* stats(
    cid: string,
    opts: { stream?: boolean; signal?: AbortSignal } = {},
  ): AsyncGenerator<ContainerStats> {
    let res;
    try {
      res = await api.open(E.stats, {
        query: { containers: [cid], stream: opts.stream ?? true, interval: 1 },
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (e) {
      statsError(e);
    }
    try {
      for await (const report of ndjson<Record<string, unknown>>(res as AsyncIterable<Buffer>)) {
        if (report.Error)
          statsError(new BurrowError({ code: 'engine_error', message: JSON.stringify(report.Error) }));
        for (const s of Array.isArray(report.Stats) ? report.Stats : []) yield toStats(s);
        if (opts.stream === false) return;
      }
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') return;
      throw e;
    }
  }

  async function exec(cid: string, cmd: string[], opts: ExecOptions = {}) {
    if (opts.stdin !== undefined) {
      throw new BurrowError({
        code: 'invalid_input',
        field: 'stdin',
        message: 'exec-and-collect does not take stdin; use a terminal session',
      });
    }
    const created = asRecord(
      await api.call(E.execCreate, {
        ...id(cid),
        body: {
          Cmd: cmd,
          AttachStdout: true,
          AttachStderr: true,
          Tty: false,
          ...(opts.user ? { User: opts.user } : {}),
          ...(opts.workdir ? { WorkingDir: opts.workdir } : {}),
          ...(opts.env?.length ? { Env: opts.env } : {}),
        },
      }),
    );
    const execId = asString(created.Id);
    const res = await api.open(E.execStart, {
      params: { id: execId },
      body: { Detach: false, Tty: false },
      ...(opts.signal ? { signal: opts.signal } : {}),
      timeoutMs: 30_000,
    });
    const out = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    for await (const f of demux(res as AsyncIterable<Buffer>, { tty: false })) {
      if (f.stream !== 'stdin') out[f.stream].push(f.data);
    }
    // The exit code is recorded a moment after the stream ends.
    let exitCode = -1;
    for (let i = 0; i < 50; i++) {
      const info = asRecord(await api.call(E.execInspect, { params: { id: execId } }));
      if (info.Running !== true) {
        exitCode = asNumber(info.ExitCode, -1);
        break;
      }
      await sleep(50);
    }
    return {
      exitCode,
      stdout: Buffer.concat(out.stdout).toString('utf8'),
      stderr: Buffer.concat(out.stderr).toString('utf8'),
    };
  }

  return {
    async list(opts: ListContainersOptions = {}) {
      const raw = await api.call<unknown[]>(E.list, {
        query: { all: opts.all ?? true, ...(opts.filters ? { filters: opts.filters } : {}) },
      });
      const now = Date.now();
      return (Array.isArray(raw) ? raw : []).map((c) => toSummary(c, now));
    },
    inspect,
    async summary(cid) {
      const raw = asRecord(await api.call(E.inspect, id(cid)));
      const pod = asString(raw.Pod);
      return summaryFromInspect(raw, pod ? await podName(pod) : undefined);
    },
    create,
    recreate,
    async start(cid) {
      await api.call(E.start, id(cid));
    },
    // Without a timeout the engine uses the container's own stop timeout (`--stop-timeout`, default 10 s).
    async stop(cid, opts = {}) {
      const q = opts.timeoutSeconds !== undefined ? { query: { timeout: opts.timeoutSeconds } } : {};
      await api.call(E.stop, { ...id(cid), ...q });
    },
    async restart(cid, opts = {}) {
      const q = opts.timeoutSeconds !== undefined ? { query: { t: opts.timeoutSeconds } } : {};
      await api.call(E.restart, { ...id(cid), ...q });
    },
    async kill(cid, signal = 'SIGKILL') {
      const sig = normalizeSignal(signal);
      if (!sig) throw invalidInput('signal', `"${signal}" is not a signal`, SIGNAL_HINT);
      await api.call(E.kill, { ...id(cid), query: { signal: sig } });
    },
    async pause(cid) {
      await api.call(E.pause, id(cid));
    },
    async unpause(cid) {
      await api.call(E.unpause, id(cid));
    },
    async remove(cid, opts = {}) {
      const report = await api.call(E.remove, {
        ...id(cid),
        // libpod's own parameter is "volumes"; "v" is the Docker-compatible one, which libpod paths ignore.
        query: { force: opts.force ?? false, volumes: opts.volumes ?? false, timeout: 0 },
      });
      for (const r of Array.isArray(report) ? report : []) {
        const err = asString(asRecord(r).Err);
        if (err)
          throw new BurrowError({
            code: 'engine_error',
            message: `container remove failed: ${err}`,
            cause: err,
          });
      }
    },
    async rename(cid, newName) {
      await api.call(E.rename, { ...id(cid), query: { name: newName } });
    },
    async wait(cid, opts = {}) {
      const res = await api.call(E.wait, {
        ...id(cid),
        // libpod polls the state every `interval` (default 250ms): a short run waited ~250ms too long.
        query: { condition: opts.condition ?? 'stopped', interval: '20ms' },
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      return typeof res === 'number' ? res : Number(res);
    },
    logs,
    stats,
    async statsOnce(ids) {
      try {
        const res = await api.open(E.stats, {
          query: { stream: false, ...(ids?.length ? { containers: ids } : {}) },
        });
        const body = JSON.parse((await readBody(res)).toString('utf8')) as Record<string, unknown>;
        if (body.Error)
          statsError(new BurrowError({ code: 'engine_error', message: JSON.stringify(body.Error) }));
        return (Array.isArray(body.Stats) ? body.Stats : []).map(toStats);
      } catch (e) {
        return statsError(e);
      }
    },
    async top(cid, psArgs) {
      const res = asRecord(await api.call(E.top, { ...id(cid), query: psArgs ? { ps_args: psArgs } : {} }));
      return {
        titles: asStringArray(res.Titles),
        processes: (Array.isArray(res.Processes) ? res.Processes : []).map((p) => asStringArray(p)),
      };
    },
    async prune(opts = {}) {
      return pruneReport(await api.call(E.prune, opts.filters ? { query: { filters: opts.filters } } : {}));
    },
    async healthcheck(cid) {
      await api.call(E.healthcheck, id(cid));
      // The endpoint answers with the verdict only; the log (with the check's output) is in inspect.
      const d = await inspect(cid);
      if (!d.healthResults)
        throw new BurrowError({
          code: 'engine_error',
          message: 'The health check ran but reported no result',
        });
      return d.healthResults;
    },
    async commit(cid, input) {
      const o = validateCommit(input);
      const res = asRecord(
        await api.call(E.commit, {
          query: {
            container: cid,
            repo: o.repo,
            tag: o.tag,
            pause: o.pause,
            ...(o.author ? { author: o.author } : {}),
            // Quirk (4.3 and 5.x): a commit message exists only in the Docker image format; OCI refuses it.
            ...(o.message ? { comment: o.message, format: 'docker' } : {}),
          },
        }),
      );
      return { id: asString(res.Id), reference: `${o.repo}:${o.tag}` };
    },
    exec,
    files: createContainerFilesClient(ctx, inspect),
  };
}
