// compose up / down: the file checked, the provider found (or what to install), the provider run on this machine
// against the engine's socket with its output streamed, and the outcome checked on the engine itself — every
// service of the file has a container, running or exited cleanly — because providers do not all exit non-zero
// when a container fails.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Engine } from '../engine-api.js';
import { BurrowError, invalidInput, toErrorData } from '../errors.js';
import { localShell, type HostShell } from '../host-shell.js';
import {
  composeProjectOf,
  composeProjects,
  type ComposeEvent,
  type ComposeProvider,
  type ComposeProviderKind,
  type ComposeProviders,
  type ComposeService,
} from '../model/compose.js';
import { jobLine } from '../model/jobs.js';
import { readComposeFile } from './compose-file.js';
import { removeProject, removeProjectNetworks } from './projects.js';
import { describeProvider, findComposeProviders, providerEnv } from './provider.js';

export interface ComposeRunOptions {
  /** This machine (where the compose file and the provider are); a fake in unit tests. */
  shell?: HostShell;
  provider?: ComposeProviderKind;
  signal?: AbortSignal;
}

/** Where the engine is, for messages: undefined when it is this machine. */
function remoteWhere(engine: Engine): string | undefined {
  const c = engine.connection();
  if (c.kind !== 'ssh') return undefined;
  try {
    return `${new URL(c.uri).hostname} (over SSH)`;
  } catch {
    return 'the remote engine’s host';
  }
}

/** The socket Burrow talks to the engine on: the provider gets the same (for SSH, the tunnel's). */
function engineSocket(engine: Engine): string {
  const socket = engine.connection().socketPath;
  if (!socket)
    throw new BurrowError({
      code: 'engine_unreachable',
      message: 'The engine has no socket on this machine',
    });
  return socket;
}

export async function composeProviders(
  engine: Engine,
  opts: Pick<ComposeRunOptions, 'shell' | 'provider'> = {},
): Promise<ComposeProviders> {
  return findComposeProviders(opts.shell ?? localShell(), engineSocket(engine), {
    ...(opts.provider ? { prefer: opts.provider } : {}),
  });
}

async function pickProvider(engine: Engine, opts: ComposeRunOptions): Promise<ComposeProvider> {
  const found = await composeProviders(engine, opts);
  if (opts.provider && found.chosen?.kind !== opts.provider)
    throw invalidInput(
      'provider',
      `${opts.provider} is not usable on this machine: ${found.tried.find((t) => t.kind === opts.provider)?.why ?? 'not found'}`,
      found.chosen ? `Use ${found.chosen.kind}, which is.` : (found.hint ?? ''),
    );
  if (!found.chosen)
    throw new BurrowError({
      code: 'unsupported_on_host',
      message: `No compose tool on this machine (tried ${found.tried.map((t) => t.kind).join(', ')})`,
      hint: found.hint ?? '',
    });
  return found.chosen;
}

interface Ran {
  code: number;
  lastError: string;
}

/** Run the provider in the compose file's folder against the engine; a failure to run ends the job, said. */
async function* runOrSayFailed(
  shell: HostShell,
  command: string[],
  engine: Engine,
  file: { path: string; project: string },
  verb: 'up' | 'down',
  signal: AbortSignal | undefined,
  ran: Ran,
): AsyncGenerator<ComposeEvent, boolean> {
  try {
    yield* runProvider(shell, command, providerEnv(engineSocket(engine)), dirname(file.path), signal, ran);
    return true;
  } catch (e) {
    const error = toErrorData(e);
    yield {
      kind: 'done',
      ok: false,
      summary: `compose ${verb} of ${file.project} failed: ${error.message}`,
      error,
    };
    return false;
  }
}

