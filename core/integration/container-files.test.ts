// A container's files through libpod's archive endpoints on the real engine: listing and viewing (running or
// stopped), copies in and out with their owners on each side, and refusals that leave nothing half-made.
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import type { CreateContainerSpec } from '../model/types.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, FIXTURE_IMAGE_USER1001, TEST_LABELS, uniqueName } from './harness/fixtures.js';

let engine: Engine;
let dir: string;
const made: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'files' });
  dir = await mkdtemp(join(tmpdir(), 'burrow-files-'));
});

afterEach(async () => {
  for (const c of made.splice(0)) await engine.containers.remove(c, { force: true }).catch(() => undefined);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await engine?.close();
});

async function container(spec: Partial<CreateContainerSpec> = {}, start = true): Promise<string> {
  const { id } = await engine.containers.create({
    image: FIXTURE_IMAGE,
    name: uniqueName('files'),
    command: ['sleep', '600'],
    labels: TEST_LABELS,
    ...spec,
  });
  made.push(id);
  if (start) await engine.containers.start(id);
  return id;
}

const owner = async (id: string, path: string) =>
  (await engine.containers.exec(id, ['stat', '-c', '%u:%g', path])).stdout.trim();

describe('browsing a container’s files', () => {
  it('lists a folder and the root, running or stopped, with types, sizes and owners', async () => {
    for (const running of [true, false]) {
      const id = await container({}, running);
      const etc = await engine.containers.files.list(id, '/etc/');
      expect(etc.path).toBe('/etc');
      const passwd = etc.entries.find((e) => e.name === 'passwd');
      expect(passwd).toMatchObject({ path: '/etc/passwd', type: 'file', owner: 'root', uid: 0 });
      expect(passwd?.size).toBeGreaterThan(20);
      const root = await engine.containers.files.list(id, '/');
      expect(root.entries.find((e) => e.name === 'bin')).toMatchObject({ path: '/bin', type: 'directory' });
      expect(root.entries.some((e) => e.name.includes('/'))).toBe(false);
      const bin = await engine.containers.files.list(id, '/bin');
      expect(bin.entries.find((e) => e.name === 'sh')).toMatchObject({
        type: 'symlink',
        linkTarget: '/bin/busybox',
      });
      expect(etc.truncated).toBe(false);
    }
  });

  it('shows a text file, and says when a file is binary or longer than asked', async () => {
    const id = await container();
    const passwd = await engine.containers.files.read(id, '/etc/passwd');
    expect(passwd.text).toContain('app:x:1001:1001');
    expect(passwd.truncated).toBe(false);
    const bin = await engine.containers.files.read(id, '/bin/busybox', { maxBytes: 4096 });
    expect(bin.text).toBeUndefined();
    expect(bin.truncated).toBe(true);
    expect(bin.size).toBeGreaterThan(4096);
  });

  it('refuses bad paths by field, with a hint', async () => {
    const id = await container();
    for (const [path, msg] of [
      ['etc', /absolute/],
      ['/etc\u0000x', /U\+0000/],
      ['/no/such/place', /does not exist/],
      ['/etc/passwd', /is a file/],
    ] as const)
      await expect(engine.containers.files.list(id, path)).rejects.toMatchObject({
        code: 'invalid_input',
        field: 'path',
        message: expect.stringMatching(msg),
        hint: expect.any(String),
      });
  });
});

