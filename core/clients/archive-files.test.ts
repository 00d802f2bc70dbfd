import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BurrowError } from '../errors.js';
import {
  checkArchiveSource,
  checkArchiveTarget,
  PROGRESS_STEP,
  UPLOAD_WINDOW,
  uploadArchive,
  writeArchive,
} from './archive-files.js';
import { localHostAccess, remoteHostAccess } from '../host-access.js';
import { volumeArchiveRoute } from './volume-archive.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-archive-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function* chunks(n: number, size: number, failAt?: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error('source broke');
    yield Buffer.alloc(size, i % 256);
  }
}

describe('writeArchive', () => {
  it('appears under its name only when complete, reporting at most once per MiB and once at the end', async () => {
    const path = join(dir, 'out.tar');
    const events = [];
    const it = writeArchive(chunks(10, 300 * 1024), path, 3_000_000);
    let r = await it.next();
    while (!r.done) {
      events.push(r.value);
      r = await it.next();
    }
    expect(r.value).toBe(10 * 300 * 1024);
    // 300 KiB chunks: a MiB has passed at 1200 and 2400 KiB; then the end (3000 KiB).
    expect(events.map((e) => e.bytes / 1024)).toEqual([1200, 2400, 3000]);
    expect(events.at(-1)).toEqual({ kind: 'bytes', bytes: 10 * 300 * 1024, total: 3_000_000 });
    expect((await readFile(path)).length).toBe(10 * 300 * 1024);
    expect(await readdir(dir)).toEqual(['out.tar']);
  });

  it('a failing source leaves nothing, not even the partial file', async () => {
    const path = join(dir, 'out.tar');
    await expect(async () => {
      for await (const _ of writeArchive(chunks(10, PROGRESS_STEP, 5), path)) void _;
    }).rejects.toThrow('source broke');
    expect(await readdir(dir)).toEqual([]);
  });

  it('a consumer that stops (a cancelled subscription) leaves nothing', async () => {
    const path = join(dir, 'out.tar');
    for await (const _ of writeArchive(chunks(10, PROGRESS_STEP), path)) break;
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('uploadArchive', () => {
  it('reports bytes taken by the receiver and returns its answer', async () => {
    const path = join(dir, 'in.tar');
    const size = 3 * PROGRESS_STEP + 5;
    await writeFile(path, Buffer.alloc(size, 7));
    const received: number[] = [];
    const it = uploadArchive(path, size, async (body: Readable) => {
      let n = 0;
      for await (const c of body) n += (c as Buffer).length;
      received.push(n);
      return 'ok';
    });
    const events = [];
    let r = await it.next();
    while (!r.done) {
      events.push(r.value);
      r = await it.next();
    }
    expect(r.value).toBe('ok');
    expect(received).toEqual([size]);
    expect(events.at(-1)).toEqual({ kind: 'bytes', bytes: size, total: size });
    for (const e of events) expect(e.kind === 'bytes' && e.bytes).toBeLessThanOrEqual(size);
  });

  it('moves in step with its consumer: a consumer that holds still holds the upload a window ahead', async () => {
    const path = join(dir, 'in.tar');
    const size = 20 * PROGRESS_STEP;
    await writeFile(path, Buffer.alloc(size, 1));
    let received = 0;
    const it = uploadArchive(path, size, async (body: Readable) => {
      for await (const c of body) {
        received += (c as Buffer).length;
      }
      return 'ok';
    });
    expect((await it.next()).value).toMatchObject({ kind: 'bytes' });
    // Give the reader every chance to run ahead: it stops at the window, whatever the wait.
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThanOrEqual(PROGRESS_STEP + UPLOAD_WINDOW + 64 * 1024);
    await it.return(undefined as never);
    expect(received).toBeLessThan(size);
  });

  it('says `uploaded` once the whole file has gone and the receiver has not answered yet', async () => {
    const path = join(dir, 'in.tar');
    const size = 3 * PROGRESS_STEP;
    await writeFile(path, Buffer.alloc(size, 2));
    let answer: (v: string) => void = () => undefined;
    const answered = new Promise<string>((r) => (answer = r));
    const it = uploadArchive(
      path,
      size,
      async (body: Readable) => {
        for await (const _ of body) void _;
        return answered;
      },
      { uploaded: { kind: 'status', text: 'now loading', cancellable: false } },
    );
    const events = [];
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      events.push(r.value);
      if (r.value.kind === 'status') answer('ok');
    }
    expect(events.slice(-2)).toEqual([
      { kind: 'bytes', bytes: size, total: size },
      { kind: 'status', text: 'now loading', cancellable: false },
    ]);
  });

  it('a refusing receiver’s error comes through', async () => {
    const path = join(dir, 'in.tar');
    await writeFile(path, 'x');
    await expect(async () => {
      for await (const _ of uploadArchive(path, 1, () => Promise.reject(new Error('no')))) void _;
    }).rejects.toThrow('no');
  });
});

describe('archive paths', () => {
  const field = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof BurrowError) return [e.code, e.field, typeof e.hint];
    }
    return 'accepted';
  };
  it('a target is absolute, in an existing directory, not a directory, not replaced unless asked', async () => {
    await writeFile(join(dir, 'old.tar'), 'x');
    expect(await field(checkArchiveTarget('rel.tar', 'path'))).toEqual(['invalid_input', 'path', 'string']);
    expect(await field(checkArchiveTarget(join(dir, 'nope', 'a.tar'), 'path'))).toEqual([
      'invalid_input',
      'path',
      'string',
    ]);
    expect(await field(checkArchiveTarget(dir, 'path'))).toEqual(['invalid_input', 'path', 'string']);
    expect(await field(checkArchiveTarget(join(dir, 'old.tar'), 'path'))).toEqual([
      'conflict',
      'path',
      'string',
    ]);
    expect(await field(checkArchiveTarget(join(dir, 'old.tar'), 'path', true))).toBe('accepted');
    expect(await field(checkArchiveTarget(join(dir, 'new.tar'), 'path'))).toBe('accepted');
  });
  it('a source is an absolute path to a file', async () => {
    await writeFile(join(dir, 'a.tar'), 'abc');
    expect(await checkArchiveSource(join(dir, 'a.tar'), 'path')).toBe(3);
    for (const p of ['a.tar', join(dir, 'missing.tar'), dir])
      expect(await field(checkArchiveSource(p, 'path'))).toEqual(['invalid_input', 'path', 'string']);
  });
});

describe('volumeArchiveRoute', () => {
  it('Podman’s CLI for a local engine, the API otherwise, unless forced', () => {
    expect(volumeArchiveRoute(localHostAccess())).toBe('cli');
    expect(volumeArchiveRoute(remoteHostAccess('guest (over SSH)'))).toBe('api');
    expect(volumeArchiveRoute(localHostAccess(), 'api')).toBe('api');
  });
});