async function* runProvider(
  shell: HostShell,
  argv: string[],
  env: Record<string, string>,
  cwd: string,
  signal: AbortSignal | undefined,
  ran: Ran,
): AsyncGenerator<ComposeEvent> {
  for await (const o of shell.stream(argv, {
    env,
    cwd,
    timeoutMs: 3600_000,
    ...(signal ? { signal } : {}),
  })) {
    if (o.kind === 'exit') ran.code = o.code;
    else {
      if (o.stream === 'stderr' && /error|failed|denied|not found/i.test(o.text)) ran.lastError = o.text;
      yield jobLine(o.text, o.stream);
    }
  }
}

/**
 * Asked of the engine itself, by label: the app's live list answers unfiltered lists from its cache, which may
 * not yet have seen the events of what the tool just did.
 */
async function servicesOf(engine: Engine, project: string): Promise<ComposeService[]> {
  const byLabel = (key: string) =>
    engine.containers.list({ all: true, filters: { label: [`${key}=${project}`] } });
  const [docker, podman] = await Promise.all([
    byLabel('com.docker.compose.project'),
    byLabel('io.podman.compose.project'),
  ]);
  const seen = new Set(docker.map((c) => c.id));
  const all = [...docker, ...podman.filter((c) => !seen.has(c.id))];
  return composeProjects(all).find((p) => p.name === project)?.services ?? [];
}

/** `compose -f FILE -p PROJECT up -d`, streamed; the last item says whether every service came up. */
export async function* composeUp(
  engine: Engine,
  args: { file: string; project?: string },
  opts: ComposeRunOptions = {},
): AsyncGenerator<ComposeEvent> {
  const where = remoteWhere(engine);
  const file = await readComposeFile(args.file, {
    ...(args.project ? { project: args.project } : {}),
    ...(where ? { engineHost: where } : {}),
  });
  const provider = await pickProvider(engine, opts);
  const shell = opts.shell ?? localShell();
  const command = [...provider.command, '-f', file.path, '-p', file.project, 'up', '-d'];
  yield { kind: 'provider', provider, project: file.project, command };
  yield jobLine(
    `${describeProvider(provider)} brings up ${file.project} (${file.services.length} service${file.services.length === 1 ? '' : 's'}) on ${where ?? 'this machine’s engine'}`,
  );
  for (const w of file.warnings) yield jobLine(`warning: ${w}`);
  const ran: Ran = { code: -1, lastError: '' };
  if (!(yield* runOrSayFailed(shell, command, engine, file, 'up', opts.signal, ran))) return;
  if (opts.signal?.aborted) {
    yield {
      kind: 'done',
      ok: false,
      summary: `compose up of ${file.project} was cancelled`,
      error: { code: 'aborted', message: 'cancelled' },
    };
    return;
  }
  const mine = (await engine.containers.list({ all: true })).filter(
    (c) => composeProjectOf(c.labels) === file.project,
  );
  const services = composeProjects(mine)[0]?.services ?? [];
  const missing = file.services.filter((s) => !services.some((x) => x.service === s.name)).map((s) => s.name);
  const down = services.filter((s) => s.state !== 'running' && s.state !== 'exited');
  const failedExit = mine.filter((c) => c.state === 'exited' && (c.exitCode ?? 0) !== 0);
  const problems = [
    ...(ran.code !== 0
      ? [`${provider.kind} exited with ${ran.code}${ran.lastError ? `: ${ran.lastError}` : ''}`]
      : []),
    ...(missing.length ? [`no container for ${missing.join(', ')}`] : []),
    ...down.map((s) => `${s.service} is ${s.state}`),
    ...failedExit.map((c) => `${c.name} exited with ${c.exitCode}`),
  ];
  const result = { project: file.project, provider, services };
  if (problems.length) {
    yield {
      kind: 'done',
      ok: false,
      summary: `compose up of ${file.project} failed: ${problems.join('; ')}`,
      result,
      error: {
        code: 'engine_error',
        message: problems.join('; '),
        hint: 'The output above is the provider’s own; the project’s logs show what the services printed.',
      },
    };
    return;
  }
  const running = services.filter((s) => s.state === 'running').length;
  yield {
    kind: 'done',
    ok: true,
    summary: `Project ${file.project} is up: ${running} of ${services.length} services running (ran ${describeProvider(provider)})`,
    result,
  };
}

