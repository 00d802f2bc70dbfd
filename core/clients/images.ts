import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { BuildOptions, ImagesClient, PullOptions, SaveOptions } from '../engine-api.js';
import { BurrowError, invalidInput } from '../errors.js';
import { parseImageRef } from '../model/image-ref.js';
import type { ImageSearchResult } from '../model/registry.js';
import type { AuthFile } from '../registry/auth-file.js';
import type {
  ArchiveEvent,
  BuildEvent,
  ImageDetail,
  ImageHistoryEntry,
  ImageSummary,
  PullProgress,
  PushProgress,
} from '../model/types.js';
import { validateImageRef } from '../model/validate-create.js';
import { formatBytes } from '../model/quantities.js';
import { ndjson } from '../streams/ndjson.js';
import { defineEndpoints } from '../transport/api-client.js';
import { mapEngineError } from '../transport/error-mapping.js';
import { checkArchiveSource, checkArchiveTarget, uploadArchive, writeArchive } from './archive-files.js';
import {
  asNumber,
  asRecord,
  asString,
  asStringArray,
  asStringRecord,
  isoOrUndefined,
  pruneReport,
  type ClientContext,
} from './context.js';

export const imageEndpoints = defineEndpoints({
  list: { method: 'GET', path: '/libpod/images/json', response: 'json', name: 'image list' },
  inspect: {
    method: 'GET',
    path: '/libpod/images/{name}/json',
    response: 'json',
    name: 'image inspect',
    errors: { 404: 'not_found' },
  },
  history: { method: 'GET', path: '/libpod/images/{name}/history', response: 'json', name: 'image history' },
  exists: { method: 'GET', path: '/libpod/images/{name}/exists', response: 'none', name: 'image exists' },
  pull: {
    method: 'POST',
    path: '/libpod/images/pull',
    response: 'stream',
    name: 'image pull',
    timeoutMs: 120_000,
  },
  remove: {
    method: 'DELETE',
    path: '/libpod/images/{name}',
    response: 'json',
    name: 'image remove',
    errors: { 404: 'not_found' },
  },
  tag: { method: 'POST', path: '/libpod/images/{name}/tag', response: 'none', name: 'image tag' },
  untag: { method: 'POST', path: '/libpod/images/{name}/untag', response: 'none', name: 'image untag' },
  prune: {
    method: 'POST',
    path: '/libpod/images/prune',
    response: 'json',
    name: 'image prune',
    timeoutMs: 300_000,
  },
  import: {
    method: 'POST',
    path: '/libpod/images/import',
    response: 'json',
    name: 'image import',
    timeoutMs: 600_000,
  },
  build: {
    method: 'POST',
    path: '/libpod/build',
    response: 'stream',
    name: 'image build',
    timeoutMs: 120_000,
  },
  search: { method: 'GET', path: '/libpod/images/search', response: 'json', name: 'image search' },
  push: {
    method: 'POST',
    path: '/libpod/images/{name}/push',
    response: 'stream',
    name: 'image push',
    errors: { 404: 'not_found' },
    timeoutMs: 120_000,
  },
  // The engine writes the whole archive to a temporary file before the first byte is sent, and reads the whole
  // upload before it loads: both answer late for large images.
  export: {
    method: 'GET',
    path: '/libpod/images/export',
    response: 'stream',
    name: 'image save',
    errors: { 404: 'not_found' },
    timeoutMs: 3_600_000,
  },
  load: {
    method: 'POST',
    path: '/libpod/images/load',
    response: 'json',
    name: 'image load',
    timeoutMs: 3_600_000,
  },
});
const E = imageEndpoints;

/** Said by a load once its upload is complete, on Podman 4: the engine is loading and finishes even if cancelled. */
export const LOADING = {
  kind: 'status',
  text: 'Uploaded. Podman is loading the images; this step finishes even if you cancel.',
  cancellable: false,
} as const satisfies ArchiveEvent;

/** The same moment on Podman 5, whose load stops when the client goes away (seen on 5.4: a 500, nothing loaded). */
export const LOADING_CANCELLABLE = {
  kind: 'status',
  text: 'Uploaded. Podman is loading the images.',
} as const satisfies ArchiveEvent;

/** What a load says once uploaded, by the engine's API version ("4.3.1", "5.4.2"). */
export function loadingStatus(apiVersion: string): Extract<ArchiveEvent, { kind: 'status' }> {
  return Number.parseInt(apiVersion, 10) >= 5 ? LOADING_CANCELLABLE : LOADING;
}

