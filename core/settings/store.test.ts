// The settings store on a real temporary directory: defaults, validation that changes nothing, debounced and
// atomic writes, a hand-edited file read back field by field, and every setting surviving a new store (a restart).
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type SettingsPatch } from '../model/settings.js';
import { settingsPath, SettingsStore, type SettingsFs } from './store.js';

let dir = '';
let file = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-settings-'));
  file = join(dir, 'sub', 'settings.json');
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

/** node:fs/promises, counting the files written. */
function countingFs(): SettingsFs & { writes: string[] } {
  const writes: string[] = [];
  return {
    writes,
    readFile: (p, e) => nodeFs.readFile(p, e),
    writeFile: async (p, d, o) => {
      writes.push(d);
      await nodeFs.writeFile(p, d, o);
    },
    rename: (a, b) => nodeFs.rename(a, b),
    mkdir: (p, o) => nodeFs.mkdir(p, o),
  };
}

/** Every setting changed from its default: what must survive a restart. */
const everything: SettingsPatch = {
  closeToTray: false,
  theme: 'dark',
  notifications: {
    enabled: false,
    desktop: false,
    exitNonZero: false,
    oomKilled: false,
    unhealthy: false,
    crashLoop: false,
    jobs: false,
    crashLoopRestarts: 7,
    crashLoopMinutes: 11,
    scope: 'watched',
    containers: { web: 'watch', db: 'mute' },
  },
  defaults: { userns: 'keep-id:uid=1000,gid=1000', stopTimeoutSeconds: 2 },
  startConnection: 'build-box',
  window: { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true },
};