/** The compose file a project was made from, as its containers recorded it, when it is still there. */
export function recordedComposeFile(p: { workingDir?: string; configFiles?: string[] }): string | undefined {
  const first = p.configFiles?.[0];
  if (!first) return undefined;
  const path = isAbsolute(first) ? first : p.workingDir ? join(p.workingDir, first) : undefined;
  return path && existsSync(path) ? path : undefined;
}

/**
 * `compose -f FILE -p PROJECT down` with the file given or the one the project recorded; without a file (or a
 * provider) the project's containers are removed through the engine. Either way its networks go too.
 */
export async function* composeDown(
  engine: Engine,
  args: { project: string; file?: string },
  opts: ComposeRunOptions = {},
): AsyncGenerator<ComposeEvent> {
  const project = composeProjects(await engine.containers.list({ all: true })).find(
    (p) => p.name === args.project,
  );
  const path = args.file ?? (project ? recordedComposeFile(project) : undefined);
  if (!project && !args.file)
    throw new BurrowError({
      code: 'not_found',
      field: 'project',
      message: `No compose project "${args.project}" on this engine`,
      hint: 'Give the compose file to bring down what it describes.',
    });
  const found = path ? await composeProviders(engine, opts) : undefined;
  const provider = found?.available.find((p) => p.kind === opts.provider) ?? found?.chosen;
  if (!path || !provider) {
    yield jobLine(
      !path
        ? `The compose file of ${args.project} is not on this machine: removing its containers through the engine`
        : `No compose tool on this machine: removing ${args.project}'s containers through the engine`,
    );
    try {
      const r = await removeProject(engine, args.project);
      for (const c of r.done) yield jobLine(`removed ${c}`);
      for (const n of r.removedNetworks ?? []) yield jobLine(`removed network ${n}`);
      for (const f of r.failed) yield jobLine(`${f.container}: ${f.message}`, 'stderr');
      yield {
        kind: 'done',
        ok: r.failed.length === 0,
        summary:
          r.failed.length === 0
            ? `Project ${args.project} is down: ${r.done.length} containers removed`
            : `Project ${args.project}: ${r.failed.length} containers could not be removed`,
      };
    } catch (e) {
      const error = toErrorData(e);
      yield {
        kind: 'done',
        ok: false,
        summary: `compose down of ${args.project} failed: ${error.message}`,
        error,
      };
    }
    return;
  }
  const file = await readComposeFile(path, { project: args.project });
  const shell = opts.shell ?? localShell();
  const command = [...provider.command, '-f', file.path, '-p', file.project, 'down'];
  yield { kind: 'provider', provider, project: file.project, command };
  const ran: Ran = { code: -1, lastError: '' };
  if (!(yield* runOrSayFailed(shell, command, engine, file, 'down', opts.signal, ran))) return;
  // podman-compose 1.0 leaves the project's network behind; docker-compose removes its own.
  for (const n of await removeProjectNetworks(engine, file.project)) yield jobLine(`removed network ${n}`);
  const left = await servicesOf(engine, file.project);
  if (ran.code !== 0 || left.length > 0) {
    const why = [
      ...(ran.code !== 0 ? [`${provider.kind} exited with ${ran.code}`] : []),
      ...(left.length ? [`${left.map((s) => s.containerName).join(', ')} still exist`] : []),
    ].join('; ');
    yield {
      kind: 'done',
      ok: false,
      summary: `compose down of ${file.project} failed: ${why}`,
      error: { code: 'engine_error', message: why },
    };
    return;
  }
  yield {
    kind: 'done',
    ok: true,
    summary: `Project ${file.project} is down (ran ${describeProvider(provider)})`,
  };
}