/** Registries on this machine's loopback are the only ones Burrow pulls from without TLS verification. */
export function isLoopbackRegistry(ref: string): boolean {
  const registry = parseImageRef(ref)?.registry;
  if (!registry) return false;
  const host = registry.startsWith('[')
    ? registry.slice(1, registry.indexOf(']'))
    : (registry.split(':')[0] ?? '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function toImageSummary(raw: unknown): ImageSummary {
  const i = asRecord(raw);
  const tags = asStringArray(i.RepoTags).filter((t) => t !== '<none>:<none>');
  return {
    id: asString(i.Id),
    tags,
    ...(asString(i.Digest) ? { digest: asString(i.Digest) } : {}),
    size: asNumber(i.Size),
    createdAt: isoOrUndefined(i.Created) ?? new Date(0).toISOString(),
    containers: asNumber(i.Containers),
    dangling: i.Dangling === true || tags.length === 0,
  };
}

/**
 * libpod's pull and push streams are text: "Copying blob sha256:…" per layer, then "Copying config", "Writing
 * manifest", and for a pull a final {images, id}. Each layer is reported as it starts and as complete when the
 * next stage begins.
 */
export class PullProgressTracker {
  private readonly layers: string[] = [];
  private readonly done = new Set<string>();
  private readonly verb: { going: string; complete: string };

  constructor(direction: 'pull' | 'push' = 'pull') {
    this.verb =
      direction === 'pull'
        ? { going: 'Downloading', complete: 'Download complete' }
        : { going: 'Uploading', complete: 'Upload complete' };
  }

  handle(ev: Record<string, unknown>): PullProgress[] {
    if (typeof ev.error === 'string' && ev.error) return [{ status: 'Error', error: ev.error }];
    const id = asString(ev.id);
    if (id && Array.isArray(ev.images)) return [...this.completeAll(), { status: 'Pulled', imageId: id }];
    const line = asString(ev.stream).trim();
    if (!line) return [];
    const blob = /^Copying blob (?:sha256:)?([0-9a-f]{12,64})(.*)$/.exec(line);
    if (blob?.[1]) {
      const layer = blob[1].slice(0, 12);
      const already = /skipped|already exists/i.test(blob[2] ?? '');
      if (!this.layers.includes(layer)) this.layers.push(layer);
      if (already || /done/i.test(blob[2] ?? '')) {
        this.done.add(layer);
        return [{ layer, status: already ? 'Already exists' : this.verb.complete }];
      }
      return [{ layer, status: this.verb.going }];
    }
    if (/^(Copying config|Writing manifest|Storing signatures)/.test(line))
      return [...this.completeAll(), { status: line }];
    return [{ status: line }];
  }

  completeAll(): PullProgress[] {
    const out: PullProgress[] = [];
    for (const l of this.layers) {
      if (this.done.has(l)) continue;
      this.done.add(l);
      out.push({ layer: l, status: this.verb.complete });
    }
    return out;
  }
}

/** A tar of the build context, made by tar(1) so symlinks, modes and large files are handled as Podman expects. */
function tarContext(dir: string): NodeJS.ReadableStream {
  const child = spawn('tar', ['-C', dir, '-cf', '-', '.'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return child.stdout;
}

export function toSearchResult(raw: unknown): ImageSearchResult {
  const o = asRecord(raw);
  const tag = asString(o.Tag);
  return {
    index: asString(o.Index),
    name: asString(o.Name),
    description: asString(o.Description),
    stars: asNumber(o.Stars),
    official: /ok|true/i.test(String(o.Official ?? '')),
    automated: /ok|true/i.test(String(o.Automated ?? '')),
    ...(tag ? { tag } : {}),
  };
}

/** A permission error on a registry names that registry and says how to log in to it. */
export function withLoginHint(e: unknown, reference: string, field: string, authFile?: AuthFile): unknown {
  if (!(e instanceof BurrowError) || e.code !== 'permission') return e;
  const registry = parseImageRef(reference)?.registry ?? reference.split('/')[0] ?? reference;
  return new BurrowError({
    ...e.toData(),
    field,
    hint: `Log in to ${registry} first: Images → Registries → Log in, or \`podman login ${registry}\`${
      authFile ? ` (both keep logins in ${authFile.location.primary})` : ''
    }.`,
  });
}

/** libpod takes tlsVerify=false only where Burrow allows it: loopback registries, over TLS or not. */
function tlsQuery(reference: string): { tlsVerify?: boolean } {
  return isLoopbackRegistry(reference) ? { tlsVerify: false } : {};
}

export function createImagesClient(ctx: ClientContext, authFile?: AuthFile): ImagesClient {
  const { api } = ctx;
  const name = (n: string) => ({ params: { name: n } });
  /** Credentials travel with each request, as `podman --remote` sends them (see registry/auth-file.ts). */
  const authHeaders = async (): Promise<{ headers?: Record<string, string> }> =>
    authFile ? { headers: { 'X-Registry-Auth': await authFile.header() } } : {};

  async function* pull(ref: string, opts: PullOptions = {}): AsyncGenerator<PullProgress> {
    const reference = validateImageRef(ref, 'reference');
    if (opts.tlsVerify === false && !isLoopbackRegistry(reference)) {
      throw invalidInput(
        'tlsVerify',
        'TLS verification can only be turned off for registries on this machine (127.0.0.1, localhost)',
        'Mark other registries insecure in registries.conf if you really must.',
      );
    }
    const res = await api.open(E.pull, {
      query: {
        reference,
        quiet: false,
        ...(opts.tlsVerify === false || isLoopbackRegistry(reference) ? { tlsVerify: false } : {}),
      },
      ...(await authHeaders()),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const tracker = new PullProgressTracker();
    let imageId: string | undefined;
    for await (const ev of ndjson<Record<string, unknown>>(res as AsyncIterable<Buffer>)) {
      for (const p of tracker.handle(ev)) {
        if (p.error)
          throw withLoginHint(
            mapEngineError(500, { message: p.error }, { operation: 'image pull' }),
            reference,
            'image',
            authFile,
          );
        if (p.imageId) {
          imageId = p.imageId;
          yield { ...p, outcome: `Pulled ${reference} (image ${p.imageId.slice(0, 12)})` };
          continue;
        }
        yield p;
      }
    }
    if (!imageId)
      throw new BurrowError({
        code: 'engine_error',
        message: `The pull of ${reference} ended without an image`,
      });
  }

  async function* build(opts: BuildOptions): AsyncGenerator<BuildEvent> {
    if (!isAbsolute(opts.contextDir))
      throw invalidInput('contextDir', 'The build context must be an absolute path');
    const st = await stat(opts.contextDir).catch(() => undefined);
    if (!st?.isDirectory()) throw invalidInput('contextDir', `${opts.contextDir} is not a directory`);
    const containerfile = opts.containerfile ?? 'Containerfile';
    const cf = await stat(join(opts.contextDir, containerfile)).catch(() => undefined);
    const dockerfile = cf
      ? containerfile
      : (await stat(join(opts.contextDir, 'Dockerfile')).catch(() => undefined))
        ? 'Dockerfile'
        : undefined;
    if (!dockerfile || relative(opts.contextDir, join(opts.contextDir, dockerfile)).startsWith('..')) {
      throw invalidInput('containerfile', `No ${containerfile} (or Dockerfile) in ${opts.contextDir}`);
    }
    for (const t of opts.tags ?? []) validateImageRef(t, 'tags');
    const res = await api.open(E.build, {
      query: {
        dockerfile,
        ...(opts.tags?.length ? { t: opts.tags } : {}),
        ...(opts.noCache ? { nocache: true } : {}),
        ...(opts.buildArgs ? { buildargs: JSON.stringify(opts.buildArgs) } : {}),
      },
      rawBody: tarContext(opts.contextDir),
      contentType: 'application/x-tar',
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    let last = '';
    for await (const ev of ndjson<Record<string, unknown>>(res as AsyncIterable<Buffer>)) {
      if (typeof ev.error === 'string' && ev.error) {
        yield { kind: 'error', message: ev.error };
        return;
      }
      const text = asString(ev.stream);
      if (text) {
        last = text.trim() || last;
        yield { kind: 'output', text };
      }
    }
    // The last line of a successful build is the image id.
    if (/^[0-9a-f]{64}$/.test(last)) yield { kind: 'done', imageId: last };
    else yield { kind: 'error', message: last || 'the build ended without an image' };
  }

  async function requireImage(ref: string, field: string): Promise<unknown> {
    try {
      return await api.call(E.inspect, name(ref));
    } catch (e) {
      if (e instanceof BurrowError && e.code === 'not_found')
        throw new BurrowError({
          ...e.toData(),
          field,
          message: `No image ${ref}`,
          hint: 'Pick an image from the list.',
        });
      throw e;
    }
  }

  async function* push(
    ref: string,
    destination: string,
    opts: { signal?: AbortSignal } = {},
  ): AsyncGenerator<PushProgress> {
    const source = validateImageRef(ref, 'image');
    const dest = validateImageRef(destination, 'destination');
    if (parseImageRef(dest)?.digest)
      throw invalidInput('destination', 'A push destination cannot name a digest', 'Give repository:tag.');
    // The engine reports a missing image only inside the stream, as a push failure: ask first.
    await requireImage(source, 'image');
    let res;
    try {
      res = await api.open(E.push, {
        ...name(source),
        query: { destination: dest, quiet: false, ...tlsQuery(dest) },
        ...(await authHeaders()),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (e) {
      throw withLoginHint(e, dest, 'destination', authFile);
    }
    const tracker = new PullProgressTracker('push');
    let digest: string | undefined;
    for await (const ev of ndjson<Record<string, unknown>>(res as AsyncIterable<Buffer>)) {
      if (typeof ev.error === 'string' && ev.error)
        throw withLoginHint(
          mapEngineError(500, { message: ev.error }, { operation: 'image push' }),
          dest,
          'destination',
          authFile,
        );
      if (typeof ev.manifestdigest === 'string' && ev.manifestdigest) digest = ev.manifestdigest;
      yield* tracker.handle({ stream: ev.stream });
    }
    yield* tracker.completeAll();
    yield {
      status: 'Pushed',
      ...(digest ? { digest } : {}),
      outcome: `Pushed ${source} to ${dest}${digest ? ` (${digest.slice(0, 19)})` : ''}`,
    };
  }

  async function* save(refs: string[], path: string, opts: SaveOptions = {}): AsyncGenerator<ArchiveEvent> {
    if (refs.length === 0)
      throw invalidInput(
        'images',
        'Pick at least one image to save',
        'Select images in the list, then Save.',
      );
    const references = refs.map((r) => validateImageRef(r, 'images'));
    const format = opts.format ?? 'docker-archive';
    if (format === 'oci-archive' && references.length > 1)
      throw invalidInput(
        'format',
        'An OCI archive holds one image',
        'Save several images as a docker-archive.',
      );
    await checkArchiveTarget(path, 'path', opts.overwrite);
    // Several tags of one image are one image in the archive: count each image once.
    const sizes = new Map<string, number>();
    for (const r of references) {
      const i = asRecord(await requireImage(r, 'images'));
      sizes.set(asString(i.Id) || r, asNumber(i.Size));
    }
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    yield { kind: 'status', text: 'The engine is writing the archive…' };
    const res = await api.open(E.export, {
      query: { references, format },
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const bytes = yield* writeArchive(res as AsyncIterable<Buffer>, path, total || undefined);
    yield {
      kind: 'done',
      outcome: `Saved ${references.join(', ')} to ${path} (${formatBytes(bytes)})`,
      path,
      bytes,
      images: references,
    };
  }

  async function* load(path: string, opts: { signal?: AbortSignal } = {}): AsyncGenerator<ArchiveEvent> {
    const size = await checkArchiveSource(path, 'path');
    // Podman (libpod ImagesLoad) copies the upload to a temporary file and only then loads it: a client that goes
    // away during the upload leaves nothing (the temporary file is removed). After the upload, Podman 4.3 loads
    // the images whatever the client does, so there the job says Cancel can no longer stop it; Podman 5.4 stops
    // the load when the client goes (its load fails with a 500 and nothing is loaded), so Cancel still works.
    const report = yield* uploadArchive(
      path,
      size,
      (body) =>
        api.call(E.load, {
          rawBody: body,
          contentType: 'application/x-tar',
          ...(opts.signal ? { signal: opts.signal } : {}),
        }),
      { uploaded: loadingStatus(api.apiVersion) },
    );
    const images = asStringArray(asRecord(report).Names);
    yield {
      kind: 'done',
      outcome: images.length
        ? `Loaded ${images.join(', ')} from ${path}`
        : `Loaded ${path} (no tagged images in it)`,
      path,
      bytes: size,
      images,
    };
  }

  return {
    search: async (term, opts = {}) => {
      const t = term.trim();
      if (!t)
        throw invalidInput(
          'term',
          'Type what to search for',
          'A name, or registry/name to search one registry, e.g. quay.io/podman.',
        );
      if (/\s/.test(t))
        throw invalidInput('term', 'A search term has no spaces', 'Search for one name at a time.');
      const limit = opts.limit ?? 25;
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        throw invalidInput('limit', 'The limit is a whole number from 1 to 100', 'The default is 25.');
      if (opts.listTags) {
        const ref = parseImageRef(t);
        if (!ref || ref.tag || ref.digest)
          throw invalidInput(
            'term',
            `"${t}" is not one repository`,
            'Tags are listed for a repository without a tag, e.g. quay.io/podman/hello.',
          );
      }
      try {
        const raw = await api.call<unknown[]>(E.search, {
          // A term may be a bare registry ("127.0.0.1:5000/"): with a path after it, it parses as one.
          query: {
            term: t,
            limit,
            ...(opts.listTags ? { listTags: true } : {}),
            ...tlsQuery(`${t.replace(/\/+$/, '')}/x`),
          },
          ...(await authHeaders()),
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        return (Array.isArray(raw) ? raw : []).map(toSearchResult);
      } catch (e) {
        throw withLoginHint(e, t, 'term', authFile);
      }
    },
    push,
    save,
    load,
    async list(opts = {}) {
      const raw = await api.call<unknown[]>(E.list, { query: { all: opts.all ?? false } });
      return (Array.isArray(raw) ? raw : []).map(toImageSummary);
    },
    async inspect(ref) {
      const i = asRecord(await api.call(E.inspect, name(ref)));
      const cfg = asRecord(i.Config);
      const d: ImageDetail = {
        ...toImageSummary({ ...i, Created: i.Created }),
        raw: i,
        user: asString(cfg.User),
        env: asStringArray(cfg.Env),
        cmd: asStringArray(cfg.Cmd),
        entrypoint: asStringArray(cfg.Entrypoint),
        workdir: asString(cfg.WorkingDir),
        exposedPorts: Object.keys(asRecord(cfg.ExposedPorts)),
        labels: asStringRecord(cfg.Labels ?? i.Labels),
        architecture: asString(i.Architecture),
        os: asString(i.Os),
      };
      return d;
    },
    async history(ref) {
      const raw = await api.call<unknown[]>(E.history, name(ref));
      return (Array.isArray(raw) ? raw : []).map((h): ImageHistoryEntry => {
        const o = asRecord(h);
        return {
          id: asString(o.id) || asString(o.Id),
          createdAt: isoOrUndefined(o.created ?? o.Created) ?? '',
          createdBy: asString(o.createdBy) || asString(o.CreatedBy),
          size: asNumber(o.size ?? o.Size),
          comment: asString(o.comment) || asString(o.Comment),
        };
      });
    },
    async exists(ref) {
      try {
        await api.call(E.exists, name(ref));
        return true;
      } catch (e) {
        if (e instanceof BurrowError && e.code === 'not_found') return false;
        throw e;
      }
    },
    pull,
    async remove(ref, opts = {}) {
      const r = asRecord(await api.call(E.remove, { ...name(ref), query: { force: opts.force ?? false } }));
      const errs = asStringArray(r.Errors);
      if (errs.length)
        throw new BurrowError({
          code: /in use|used by/i.test(errs[0] ?? '') ? 'conflict' : 'engine_error',
          message: `image remove failed: ${errs.join('; ')}`,
          hint: 'Remove the containers that use it first, or force the removal.',
        });
    },
    async tag(ref, repo, tag = 'latest') {
      validateImageRef(`${repo}:${tag}`, 'repo');
      await api.call(E.tag, { ...name(ref), query: { repo, tag } });
    },
    async untag(ref, repo, tag = 'latest') {
      await api.call(E.untag, { ...name(ref), query: { repo, tag } });
    },
    async prune(opts = {}) {
      return pruneReport(await api.call(E.prune, { query: { all: opts.all ?? false } }));
    },
    async importTarball(tarPath, opts = {}) {
      if (!isAbsolute(tarPath)) throw invalidInput('tarPath', 'The tarball path must be absolute');
      if (!(await stat(tarPath).catch(() => undefined))?.isFile())
        throw invalidInput('tarPath', `${tarPath} is not a file`);
      if (opts.reference) validateImageRef(opts.reference, 'reference');
      const r = asRecord(
        await api.call(E.import, {
          query: {
            ...(opts.reference ? { reference: opts.reference } : {}),
            ...(opts.message ? { message: opts.message } : {}),
          },
          rawBody: createReadStream(tarPath),
          contentType: 'application/x-tar',
        }),
      );
      return asString(r.Id);
    },
    build,
  };
}
