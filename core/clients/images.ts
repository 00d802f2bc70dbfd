import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { BuildOptions, ImagesClient, PullOptions } from '../engine-api.js';
import { BurrowError, invalidInput } from '../errors.js';
import { parseImageRef } from '../model/image-ref.js';
import type {
  BuildEvent,
  ImageDetail,
  ImageHistoryEntry,
  ImageSummary,
  PullProgress,
} from '../model/types.js';
import { validateImageRef } from '../model/validate-create.js';
import { ndjson } from '../streams/ndjson.js';
import { defineEndpoints } from '../transport/api-client.js';
import { mapEngineError } from '../transport/error-mapping.js';
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
});
const E = imageEndpoints;

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
 * libpod's pull stream is text: "Copying blob sha256:…" per layer, then "Copying config", "Writing manifest",
 * and a final {images, id}. Each layer is reported as it starts and as complete when the next stage begins.
 */
export class PullProgressTracker {
  private readonly layers: string[] = [];
  private readonly done = new Set<string>();

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
        return [{ layer, status: already ? 'Already exists' : 'Download complete' }];
      }
      return [{ layer, status: 'Downloading' }];
    }
    if (/^(Copying config|Writing manifest|Storing signatures)/.test(line))
      return [...this.completeAll(), { status: line }];
    return [{ status: line }];
  }

  private completeAll(): PullProgress[] {
    const out: PullProgress[] = [];
    for (const l of this.layers) {
      if (this.done.has(l)) continue;
      this.done.add(l);
      out.push({ layer: l, status: 'Download complete' });
    }
    return out;
  }
}

/** A tar of the build context, made by tar(1) so symlinks, modes and large files are handled as Podman expects. */
function tarContext(dir: string): NodeJS.ReadableStream {
  const child = spawn('tar', ['-C', dir, '-cf', '-', '.'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return child.stdout;
}

export function createImagesClient(ctx: ClientContext): ImagesClient {
  const { api } = ctx;
  const name = (n: string) => ({ params: { name: n } });

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
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const tracker = new PullProgressTracker();
    let imageId: string | undefined;
    for await (const ev of ndjson<Record<string, unknown>>(res as AsyncIterable<Buffer>)) {
      for (const p of tracker.handle(ev)) {
        if (p.error) throw mapEngineError(500, { message: p.error }, { operation: 'image pull' });
        if (p.imageId) imageId = p.imageId;
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

  return {
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
