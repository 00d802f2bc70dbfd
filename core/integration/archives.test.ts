// Tar archives against the real engine: images saved and loaded back, volumes exported and imported byte for
// byte (both routes: Podman's CLI on a local engine, the container archive API as on a remote one), and prune
// naming what it removed and the space it gave back.
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { BurrowError } from '../errors.js';
import type { ArchiveEvent } from '../model/types.js';
import { LOADING, loadingStatus } from '../clients/images.js';
import { HELPER_LABEL } from '../clients/volume-archive.js';
import { openTestEngine } from './harness/engine.js';
import {
  engineLoadTempFiles,
  FIXTURE_IMAGE,
  podmanCli,
  TEST_LABELS,
  uniqueName,
} from './harness/fixtures.js';
import { onGuest } from './harness/target.js';
import { until } from './harness/until.js';

let engine: Engine;
let dir: string;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'archives' });
  dir = await mkdtemp(join(tmpdir(), 'burrow-archives-'));
});

afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f().catch(() => undefined);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  await engine?.close();
});

async function drain(it: AsyncIterable<ArchiveEvent>): Promise<ArchiveEvent[]> {
  const out: ArchiveEvent[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function failure(it: AsyncIterable<unknown>): Promise<BurrowError> {
  try {
    for await (const _ of it) void _;
  } catch (e) {
    if (e instanceof BurrowError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

/** Each stream is refused with its code, on its field, with a hint. */
async function expectRefusals(cases: [AsyncIterable<unknown>, string, string][]): Promise<void> {
  for (const [it, code, field] of cases) {
    const e = await failure(it);
    expect([e.code, e.field, typeof e.hint]).toEqual([code, field, 'string']);
  }
}

async function expectNoHelpers(): Promise<void> {
  const helpers = await podmanCli([
    'ps',
    '-a',
    '--filter',
    `label=${HELPER_LABEL}`,
    '--format',
    '{{.Names}}',
  ]);
  expect(helpers.trim()).toBe('');
}

const done = (events: ArchiveEvent[]) => {
  const last = events.at(-1);
  if (last?.kind !== 'done') throw new Error(`no done event: ${JSON.stringify(events)}`);
  return last;
};

/** Every file of a volume as the container sees it: path, type, owner, mode, size and content hash. */
async function volumeManifest(volume: string): Promise<string[]> {
  const out = await podmanCli([
    'run',
    '--rm',
    '--label',
    'burrow.test=1',
    '-v',
    `${volume}:/v:ro`,
    FIXTURE_IMAGE,
    'sh',
    '-c',
    'cd /v && find . -mindepth 1 | sort | while read f; do ' +
      'if [ -L "$f" ]; then echo "$f link $(readlink "$f") $(stat -c "%u:%g" "$f")"; ' +
      'elif [ -d "$f" ]; then echo "$f dir $(stat -c "%u:%g %a" "$f")"; ' +
      'else echo "$f file $(stat -c "%u:%g %a %s" "$f") $(sha256sum < "$f" | cut -c1-64)"; fi; done',
  ]);
  return out.trim().split('\n');
}

async function makeVolume(what: string): Promise<string> {
  const name = uniqueName(what);
  await engine.volumes.create({ name, labels: TEST_LABELS });
  cleanup.push(() => engine.volumes.remove(name, { force: true }));
  return name;
}

describe('images to and from a tar archive', () => {
  it('saves an image with byte progress and an outcome, loads it back under its name', async () => {
    const tag = `localhost/burrow-test/${uniqueName('saved')}:v1`;
    await engine.images.tag(FIXTURE_IMAGE, tag.split(':')[0] ?? '', 'v1');
    cleanup.push(() => podmanCli(['rmi', '-f', tag]));
    const path = join(dir, 'image.tar');
    cleanup.push(() => rm(path, { force: true }));
    // Two tags of one image: both travel in one docker-archive.
    const saved = await drain(engine.images.save([tag, FIXTURE_IMAGE], path));
    expect(saved[0]).toEqual({ kind: 'status', text: expect.stringContaining('writing') });
    const end = done(saved);
    expect(end.bytes).toBe((await stat(path)).size);
    expect(saved.filter((e) => e.kind === 'bytes').at(-1)).toMatchObject({ bytes: end.bytes });
    expect(end.outcome).toContain(`Saved ${tag}, ${FIXTURE_IMAGE} to ${path}`);
    expect(saved.filter((e) => e.kind === 'bytes').at(-1)).toMatchObject({
      total: (await engine.images.inspect(FIXTURE_IMAGE)).size,
    });
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);

    await engine.images.remove(tag);
    expect(await engine.images.exists(tag)).toBe(false);
    const loaded = await drain(engine.images.load(path));
    expect(loaded.filter((e) => e.kind === 'bytes').at(-1)).toMatchObject({
      bytes: end.bytes,
      total: end.bytes,
    });
    expect(done(loaded).images).toEqual(expect.arrayContaining([tag, FIXTURE_IMAGE]));
    expect(done(loaded).outcome).toContain(`Loaded ${tag}`);
    expect(await engine.images.exists(tag)).toBe(true);
  });

  it('refuses bad input by field and leaves no file behind', async () => {
    const existing = join(dir, 'exists.tar');
    await writeFile(existing, 'x');
    cleanup.push(() => rm(existing, { force: true }));
    const cases: [AsyncIterable<unknown>, string, string][] = [
      [engine.images.save([], join(dir, 'a.tar')), 'invalid_input', 'images'],
      [engine.images.save([FIXTURE_IMAGE], 'relative.tar'), 'invalid_input', 'path'],
      [engine.images.save([FIXTURE_IMAGE], join(dir, 'no-such-dir', 'a.tar')), 'invalid_input', 'path'],
      [engine.images.save([FIXTURE_IMAGE], existing), 'conflict', 'path'],
      [engine.images.save([FIXTURE_IMAGE], dir), 'invalid_input', 'path'],
      [engine.images.save(['localhost/bt-none:1'], join(dir, 'b.tar')), 'not_found', 'images'],
      [
        engine.images.save([FIXTURE_IMAGE, FIXTURE_IMAGE], join(dir, 'c.tar'), { format: 'oci-archive' }),
        'invalid_input',
        'format',
      ],
      [engine.images.load(join(dir, 'missing.tar')), 'invalid_input', 'path'],
      [engine.images.load(dir), 'invalid_input', 'path'],
    ];
    await expectRefusals(cases);
    expect((await readdir(dir)).sort()).toEqual(['exists.tar']);
  });

  it('a load of a file that is not an archive fails with the engine’s reason', async () => {
    const junk = join(dir, 'junk.tar');
    await writeFile(junk, 'not a tar archive');
    cleanup.push(() => rm(junk, { force: true }));
    const e = await failure(engine.images.load(junk));
    expect(e.code).toBe('engine_error');
  });

  it('a cancelled save leaves no file', async () => {
    const ac = new AbortController();
    const path = join(dir, 'cancelled.tar');
    const it = engine.images.save([FIXTURE_IMAGE], path, { signal: ac.signal })[Symbol.asyncIterator]();
    await it.next(); // the status event: the request is about to go out
    ac.abort();
    await expect(it.next()).rejects.toThrow();
    expect(await readdir(dir)).not.toContain('cancelled.tar');
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });
});

describe('a load cancelled part-way', () => {
  // An image with a 48 MB layer of random bytes: its upload is many progress steps long, so a Cancel after the
  // first step lands while the engine is still receiving it (the upload moves in step with its progress).
  let big = '';
  let bigId = '';
  let archive = '';
  let size = 0;

  beforeAll(async () => {
    big = `localhost/burrow-test/${uniqueName('big')}:v1`;
    const maker = uniqueName('big-maker');
    await podmanCli(
      [
        'run',
        '--name',
        maker,
        '--label',
        'burrow.test=1',
        FIXTURE_IMAGE,
        'sh',
        '-c',
        'head -c 48000000 /dev/urandom > /big',
      ],
      { timeoutMs: 120_000 },
    );
    await podmanCli(['commit', '--quiet', maker, big], { timeoutMs: 120_000 });
    await podmanCli(['rm', '-f', maker]);
    bigId = (await engine.images.inspect(big)).id;
    archive = join(dir, 'big.tar');
    await drain(engine.images.save([big], archive));
    size = (await stat(archive)).size;
    await engine.images.remove(big);
  }, 300_000);

  afterAll(async () => {
    if (big) await podmanCli(['rmi', '-f', big]).catch(() => undefined);
  });

  it('stops while uploading: nothing loaded, no temporary file left, and the same archive loads after', async () => {
    expect(size).toBeGreaterThan(40_000_000);
    const ac = new AbortController();
    const it = engine.images.load(archive, { signal: ac.signal })[Symbol.asyncIterator]();
    const first = (await it.next()).value as ArchiveEvent;
    expect(first).toMatchObject({ kind: 'bytes', total: size });
    expect(first.kind === 'bytes' && first.bytes).toBeLessThan(size / 4);
    // The engine holds part of the upload, not all of it: the Cancel lands mid-way.
    const [partial] = await until(engineLoadTempFiles, (f) => (f[0] ?? 0) > 0);
    expect(partial).toBeLessThan(size / 4);
    ac.abort();
    await expect(async () => {
      while (!(await it.next()).done);
    }).rejects.toThrow();
    // The engine drops its partial copy once it sees the request end; nothing is loaded, by tag or by id.
    expect(await until(engineLoadTempFiles, (f) => f.length === 0)).toEqual([]);
    expect(await engine.images.exists(big)).toBe(false);
    expect(await engine.images.exists(bigId)).toBe(false);

    const again = await drain(engine.images.load(archive));
    expect(done(again).images).toEqual([big]);
    expect((await engine.images.inspect(big)).id).toBe(bigId);
    await engine.images.remove(big);
  });

  it('once uploaded, says what Cancel does now, and that is what the engine does', async () => {
    // Podman 4.3 loads a fully received archive whatever the client does; Podman 5.4 stops the load when the
    // client goes away (core/clients/images.ts). The job says which, and Cancel does exactly that.
    const said = loadingStatus((await engine.system.version()).api);
    const finishes = said === LOADING;
    const ac = new AbortController();
    const seen: ArchiveEvent[] = [];
    const it = engine.images.load(archive, { signal: ac.signal })[Symbol.asyncIterator]();
    for (;;) {
      const r = await it.next();
      if (r.done) throw new Error(`the load ended before its upload was reported: ${JSON.stringify(seen)}`);
      seen.push(r.value);
      if (r.value.kind === 'status') break;
    }
    expect(seen.at(-2)).toEqual({ kind: 'bytes', bytes: size, total: size });
    expect(seen.at(-1)).toEqual(said);
    // Wait for the engine to hold the whole upload (the last bytes may still be in the socket), then cancel. A
    // fast engine may already have loaded it and removed its temp file by the first look: that counts too.
    await until(
      async () => (await engineLoadTempFiles()).includes(size) || (await engine.images.exists(big)),
      Boolean,
    );
    ac.abort();
    await expect(async () => {
      while (!(await it.next()).done);
    }).rejects.toThrow();
    // The temporary file goes either way; then the images are there (4.3) or not (5.x).
    expect(await until(engineLoadTempFiles, (f) => f.length === 0)).toEqual([]);
    if (finishes) {
      await until(() => engine.images.exists(big), Boolean, 250);
      expect((await engine.images.inspect(big)).id).toBe(bigId);
      await engine.images.remove(big);
    } else {
      expect(await engine.images.exists(big)).toBe(false);
    }
  });
});

describe('volumes to and from a tar archive', () => {
  async function fill(volume: string): Promise<void> {
    await podmanCli([
      'run',
      '--rm',
      '--label',
      'burrow.test=1',
      '-v',
      `${volume}:/data`,
      FIXTURE_IMAGE,
      'sh',
      '-c',
      'echo hello > /data/a.txt && chmod 640 /data/a.txt && mkdir -p /data/sub/deeper && ' +
        'head -c 3000000 /dev/urandom > /data/sub/big.bin && chown 1234:5678 /data/sub/big.bin && ' +
        'ln -s a.txt /data/link && touch /data/sub/deeper/empty && chmod 700 /data/sub/deeper',
    ]);
  }

  for (const route of onGuest ? (['api'] as const) : (['cli', 'api'] as const)) {
    it(`round-trips a volume byte for byte through ${route === 'cli' ? 'Podman’s CLI' : 'the API'}`, async () => {
      const source = await makeVolume(`${route}-src`);
      await fill(source);
      const path = join(dir, `${route}.tar`);
      cleanup.push(() => rm(path, { force: true }));
      const exported = await drain(engine.volumes.export(source, path, { route }));
      const end = done(exported);
      expect(end.bytes).toBe((await stat(path)).size);
      expect(exported.filter((e) => e.kind === 'bytes').length).toBeGreaterThan(1); // 3 MB: more than one MiB step
      expect(end.ownersKept).toBe(route === 'cli');

      const target = uniqueName(`${route}-dst`);
      cleanup.push(() => engine.volumes.remove(target, { force: true }));
      const imported = await drain(engine.volumes.import(target, path, { route }));
      expect(done(imported).outcome).toContain(`into volume ${target} (created)`);
      expect(imported.filter((e) => e.kind === 'bytes').at(-1)).toMatchObject({
        bytes: end.bytes,
        total: end.bytes,
      });

      const before = await volumeManifest(source);
      const after = await volumeManifest(target);
      expect(before.length).toBe(6);
      if (route === 'cli') expect(after).toEqual(before);
      else {
        // Contents, modes, links: the same. Owners: the API gives every file to the helper's user (root).
        const noOwner = (l: string) => l.replace(/ \d+:\d+/, '');
        expect(after.map(noOwner)).toEqual(before.map(noOwner));
        expect(before.find((l) => l.startsWith('./sub/big.bin'))).toContain(' 1234:5678 ');
      }
      await expectNoHelpers(); // the helper container of the API route is gone
    });
  }

  for (const route of onGuest ? (['api'] as const) : (['cli', 'api'] as const)) {
    it(`a cancelled export (${route}) leaves no file and nothing running`, async () => {
      const source = await makeVolume(`${route}-cancel`);
      await fill(source);
      const ac = new AbortController();
      const path = join(dir, `cancelled-${route}.tar`);
      const it = engine.volumes.export(source, path, { route, signal: ac.signal })[Symbol.asyncIterator]();
      expect((await it.next()).value).toMatchObject({ kind: 'bytes' }); // 1 MiB of 3 has arrived
      ac.abort();
      await expect(async () => {
        while (!(await it.next()).done);
      }).rejects.toThrow();
      expect((await readdir(dir)).filter((f) => f.includes('cancelled'))).toEqual([]);
      await expectNoHelpers();
    });
  }

  for (const route of onGuest ? (['api'] as const) : (['cli', 'api'] as const)) {
    it(`a cancelled import (${route}) removes the volume it created and leaves nothing running`, async () => {
      const source = await makeVolume(`${route}-icancel`);
      await fill(source);
      const path = join(dir, `icancel-${route}.tar`);
      cleanup.push(() => rm(path, { force: true }));
      await drain(engine.volumes.export(source, path, { route }));
      const target = uniqueName(`${route}-icancel-dst`);
      cleanup.push(() => engine.volumes.remove(target, { force: true }));
      const ac = new AbortController();
      const it = engine.volumes.import(target, path, { route, signal: ac.signal })[Symbol.asyncIterator]();
      expect((await it.next()).value).toMatchObject({ kind: 'status', text: `Created volume ${target}` });
      ac.abort();
      await expect(async () => {
        while (!(await it.next()).done);
      }).rejects.toThrow('aborted');
      const e = await engine.volumes.inspect(target).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toMatchObject({ code: 'not_found' });
      await expectNoHelpers();
    });
  }

  it.skipIf(onGuest)('an API import keeps the owners a CLI-made archive carries', async () => {
    const source = await makeVolume('own-src');
    await fill(source);
    const path = join(dir, 'owners.tar');
    cleanup.push(() => rm(path, { force: true }));
    await drain(engine.volumes.export(source, path, { route: 'cli' }));
    const target = await makeVolume('own-dst');
    await drain(engine.volumes.import(target, path, { route: 'api' }));
    expect(await volumeManifest(target)).toEqual(await volumeManifest(source));
  });

  it('refuses bad input by field; a failed import removes the volume it created', async () => {
    const vol = await makeVolume('bad');
    const junk = join(dir, 'junk-volume.tar');
    await writeFile(junk, 'not a tar archive at all, just text');
    cleanup.push(() => rm(junk, { force: true }));
    const cases: [AsyncIterable<unknown>, string, string][] = [
      [engine.volumes.export('bad name', join(dir, 'x.tar')), 'invalid_input', 'name'],
      [engine.volumes.export(uniqueName('none'), join(dir, 'x.tar')), 'not_found', 'name'],
      [engine.volumes.export(vol, 'x.tar'), 'invalid_input', 'path'],
      [engine.volumes.export(vol, junk), 'conflict', 'path'],
      [engine.volumes.import(vol, join(dir, 'missing.tar')), 'invalid_input', 'path'],
      [engine.volumes.import('-bad', junk), 'invalid_input', 'name'],
    ];
    await expectRefusals(cases);
    for (const route of onGuest ? (['api'] as const) : (['cli', 'api'] as const)) {
      const fresh = uniqueName(`fresh-${route}`);
      const e = await failure(engine.volumes.import(fresh, junk, { route }));
      expect([e.code, e.field, typeof e.hint], route).toEqual(['invalid_input', 'path', 'string']);
      expect((await engine.volumes.list()).map((v) => v.name)).not.toContain(fresh);
    }
  });

  it('inspect returns the engine’s document; prune names what it removed and the space reclaimed', async () => {
    const label = `burrow.test.prune=${uniqueName('p')}`;
    const names = [uniqueName('prune-a'), uniqueName('prune-b')];
    for (const name of names) {
      await engine.volumes.create({
        name,
        labels: { ...TEST_LABELS, [label.split('=')[0] ?? '']: label.split('=')[1] ?? '' },
      });
      cleanup.push(() => engine.volumes.remove(name, { force: true }));
    }
    await podmanCli([
      'run',
      '--rm',
      '-v',
      `${names[0]}:/d`,
      FIXTURE_IMAGE,
      'sh',
      '-c',
      'head -c 200000 /dev/zero > /d/f',
    ]);
    const detail = await engine.volumes.inspect(names[0] ?? '');
    expect(detail.raw).toMatchObject({ Name: names[0] });
    const r = await engine.volumes.prune({ filters: { label: [label] } });
    expect(r.removed.sort()).toEqual([...names].sort());
    expect(r.reclaimedBytes).toBeGreaterThanOrEqual(200_000);
  });
});