describe('copying between this machine and a container', () => {
  it('copies a folder in (symlink kept) and gives it to the container’s user, whose host uid differs', async () => {
    const src = join(dir, 'in-folder');
    await mkdir(join(src, 'sub'), { recursive: true });
    await writeFile(join(src, 'sub', 'note.txt'), 'from the host\n');
    await symlink('sub/note.txt', join(src, 'link'));
    const id = await container({ image: FIXTURE_IMAGE_USER1001 });
    const r = await engine.containers.files.copyIn(id, src, '/data');
    expect(r.entries).toBe(4);
    expect(r.to).toMatch(/:\/data\/in-folder$/);
    const cat = await engine.containers.exec(id, ['cat', '/data/in-folder/link']);
    expect(cat.stdout).toBe('from the host\n');
    expect(await owner(id, '/data/in-folder/sub/note.txt')).toBe('1001:1001');
    // Container uid 1001 is a subordinate host uid: the sentence says so, with the number.
    const facts = await engine.system.hostFacts();
    const sub = facts.idMappings.uidMap.find((m) => m.containerId === 1)!.hostId;
    expect(r.ownership).toContain(`uid ${sub + 1000}, not you`);
    const listing = await engine.containers.files.list(id, '/data/in-folder');
    expect(listing.ownership).toMatchObject({
      containerUser: { uid: 1001 },
      differs: true,
      hostUid: sub + 1000,
    });
    // The browser names the real owner (Podman's archive re-owns every file to the container user's host id).
    expect(listing.entries.find((e) => e.name === 'sub')).toMatchObject({ owner: 'app', uid: 1001 });
    const root = await engine.containers.files.list(id, '/etc');
    expect(root.entries.find((e) => e.name === 'passwd')).toMatchObject({ owner: 'root', uid: 0 });
  });

  it('as root in the default mode, and with keep-id, copies belong to you on both sides', async () => {
    const src = join(dir, 'plain.txt');
    await writeFile(src, 'plain\n');
    const rootId = await container();
    const asRoot = await engine.containers.files.copyIn(rootId, src, '/tmp');
    expect(await owner(rootId, '/tmp/plain.txt')).toBe('0:0');
    expect(asRoot.ownership).toContain('which is you on the host');
    const keepId = await container({ userns: { kind: 'keep-id' } });
    const facts = await engine.system.hostFacts();
    const kept = await engine.containers.files.copyIn(keepId, src, '/tmp');
    expect(await owner(keepId, '/tmp/plain.txt')).toBe(`${facts.uid}:${facts.gid}`);
    expect(kept.ownership).toContain('which is you on the host');
  });

  it('copies a folder out of a stopped container; the copies are yours and identical', async () => {
    const id = await container({
      command: ['sh', '-c', 'mkdir -p /out/deep && echo deep > /out/deep/f && chown -R 1001:1001 /out'],
    });
    await engine.containers.wait(id);
    const to = join(dir, 'out-here');
    await mkdir(to);
    const r = await engine.containers.files.copyOut(id, '/out', to);
    expect(r.to).toBe(join(to, 'out'));
    expect(await readFile(join(to, 'out', 'deep', 'f'), 'utf8')).toBe('deep\n');
    expect((await stat(join(to, 'out', 'deep', 'f'))).uid).toBe(process.getuid?.());
    expect(r.entries).toBe(3);
    expect(r.ownership).toMatch(/uid 1001 \(host uid \d+\).*belong to you/);
    // Again into the same folder: refused, the first copy untouched.
    await writeFile(join(to, 'out', 'deep', 'f'), 'mine\n');
    await expect(engine.containers.files.copyOut(id, '/out', to)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'hostPath',
      message: expect.stringContaining('already exists'),
    });
    expect(await readFile(join(to, 'out', 'deep', 'f'), 'utf8')).toBe('mine\n');
  });

  it('copies a symlink out as a symlink and a file as a file', async () => {
    const id = await container();
    const to = join(dir, 'links');
    await mkdir(to);
    await engine.containers.files.copyOut(id, '/etc/passwd', to);
    expect(await readFile(join(to, 'passwd'), 'utf8')).toContain('root:x:0:0');
    const bin = join(dir, 'bin-out');
    await mkdir(bin);
    await engine.containers.files.copyOut(id, '/bin', bin);
    expect((await lstat(join(bin, 'bin', 'sh'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(bin, 'bin', 'sh'))).toBe('/bin/busybox');
  });

  it('refuses unreadable sources, missing targets and files as targets — and copies nothing', async () => {
    const id = await container();
    const src = join(dir, 'secret');
    await mkdir(join(src, 'inner'), { recursive: true });
    await writeFile(join(src, 'ok.txt'), 'ok');
    await writeFile(join(src, 'inner', 'no.txt'), 'no');
    await chmod(join(src, 'inner', 'no.txt'), 0o000);
    await expect(engine.containers.files.copyIn(id, src, '/tmp')).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'hostPath',
      message: expect.stringContaining('no.txt'),
    });
    expect((await engine.containers.exec(id, ['ls', '/tmp'])).stdout).not.toContain('secret');
    await chmod(join(src, 'inner', 'no.txt'), 0o600);
    await expect(engine.containers.files.copyIn(id, src, '/nowhere')).rejects.toMatchObject({
      field: 'containerPath',
      message: expect.stringContaining('does not exist'),
    });
    await expect(engine.containers.files.copyIn(id, src, '/etc/passwd')).rejects.toMatchObject({
      field: 'containerPath',
    });
    await expect(engine.containers.files.copyIn(id, join(dir, 'missing'), '/tmp')).rejects.toMatchObject({
      field: 'hostPath',
    });
    await expect(engine.containers.files.copyOut(id, '/', dir)).rejects.toMatchObject({
      field: 'containerPath',
    });
    await expect(engine.containers.files.copyOut(id, '/etc', join(dir, 'nope'))).rejects.toMatchObject({
      field: 'hostPath',
    });
  });
});
