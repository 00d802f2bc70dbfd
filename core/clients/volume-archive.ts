// Volume export and import to a tar archive on this machine, by one of two routes:
// - cli: on a local engine, `podman volume export/import` (Podman's own format, run in the rootless user
//   namespace, so file owners, modes and contents all round-trip). The archive streams through a pipe.
// - api: on a remote engine (neither Podman 4.3 nor 5.4 has a volume export endpoint; 5.6 adds one), a helper
//   container that is created, never started, with the volume mounted, and the container archive endpoints.
//   Contents, modes, links and times round-trip; on export the engine hands every file to the helper's user,
//   so owners are not kept (import keeps the owners an archive carries).
// The route is chosen in `volumeArchiveRoute` from the engine's host access (core/host-access.ts).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Readable } from 'node:stream';
import type { VolumeArchiveOptions } from '../engine-api.js';
import type { HostAccess } from '../host-access.js';
import { BurrowError, invalidInput } from '../errors.js';
import { formatBytes } from '../model/quantities.js';
import { NAME_RE } from '../model/create-spec.js';
import type { ArchiveEvent } from '../model/types.js';
import { defineEndpoints, type ApiClient } from '../transport/api-client.js';
import { abortError } from '../transport/unix-http.js';
import { checkArchiveSource, checkArchiveTarget, uploadArchive, writeArchive } from './archive-files.js';
import { containerEndpoints } from './containers.js';
import { asRecord, asString } from './context.js';
import { imageEndpoints } from './images.js';

const execFileP = promisify(execFile);

export type VolumeArchiveRoute = 'cli' | 'api';

export const HELPER_IMAGE = 'localhost/burrow/volume-helper:1';
export const HELPER_LABEL = 'io.burrow.helper';
const MOUNT = '/v';

// The container archive endpoints, as the API route uses them on its helper container (the others it uses are
// the images' and containers' own).
export const volumeArchiveEndpoints = defineEndpoints({
  getArchive: {
    method: 'GET',
    path: '/libpod/containers/{id}/archive',
    response: 'stream',
    name: 'volume export',
    timeoutMs: 600_000,
  },
  putArchive: {
    method: 'PUT',
    path: '/libpod/containers/{id}/archive',
    response: 'none',
    name: 'volume import',
    timeoutMs: 3_600_000,
  },
});
const E = volumeArchiveEndpoints;
const I = imageEndpoints;
const C = containerEndpoints;

/** What the archive routes need of the volumes client. */
export interface VolumeLookup {
  /** The volume's mountpoint on the engine's host; not_found when there is no such volume. */
  mountpoint(name: string): Promise<string>;
  create(name: string): Promise<void>;
  remove(name: string): Promise<void>;
}

/** Engines on this machine use Podman's own CLI; remote ones stream through the API. Tests may force either. */
export function volumeArchiveRoute(host: HostAccess, forced?: VolumeArchiveRoute): VolumeArchiveRoute {
  return forced ?? (host.local ? 'cli' : 'api');
}

/** A volume name as Podman accepts it, or invalid_input on `name`. */
export function checkVolumeName(name: string): void {
  if (!NAME_RE.test(name))
    throw invalidInput(
      'name',
      `"${name}" is not a valid volume name`,
      'Letters, digits, "_", "." and "-", starting with a letter or digit.',
    );
}

interface CliRun {
  exitCode: Promise<number>;
  stderr(): string;
  kill(): void;
}

