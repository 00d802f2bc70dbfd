// List a folder on this machine for the in-app file browser. The headless host serves loopback only, so the
// browser showing it runs on this machine too; in both modes the listing is of the machine Burrow runs on,
// which is where every path the UI asks for is read (archives stream through the engine's API).
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { BurrowError, invalidInput } from '../errors.js';
import type { BrowseEntry, BrowseListing } from '../model/files.js';

export const BROWSE_CAP = 2000;

export interface BrowseOptions {
  path?: string | undefined;
  hidden?: boolean | undefined;
  home?: string;
}

function kindOf(d: Dirent): BrowseEntry['kind'] {
  return d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other';
}

export async function browse(opts: BrowseOptions = {}): Promise<BrowseListing> {
  const home = opts.home ?? homedir();
  const raw = (opts.path ?? '').trim() || home;
  const expanded = raw === '~' ? home : raw.startsWith('~/') ? join(home, raw.slice(2)) : raw;
  if (!isAbsolute(expanded))
    throw invalidInput('path', `"${raw}" is not an absolute path`, 'Start from / or ~ (your home folder).');
  const path = resolve(expanded);
  let dirents: Dirent[];
  try {
    dirents = await readdir(path, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new BurrowError({
        code: 'not_found',
        field: 'path',
        message: `There is no folder ${path}`,
        hint: 'Check the path, or go up to a folder that exists.',
      });
    if (code === 'ENOTDIR')
      throw invalidInput('path', `${path} is a file, not a folder`, 'Open the folder that holds it.');
    if (code === 'EACCES' || code === 'EPERM')
      throw new BurrowError({
        code: 'permission',
        field: 'path',
        message: `You may not read the folder ${path}`,
        hint: 'Its owner or mode keeps your user out: pick another folder, or change its mode.',
      });
    throw e;
  }
  const shown = dirents.filter((d) => opts.hidden || !d.name.startsWith('.'));
  shown.sort((a, b) => {
    const da = a.isDirectory() ? 0 : 1;
    const db = b.isDirectory() ? 0 : 1;
    return da - db || a.name.localeCompare(b.name);
  });
  const kept = shown.slice(0, BROWSE_CAP);
  const entries = await Promise.all(
    kept.map(async (d): Promise<BrowseEntry> => {
      // A link is listed as what it points at (a link to a folder opens like a folder); a dangling one is "other".
      if (d.isSymbolicLink()) {
        const s = await stat(join(path, d.name)).catch(() => undefined);
        if (!s) return { name: d.name, kind: 'other' };
        return s.isDirectory()
          ? { name: d.name, kind: 'dir' }
          : s.isFile()
            ? { name: d.name, kind: 'file', size: s.size }
            : { name: d.name, kind: 'other' };
      }
      const kind = kindOf(d);
      if (kind !== 'file') return { name: d.name, kind };
      const s = await stat(join(path, d.name)).catch(() => undefined);
      return { name: d.name, kind, ...(s ? { size: s.size } : {}) };
    }),
  );
  // Links may have turned out to be folders: keep folders first.
  entries.sort(
    (a, b) => (a.kind === 'dir' ? 0 : 1) - (b.kind === 'dir' ? 0 : 1) || a.name.localeCompare(b.name),
  );
  return {
    path,
    ...(path === '/' ? {} : { parent: dirname(path) }),
    home,
    entries,
    omitted: shown.length - kept.length,
  };
}
