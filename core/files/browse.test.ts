import { mkdir, mkdtemp, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browse } from './browse.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-browse-'));
  await mkdir(join(dir, 'b-folder'));
  await mkdir(join(dir, 'A-folder'));
  await writeFile(join(dir, 'compose.yaml'), 'services: {}\n');
  await writeFile(join(dir, '.hidden'), 'x');
  await symlink(join(dir, 'b-folder'), join(dir, 'link-to-folder'));
  await symlink(join(dir, 'nowhere'), join(dir, 'dangling'));
  await mkdir(join(dir, 'locked'));
  await chmod(join(dir, 'locked'), 0o000);
});
afterAll(async () => {
  await chmod(join(dir, 'locked'), 0o755);
  await rm(dir, { recursive: true, force: true });
});

describe('browse', () => {
  it('lists folders first then files, by name, with sizes; hides dot files unless asked; links as their target', async () => {
    const l = await browse({ path: dir });
    expect(l.path).toBe(dir);
    expect(l.entries).toEqual([
      { name: 'A-folder', kind: 'dir' },
      { name: 'b-folder', kind: 'dir' },
      { name: 'link-to-folder', kind: 'dir' },
      { name: 'locked', kind: 'dir' },
      { name: 'compose.yaml', kind: 'file', size: 13 },
      { name: 'dangling', kind: 'other' },
    ]);
    expect(l.omitted).toBe(0);
    const all = await browse({ path: dir, hidden: true });
    expect(all.entries.map((e) => e.name)).toContain('.hidden');
  });

  it('starts at home, expands ~, normalises, and knows the parent (none at /)', async () => {
    expect((await browse({ home: dir })).path).toBe(dir);
    expect((await browse({ home: dir, path: '~/b-folder/../A-folder' })).path).toBe(join(dir, 'A-folder'));
    expect((await browse({ path: join(dir, 'A-folder') })).parent).toBe(dir);
    const root = await browse({ path: '/' });
    expect(root.parent).toBeUndefined();
    expect(root.entries.some((e) => e.name === 'tmp' && e.kind === 'dir')).toBe(true);
  });

  it('refuses a relative path, a missing folder, a file and an unreadable folder, each at the path with a hint', async () => {
    await expect(browse({ path: 'relative/dir' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'path',
      hint: expect.stringContaining('Start from /'),
    });
    await expect(browse({ path: join(dir, 'missing') })).rejects.toMatchObject({
      code: 'not_found',
      field: 'path',
      hint: expect.any(String),
    });
    await expect(browse({ path: join(dir, 'compose.yaml') })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('is a file, not a folder'),
    });
    // root reads every folder: the refusal is only for an ordinary user, as the tests run.
    if (process.getuid?.() !== 0)
      await expect(browse({ path: join(dir, 'locked') })).rejects.toMatchObject({
        code: 'permission',
        field: 'path',
      });
  });
});