function runPodman(
  args: string[],
  stdio: { stdin?: Readable; stdout?: boolean },
): CliRun & { stdout?: Readable } {
  const child = spawn('podman', args, {
    stdio: [stdio.stdin ? 'pipe' : 'ignore', stdio.stdout ? 'pipe' : 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  if (stdio.stdin && child.stdin) {
    child.stdin.on('error', () => undefined); // the child's exit status says what went wrong
    stdio.stdin.pipe(child.stdin);
  }
  const exitCode = new Promise<number>((resolve, reject) => {
    child.once('error', (e) =>
      reject(
        new BurrowError({
          code: 'unsupported_on_host',
          message: `Cannot run podman: ${e.message}`,
          hint: 'Volume export and import on a local engine use the podman command; install it or put it on PATH.',
        }),
      ),
    );
    child.once('close', (code) => resolve(code ?? -1));
  });
  return {
    ...(child.stdout ? { stdout: child.stdout } : {}),
    exitCode,
    stderr: () => err.trim(),
    kill: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    },
  };
}

function cliFailure(op: string, name: string, stderr: string, code: number): BurrowError {
  const text = stderr.replace(/^Error: /gm, '').trim() || `podman exited with ${code}`;
  if (/no such volume|no volume with name/i.test(text))
    return new BurrowError({
      code: 'not_found',
      field: 'name',
      message: `No volume ${name}`,
      hint: 'Pick a volume from the list.',
    });
  return (
    notATar(text) ??
    new BurrowError({ code: 'engine_error', message: `volume ${op} failed: ${text}`, cause: text })
  );
}

/** Podman's CLI and its copier say a bad archive in their own words; both mean the path holds no tar. */
function notATar(engineText: string): BurrowError | undefined {
  if (!/not a tar|invalid tar|unexpected EOF|archive\/tar|reading tar stream/i.test(engineText))
    return undefined;
  return new BurrowError({
    code: 'invalid_input',
    field: 'path',
    message: 'The file is not a tar archive the engine can read',
    hint: 'Pick a .tar made by a volume export (podman volume export, or Burrow).',
    cause: engineText,
  });
}

export function createVolumeArchive(api: ApiClient, host: HostAccess, volumes: VolumeLookup) {
  async function mountpoint(name: string): Promise<string> {
    try {
      return await volumes.mountpoint(name);
    } catch (e) {
      if (e instanceof BurrowError && e.code === 'not_found')
        throw new BurrowError({
          ...e.toData(),
          field: 'name',
          message: `No volume ${name}`,
          hint: 'Pick a volume from the list.',
        });
      throw e;
    }
  }

  /**
   * The CLI must see the engine's storage (it does for the user's own socket and Burrow's private service; a
   * CONTAINER_HOST socket of another user's Podman it would not): the same volume at the same mountpoint.
   */
  async function routeFor(name: string, opts: VolumeArchiveOptions): Promise<VolumeArchiveRoute> {
    const route = volumeArchiveRoute(host, opts.route);
    if (route !== 'cli' || opts.route) return route;
    const engineSees = await mountpoint(name);
    const run = runPodman(['volume', 'inspect', '--format', '{{.Mountpoint}}', name], { stdout: true });
    let out = '';
    run.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    const code = await run.exitCode.catch(() => -1);
    return code === 0 && out.trim() === engineSees ? 'cli' : 'api';
  }

  /** The helper image: an empty root file system, imported once (a few hundred bytes). */
  async function helperImage(): Promise<string> {
    try {
      await api.call(I.exists, { params: { name: HELPER_IMAGE } });
      return HELPER_IMAGE;
    } catch (e) {
      if (!(e instanceof BurrowError && e.code === 'not_found')) throw e;
    }
    await api.call(I.import, {
      query: { reference: HELPER_IMAGE, changes: [`LABEL ${HELPER_LABEL}=volume-archive`] },
      rawBody: Buffer.alloc(1024), // an empty tar: two zero blocks
      contentType: 'application/x-tar',
    });
    return HELPER_IMAGE;
  }

  async function withHelper<T>(
    name: string,
    fn: (id: string) => AsyncGenerator<ArchiveEvent, T>,
  ): Promise<AsyncGenerator<ArchiveEvent, T>> {
    const image = await helperImage();
    const r = asRecord(
      await api.call(C.create, {
        body: {
          name: `burrow-volume-helper-${randomBytes(4).toString('hex')}`,
          image,
          command: ['/never-started'],
          volumes: [{ Name: name, Dest: MOUNT }],
          labels: { [HELPER_LABEL]: 'volume-archive' },
        },
      }),
    );
    const id = asString(r.Id);
    return (async function* () {
      try {
        return yield* fn(id);
      } finally {
        await api.call(C.remove, { params: { id }, query: { force: true } }).catch(() => undefined);
      }
    })();
  }

  async function* exportVolume(
    name: string,
    path: string,
    opts: VolumeArchiveOptions = {},
  ): AsyncGenerator<ArchiveEvent> {
    checkVolumeName(name);
    await checkArchiveTarget(path, 'path', opts.overwrite);
    await mountpoint(name);
    const route = await routeFor(name, opts);
    let bytes: number;
    if (route === 'cli') {
      // Podman 4.3 writes only to --output, and cannot open /dev/stdout when that is Node's socket: it writes
      // to a FIFO we read, so progress is what has arrived.
      const fifoDir = await mkdtemp(join(tmpdir(), 'burrow-volume-export-'));
      const fifo = join(fifoDir, 'volume.tar');
      const run = runPodman(['volume', 'export', '--output', fifo, name], {});
      const onAbort = () => run.kill();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await execFileP('mkfifo', ['-m', '600', fifo]).catch((e: unknown) => {
          run.kill();
          throw e;
        });
        // If podman ends without opening the FIFO, our reader's open would wait forever: open it for writing
        // once podman is gone, so the reader sees an end.
        void run.exitCode.finally(() =>
          open(fifo, constants.O_WRONLY | constants.O_NONBLOCK)
            .then((h) => h.close())
            .catch(() => undefined),
        );
        bytes = yield* writeArchive(
          (async function* () {
            for await (const chunk of createReadStream(fifo)) yield chunk as Buffer;
            const code = await run.exitCode;
            if (opts.signal?.aborted) throw abortError();
            if (code !== 0) throw cliFailure('export', name, run.stderr(), code);
          })(),
          path,
        );
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
        run.kill();
        await rm(fifoDir, { recursive: true, force: true });
      }
    } else {
      bytes = yield* await withHelper(name, async function* (id) {
        const res = await api.open(E.getArchive, {
          params: { id },
          query: { path: `${MOUNT}/.` },
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        return yield* writeArchive(res as AsyncIterable<Buffer>, path);
      });
    }
    const ownersKept = route === 'cli';
    yield {
      kind: 'done',
      outcome: `Exported volume ${name} to ${path} (${formatBytes(bytes)})${
        ownersKept ? '' : '; file owners were not kept (remote engine: the API hands every file to one user)'
      }`,
      path,
      bytes,
      ownersKept,
    };
  }

  async function* importVolume(
    name: string,
    path: string,
    opts: VolumeArchiveOptions = {},
  ): AsyncGenerator<ArchiveEvent> {
    checkVolumeName(name);
    const size = await checkArchiveSource(path, 'path');
    let created = false;
    try {
      await mountpoint(name);
    } catch (e) {
      if (!(e instanceof BurrowError && e.code === 'not_found')) throw e;
      await volumes.create(name);
      created = true;
      yield { kind: 'status', text: `Created volume ${name}` };
    }
    let ok = false;
    try {
      const route = await routeFor(name, opts);
      // Cancelled while the volume was being made: the CLI route would otherwise run the import to its end.
      if (opts.signal?.aborted) throw abortError();
      if (route === 'cli') {
        yield* uploadArchive(path, size, async (body) => {
          const run = runPodman(['volume', 'import', name, '-'], { stdin: body });
          const onAbort = () => run.kill();
          opts.signal?.addEventListener('abort', onAbort, { once: true });
          try {
            const code = await run.exitCode;
            if (opts.signal?.aborted) throw abortError();
            if (code !== 0) throw cliFailure('import', name, run.stderr(), code);
          } finally {
            opts.signal?.removeEventListener('abort', onAbort);
          }
        });
      } else {
        yield* await withHelper(name, (id) =>
          uploadArchive(path, size, (body) =>
            api
              .call(E.putArchive, {
                params: { id },
                // copyUIDGID=false: keep the owners the archive carries instead of giving every file to one user.
                query: { path: MOUNT, copyUIDGID: false },
                rawBody: body,
                contentType: 'application/x-tar',
                ...(opts.signal ? { signal: opts.signal } : {}),
              })
              .catch((e: unknown) => {
                throw (e instanceof BurrowError && notATar(e.engineMessage ?? e.message)) || e;
              }),
          ),
        );
      }
      ok = true;
    } finally {
      // Nothing half-made: a volume created for this import goes when the import does not finish.
      if (!ok && created) await volumes.remove(name).catch(() => undefined);
    }
    yield {
      kind: 'done',
      outcome: `Imported ${path} (${formatBytes(size)}) into volume ${name}${created ? ' (created)' : ''}`,
      path,
      bytes: size,
    };
  }

  return { export: exportVolume, import: importVolume };
}