describe('settings store', () => {
  it('starts from the defaults when there is no file, and writes nothing until something changes', async () => {
    const fs = countingFs();
    const s = new SettingsStore({ file, fs });
    expect(await s.load()).toEqual(DEFAULT_SETTINGS);
    expect(s.existed).toBe(false);
    await s.flush();
    expect(fs.writes).toEqual([]);
  });

  it('every setting survives a restart (a new store on the same file)', async () => {
    const a = new SettingsStore({ file });
    await a.load();
    a.update(everything);
    await a.flush();
    const b = new SettingsStore({ file });
    const back = await b.load();
    expect(b.existed).toBe(true);
    expect(back).toEqual({ ...DEFAULT_SETTINGS, ...everything });
    expect(b.problems).toEqual([]);
  });

  it('writes are debounced: a window dragged across the screen is one write', async () => {
    vi.useFakeTimers();
    const fs = countingFs();
    const s = new SettingsStore({ file, fs, debounceMs: 300 });
    await s.load();
    for (let i = 0; i < 200; i++) s.update({ window: { bounds: { x: i, y: 0, width: 800, height: 600 } } });
    expect(fs.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(299);
    expect(fs.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await s.flush();
    expect(fs.writes).toHaveLength(1);
    expect(JSON.parse(fs.writes[0] ?? '{}').window.bounds.x).toBe(199);
  });

  it('flush writes at once what is pending (quitting does not lose the last change)', async () => {
    const fs = countingFs();
    const s = new SettingsStore({ file, fs, debounceMs: 60_000 });
    await s.load();
    s.update({ theme: 'light' });
    await s.flush();
    expect(fs.writes).toHaveLength(1);
    expect(JSON.parse(await readFile(file, 'utf8')).theme).toBe('light');
  });

  it('writes atomically, readable by the user only, leaving no temporary files', async () => {
    const s = new SettingsStore({ file });
    await s.load();
    s.update({ theme: 'dark' });
    await s.flush();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'sub'))).toEqual(['settings.json']);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['a theme that does not exist', { theme: 'blue' }, 'theme', /system, light, dark/],
    [
      'a crash-loop count of zero',
      { notifications: { crashLoopRestarts: 0 } },
      'notifications.crashLoopRestarts',
      /1 to 100/,
    ],
    [
      'minutes that are not whole',
      { notifications: { crashLoopMinutes: 1.5 } },
      'notifications.crashLoopMinutes',
      /1440/,
    ],
    [
      'a user namespace Podman does not know',
      { defaults: { userns: 'keep-id:uid=x' } },
      'defaults.userns',
      /keep-id/,
    ],
    [
      'a negative stop timeout',
      { defaults: { stopTimeoutSeconds: -1 } },
      'defaults.stopTimeoutSeconds',
      /0 to 3600/,
    ],
    [
      'a watch mark that is neither',
      { notifications: { containers: { web: 'loud' } } },
      'notifications.containers.web',
      /watch, mute/,
    ],
    [
      'a container name with a slash',
      { notifications: { containers: { 'a/b': 'mute' } } },
      'notifications.containers.a/b',
      /watch, mute/,
    ],
    ['an unknown setting', { fontSize: 3 }, 'fontSize', /check its spelling/],
    ['an empty start connection', { startConnection: '' }, 'startConnection', /local/],
  ])('refuses %s, naming the field with a hint, and changes nothing', async (_what, patch, field, hint) => {
    const s = new SettingsStore({ file });
    await s.load();
    let error: unknown;
    try {
      s.update(patch);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_input', field });
    expect((error as { hint: string }).hint).toMatch(hint);
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    await s.flush();
    await expect(stat(file)).rejects.toThrow();
  });

  it('names every wrong field of one update, each with its hint', async () => {
    const s = new SettingsStore({ file });
    let error: unknown;
    try {
      s.update({ theme: 'x', defaults: { stopTimeoutSeconds: -1 } });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_input', field: 'theme' });
    const issues = (error as { issues: { field: string; hint?: string }[] }).issues;
    expect(issues.map((i) => i.field)).toEqual(['theme', 'defaults.stopTimeoutSeconds']);
    expect(issues.map((i) => i.hint)).toEqual([
      'One of system, light, dark.',
      'Whole seconds from 0 to 3600, or null for Podman’s default.',
    ]);
  });

  it('the default stop timeout is Podman’s own until set, and null takes it back there', async () => {
    const s = new SettingsStore({ file });
    expect(s.get().defaults.stopTimeoutSeconds).toBeUndefined();
    s.update({ defaults: { stopTimeoutSeconds: 7 } });
    expect(s.get().defaults).toEqual({ userns: '', stopTimeoutSeconds: 7 });
    s.update({ defaults: { stopTimeoutSeconds: null } });
    expect(s.get().defaults).toEqual({ userns: '' });
  });

  it('null takes a container back to the default; other marks stay', async () => {
    const s = new SettingsStore({ file });
    s.update({ notifications: { containers: { web: 'watch', db: 'mute' } } });
    s.update({ notifications: { containers: { web: null } } });
    expect(s.get().notifications.containers).toEqual({ db: 'mute' });
    expect(s.get().notifications.enabled).toBe(true);
  });

  it('tells listeners the new and the old settings', async () => {
    const s = new SettingsStore({ file });
    const seen: string[] = [];
    s.onChange((next, before) => seen.push(`${before.theme}→${next.theme}`));
    s.update({ theme: 'dark' });
    expect(seen).toEqual(['system→dark']);
  });

  it('a hand-edited file keeps what is valid and names what was dropped', async () => {
    await nodeFs.mkdir(join(dir, 'sub'));
    await writeFile(
      file,
      JSON.stringify({
        theme: 'dark',
        closeToTray: 'yes',
        notifications: { crashLoopRestarts: 5, bogus: 1 },
        extra: 2,
      }),
    );
    const s = new SettingsStore({ file });
    const got = await s.load();
    expect(got.theme).toBe('dark');
    expect(got.closeToTray).toBe(true);
    expect(got.notifications.crashLoopRestarts).toBe(5);
    expect(s.problems.map((p) => p.replace(`${file}: `, ''))).toEqual([
      'closeToTray was not valid and is back to its default',
      'notifications.bogus was not valid and is back to its default',
      'extra was not valid and is back to its default',
    ]);
  });

  it('a file that is not JSON gives the defaults and says so', async () => {
    await nodeFs.mkdir(join(dir, 'sub'));
    await writeFile(file, '{ theme: dark');
    const s = new SettingsStore({ file });
    expect(await s.load()).toEqual(DEFAULT_SETTINGS);
    expect(s.problems[0]).toMatch(/not valid JSON/);
  });

  it('a failed write says where and what to do, and is retried by the next flush', async () => {
    const fs = countingFs();
    let fail = true;
    const flaky: SettingsFs = {
      ...fs,
      rename: async (a, b) => {
        if (fail) throw new Error('EACCES: permission denied');
        return fs.rename(a, b);
      },
    };
    const s = new SettingsStore({ file, fs: flaky });
    s.update({ theme: 'dark' });
    await expect(s.flush()).rejects.toMatchObject({ code: 'permission', hint: /writable/ });
    fail = false;
    await s.flush();
    expect(JSON.parse(await readFile(file, 'utf8')).theme).toBe('dark');
  });

  it('lives beside the saved connections ($BURROW_CONFIG_DIR, else $XDG_CONFIG_HOME/burrow)', () => {
    expect(settingsPath({ BURROW_CONFIG_DIR: '/p' })).toBe('/p/settings.json');
    expect(settingsPath({ XDG_CONFIG_HOME: '/x', HOME: '/h' })).toBe('/x/burrow/settings.json');
    expect(settingsPath({ HOME: '/h' })).toBe('/h/.config/burrow/settings.json');
  });
});
