// A container's files through libpod's archive endpoints (Podman 4.3 and 5.x alike; the container need not run):
// HEAD stats a path, GET streams a tar of it, PUT unpacks a tar into a folder. Listing and viewing read the tar's
// headers here; copies to and from this machine go through tar(1), which packs symlinks and modes the way Podman
// expects and, when unpacking, refuses names that climb out of the target folder and never writes through a
// symlink it has just created. Paths on "this machine" are where Burrow runs, also for a remote engine.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { access, lstat, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import type { ContainerFilesClient } from '../engine-api.js';
import { BurrowError, invalidInput } from '../errors.js';
import { copiedOutSentence, fileOwnership, type ContainerUser } from '../insight/file-ownership.js';
import { CONTROL_CHAR_HINT, describeChar, firstControlChar } from '../model/control-chars.js';
import type { ContainerDetail, ContainerFileEntry, ContainerFileListing } from '../model/types.js';
import { completeUtf8Length } from '../streams/demux.js';
import { tarEntries, type TarEntry } from '../streams/tar.js';
import { defineEndpoints } from '../transport/api-client.js';
import type { ClientContext } from './context.js';

export const fileEndpoints = defineEndpoints({
  stat: {
    method: 'HEAD',
    path: '/libpod/containers/{id}/archive',
    response: 'none',
    name: 'container path',
    errors: { 404: 'not_found' },
  },
  get: {
    method: 'GET',
    path: '/libpod/containers/{id}/archive',
    response: 'stream',
    name: 'copy from container',
    errors: { 404: 'not_found' },
  },
  put: {
    method: 'PUT',
    path: '/libpod/containers/{id}/archive',
    response: 'none',
    name: 'copy into container',
    timeoutMs: 600_000,
  },
});
const E = fileEndpoints;

/** A listing stops reading after this much data: open a subfolder to see the rest. */
const LIST_BUDGET = { bytes: 512 * 1024 * 1024, entries: 100_000 };
const DEFAULT_READ = 256 * 1024;
/** Folders copied in are walked first (readability); past this many entries the walk stops checking. */
const WALK_LIMIT = 100_000;

interface PathStat {
  name: string;
  size: number;
  isDir: boolean;
}

/** A path inside the container: absolute, printable, normalised ("/a/b/../c/" → "/a/c"). */
export function containerPath(p: string, field: string): string {
  if (!p)
    throw invalidInput(field, 'A path in the container is required', 'For example /etc or /data/report.txt.');
  const bad = firstControlChar(p);
  if (bad) throw invalidInput(field, `The path contains ${describeChar(bad)}`, CONTROL_CHAR_HINT);
  if (!p.startsWith('/'))
    throw invalidInput(field, `"${p}" is not an absolute path`, 'Paths in the container start with "/".');
  const n = posix.normalize(p);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

/** A path on this machine: absolute and printable. */
function hostPath(p: string, field: string): string {
  if (!p)
    throw invalidInput(field, 'A path on this machine is required', 'For example /home/you/report.txt.');
  const bad = firstControlChar(p);
  if (bad) throw invalidInput(field, `The path contains ${describeChar(bad)}`, CONTROL_CHAR_HINT);
  if (!p.startsWith('/'))
    throw invalidInput(field, `"${p}" is not an absolute path`, 'Give the full path, starting with "/".');
  return posix.normalize(p);
}

/**
 * The uid a name has in the container's /etc/passwd. Podman's archives carry every file with the container
 * user's host id (it chowns on the way out) but keep the original owner's *name*, so names are what tell owners.
 */
export function uidByName(passwd: string | undefined, name: string): number | undefined {
  if (!name) return undefined;
  const row = (passwd ?? '').split('\n').find((l) => l.split(':')[0] === name);
  const id = row?.split(':')[2];
  return id && /^\d+$/.test(id) ? Number(id) : undefined;
}

/** The user/group spec's owner from the container's own /etc/passwd and /etc/group, as Podman resolves it. */
export function resolveUser(
  spec: string,
  passwd: string | undefined,
  group: string | undefined,
): ContainerUser {
  const [u = '', g] = spec.split(':');
  const users = (passwd ?? '').split('\n').map((l) => l.split(':'));
  const byName = (n: string) => users.find((f) => f[0] === n);
  const byUid = (id: number) => users.find((f) => Number(f[2]) === id && f[2] !== '');
  let uid = 0;
  let name = 'root';
  let gid: number | undefined;
  if (u && /^\d+$/.test(u)) {
    uid = Number(u);
    const row = byUid(uid);
    name = row?.[0] ?? u;
    if (row?.[3] && /^\d+$/.test(row[3])) gid = Number(row[3]);
  } else if (u) {
    const row = byName(u);
    if (row && /^\d+$/.test(row[2] ?? '')) {
      uid = Number(row[2]);
      name = u;
      if (/^\d+$/.test(row[3] ?? '')) gid = Number(row[3]);
    } else name = u;
  } else {
    const row = byUid(0);
    if (row?.[3] && /^\d+$/.test(row[3])) gid = Number(row[3]);
  }
  if (g !== undefined && g !== '') {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const grp = (group ?? '').split('\n').find((l) => l.split(':')[0] === g);
      const id = grp?.split(':')[2];
      if (id && /^\d+$/.test(id)) gid = Number(id);
    }
  }
  return { name, uid, gid: gid ?? uid };
}

/** Lines pushed by one loop, pulled by another (a tar stream read while it is also written to tar(1)). */
class ChunkQueue implements AsyncIterable<Buffer> {
  private items: Buffer[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  push(b: Buffer): void {
    this.items.push(b);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      const b = this.items.shift();
      if (b) yield b;
      else if (this.ended) return;
      else
        await new Promise<void>((r) => {
          this.wake = r;
        });
      this.wake = undefined;
    }
  }
}

async function exited(child: ChildProcess, stderr: () => string, what: string): Promise<void> {
  const [code] = (child.exitCode !== null ? [child.exitCode] : await once(child, 'exit')) as [number | null];
  if (code !== 0)
    throw new BurrowError({
      code: 'engine_error',
      message: `${what} failed: tar exited with ${code}`,
      cause: stderr().trim().slice(-2000),
    });
}

export function createContainerFilesClient(
  ctx: ClientContext,
  inspect: (id: string) => Promise<ContainerDetail>,
): ContainerFilesClient {
  const { api } = ctx;
  const you = () => ({ uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 });

  async function statPath(cid: string, p: string, field: string): Promise<PathStat> {
    let res;
    try {
      res = await api.open(E.stat, { params: { id: cid }, query: { path: p } });
    } catch (e) {
      // The container exists (callers inspect it first): a 404 here is the path.
      if (e instanceof BurrowError && e.code === 'not_found')
        throw invalidInput(
          field,
          `${p} does not exist in the container`,
          'Check the path; paths are case-sensitive.',
        );
      throw e;
    }
    res.resume();
    const header = res.headers['x-docker-container-path-stat'];
    const raw = Array.isArray(header) ? header[0] : header;
    try {
      const o = JSON.parse(Buffer.from(raw ?? '', 'base64').toString('utf8')) as Record<string, unknown>;
      // "linkTarget" is the resolved path of every path, links or not; isDir is about what the path leads to.
      return {
        name: typeof o.name === 'string' ? o.name : basename(p),
        size: typeof o.size === 'number' ? o.size : 0,
        isDir: o.isDir === true,
      };
    } catch {
      throw new BurrowError({ code: 'engine_error', message: `The engine sent no usable stat for ${p}` });
    }
  }

  async function readRaw(cid: string, p: string, maxBytes: number): Promise<TarEntry | undefined> {
    const res = await api.open(E.get, { params: { id: cid }, query: { path: p } });
    for await (const e of tarEntries(res as AsyncIterable<Buffer>, {
      wantBody: () => true,
      maxBody: maxBytes,
    }))
      return e; // the first entry is the path itself
    return undefined;
  }

  async function optionalText(cid: string, p: string): Promise<string | undefined> {
    try {
      return (await readRaw(cid, p, 1024 * 1024))?.data?.toString('utf8');
    } catch (e) {
      if (e instanceof BurrowError && e.code === 'not_found') return undefined;
      throw e;
    }
  }

  async function ownershipOf(d: ContainerDetail) {
    const [passwd, group, facts] = await Promise.all([
      optionalText(d.id, '/etc/passwd'),
      optionalText(d.id, '/etc/group'),
      ctx.hostFacts(),
    ]);
    return {
      passwd,
      facts,
      ownership: fileOwnership(d.userns, facts, resolveUser(d.user, passwd, group), you()),
    };
  }

  return {
    async list(cid, path) {
      const p = containerPath(path, 'path');
      const d = await inspect(cid);
      const st = await statPath(d.id, p, 'path');
      if (!st.isDir)
        throw invalidInput('path', `${p} is a file, not a folder`, 'Open its folder, or view the file.');
      const [{ ownership, passwd }, res] = await Promise.all([
        ownershipOf(d),
        api.open(E.get, { params: { id: d.id }, query: { path: p } }),
      ]);
      const entries: ContainerFileEntry[] = [];
      let prefix: string | undefined;
      let bytes = 0;
      let seen = 0;
      let truncated = false;
      for await (const e of tarEntries(res as AsyncIterable<Buffer>)) {
        if (prefix === undefined) {
          // The first entry is the folder itself: "etc" for /etc, "/" for the root.
          const root = e.name.replace(/\/+$/, '');
          prefix = root === '' ? '/' : `${root}/`;
          continue;
        }
        bytes += e.size;
        seen += 1;
        const rel = e.name.startsWith(prefix) ? e.name.slice(prefix.length).replace(/\/+$/, '') : '';
        if (rel && !rel.includes('/')) {
          const uid = uidByName(passwd, e.uname);
          entries.push({
            name: rel,
            path: p === '/' ? `/${rel}` : `${p}/${rel}`,
            type: e.type,
            size: e.type === 'file' ? e.size : 0,
            mode: e.mode,
            owner: e.uname,
            group: e.gname,
            ...(uid !== undefined ? { uid } : {}),
            mtime: e.mtime,
            ...(e.linkName ? { linkTarget: e.linkName } : {}),
          });
        }
        if (bytes > LIST_BUDGET.bytes || seen > LIST_BUDGET.entries) {
          truncated = true;
          break;
        }
      }
      entries.sort((a, b) =>
        (a.type === 'directory') !== (b.type === 'directory')
          ? a.type === 'directory'
            ? -1
            : 1
          : a.name.localeCompare(b.name),
      );
      return { path: p, entries, truncated, ownership } satisfies ContainerFileListing;
    },

    async read(cid, path, opts = {}) {
      const p = containerPath(path, 'path');
      const max = Math.max(1, Math.min(opts.maxBytes ?? DEFAULT_READ, 8 * 1024 * 1024));
      const d = await inspect(cid);
      const st = await statPath(d.id, p, 'path');
      if (st.isDir) throw invalidInput('path', `${p} is a folder`, 'Open it in the file list instead.');
      const e = await readRaw(d.id, p, max);
      const data = e?.data ?? Buffer.alloc(0);
      const complete = data.subarray(0, completeUtf8Length(data));
      let text: string | undefined;
      if (!complete.includes(0)) {
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(complete);
        } catch {
          text = undefined;
        }
      }
      return {
        path: p,
        size: e?.size ?? st.size,
        truncated: e?.truncated ?? false,
        ...(text !== undefined ? { text } : {}),
      };
    },

    async copyOut(cid, fromPath, toDir) {
      const from = containerPath(fromPath, 'containerPath');
      if (from === '/')
        throw invalidInput(
          'containerPath',
          'Copy a file or a folder, not the whole filesystem',
          'Pick a folder such as /etc, or commit the container to an image to keep all of it.',
        );
      const dir = hostPath(toDir, 'hostPath');
      const dirStat = await stat(dir).catch(() => undefined);
      if (!dirStat?.isDirectory())
        throw invalidInput(
          'hostPath',
          `${dir} is not a folder on this machine`,
          'Choose an existing folder to copy into.',
        );
      try {
        await access(dir, constants.W_OK | constants.X_OK);
      } catch {
        throw invalidInput(
          'hostPath',
          `You cannot write to ${dir}`,
          'Choose a folder you own, such as your home.',
        );
      }
      const d = await inspect(cid);
      const st = await statPath(d.id, from, 'containerPath');
      const dest = join(dir, basename(from));
      if (
        await lstat(dest).then(
          () => true,
          () => false,
        )
      )
        throw invalidInput(
          'hostPath',
          `${dest} already exists`,
          'Burrow does not overwrite files when copying: choose another folder, or move the existing one away.',
        );
      const res = await api.open(E.get, { params: { id: d.id }, query: { path: from } });
      const child = spawn('tar', ['-x', '-f', '-', '-C', dir, '--no-same-owner'], {
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
      const passwd = await optionalText(d.id, '/etc/passwd');
      const queue = new ChunkQueue();
      const owners: (number | string)[] = [];
      let entries = 0;
      let bytes = 0;
      const parsing = (async () => {
        for await (const e of tarEntries(queue)) {
          entries += 1;
          bytes += e.type === 'file' ? e.size : 0;
          owners.push(uidByName(passwd, e.uname) ?? e.uname);
        }
      })();
      try {
        for await (const chunk of res as AsyncIterable<Buffer>) {
          queue.push(chunk);
          if (!child.stdin?.write(chunk)) await once(child.stdin!, 'drain');
        }
        child.stdin?.end();
        queue.end();
        await Promise.all([parsing, exited(child, () => stderr, `Copying ${from} here`)]);
      } catch (e) {
        queue.end();
        if (child.exitCode === null) child.kill('SIGKILL');
        await parsing.catch(() => undefined);
        // Nothing half-made: the destination did not exist before.
        await rm(dest, { recursive: true, force: true });
        throw e;
      }
      const facts = await ctx.hostFacts();
      return {
        from: `${d.name}:${from}`,
        to: dest,
        entries: entries || (st.isDir ? 0 : 1),
        bytes,
        ownership: copiedOutSentence(owners, d.userns, facts, you()),
      };
    },

    async copyIn(cid, fromPath, toDir) {
      const from = hostPath(fromPath, 'hostPath');
      const info = await lstat(from).catch(() => undefined);
      if (!info) throw invalidInput('hostPath', `${from} does not exist on this machine`, 'Check the path.');
      // Unreadable files would be skipped by tar with the rest copied: check them all first, copy nothing if one fails.
      let entries = 0;
      let bytes = 0;
      const walk = async (p: string): Promise<void> => {
        if (entries > WALK_LIMIT) return;
        const s = await lstat(p);
        entries += 1;
        if (s.isSymbolicLink()) return;
        try {
          await access(p, s.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
        } catch {
          throw invalidInput(
            'hostPath',
            `You cannot read ${p}`,
            'Copy only what you can read (check its owner and mode); nothing was copied.',
          );
        }
        if (s.isFile()) bytes += s.size;
        if (s.isDirectory()) for (const n of await readdir(p)) await walk(join(p, n));
      };
      await walk(from);
      const to = containerPath(toDir, 'containerPath');
      const d = await inspect(cid);
      const st = await statPath(d.id, to, 'containerPath');
      if (!st.isDir)
        throw invalidInput('containerPath', `${to} is a file in the container`, 'Copy into a folder.');
      const { ownership } = await ownershipOf(d);
      const child = spawn('tar', ['-C', dirname(from), '-cf', '-', '--', basename(from)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
      try {
        // libpod gives the copies to the container's main user (copyUIDGID defaults to true on its own path).
        await api.call(E.put, {
          params: { id: d.id },
          query: { path: to },
          rawBody: child.stdout!,
          contentType: 'application/x-tar',
        });
        await exited(child, () => stderr, `Packing ${from}`);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      return {
        from,
        to: `${d.name}:${to === '/' ? '' : to}/${basename(from)}`,
        entries,
        bytes,
        ownership: ownership.copyIn,
      };
    },
  };
}
