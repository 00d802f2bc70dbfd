// Linux desktop decisions: Wayland switches, whether there is a tray to close to, and asking the session bus.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chromiumSwitches,
  claimSingleInstance,
  parseNameHasOwner,
  probeStatusNotifierWatcher,
  traySupport,
  type SingleInstanceApp,
} from './linux.js';

describe('chromiumSwitches', () => {
  it.each<[string, string[], NodeJS.ProcessEnv, string[]]>([
    ['X11 session: the auto hint only', [], { XDG_SESSION_TYPE: 'x11' }, ['ozone-platform-hint=auto']],
    [
      'Wayland session: native Wayland with client-side decorations',
      [],
      { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' },
      ['ozone-platform-hint=auto', 'enable-features=WaylandWindowDecorations'],
    ],
    [
      'the user chose a platform',
      ['--ozone-platform=x11'],
      { WAYLAND_DISPLAY: 'w' },
      ['enable-features=WaylandWindowDecorations'],
    ],
    ['the user chose a hint', ['--ozone-platform-hint', 'wayland'], {}, []],
    ['the environment chose a hint', [], { ELECTRON_OZONE_PLATFORM_HINT: 'x11' }, []],
    [
      'the user set features',
      ['--enable-features=Foo'],
      { WAYLAND_DISPLAY: 'w' },
      ['ozone-platform-hint=auto'],
    ],
  ])('%s', (_what, argv, env, expected) => {
    expect(chromiumSwitches(argv, env, 'linux').map(([n, v]) => `${n}=${v}`)).toEqual(expected);
  });

  it('changes nothing off Linux', () => {
    expect(chromiumSwitches([], { WAYLAND_DISPLAY: 'w' }, 'darwin')).toEqual([]);
  });
});

describe('traySupport', () => {
  it.each<[string, NodeJS.Platform, NodeJS.ProcessEnv, boolean | undefined, boolean, RegExp?]>([
    [
      'KDE, Xfce, GNOME with AppIndicator: a watcher answers',
      'linux',
      { XDG_CURRENT_DESKTOP: 'GNOME' },
      true,
      true,
    ],
    [
      'GNOME without AppIndicator',
      'linux',
      { XDG_CURRENT_DESKTOP: 'GNOME', XDG_SESSION_TYPE: 'wayland' },
      false,
      false,
      /AppIndicator extension/,
    ],
    [
      'Ubuntu’s GNOME (ubuntu:GNOME)',
      'linux',
      { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' },
      false,
      false,
      /gnome-shell-extension-appindicator/,
    ],
    [
      'a GNOME whose bus could not be asked',
      'linux',
      { XDG_CURRENT_DESKTOP: 'GNOME' },
      undefined,
      false,
      /closing the window quits/,
    ],
    [
      'another Wayland desktop without a watcher',
      'linux',
      { XDG_CURRENT_DESKTOP: 'sway', XDG_SESSION_TYPE: 'wayland' },
      false,
      false,
      /no tray/,
    ],
    [
      'an X11 panel without a watcher may show an XEmbed icon',
      'linux',
      { XDG_CURRENT_DESKTOP: 'i3', XDG_SESSION_TYPE: 'x11' },
      false,
      true,
    ],
    ['unknown desktop, bus not asked', 'linux', {}, undefined, true],
    ['macOS and Windows always have one', 'darwin', { XDG_CURRENT_DESKTOP: 'GNOME' }, false, true],
  ])('%s', (_what, platform, env, watcher, available, reason) => {
    const t = traySupport(platform, env, watcher);
    expect(t.available).toBe(available);
    if (reason) expect(t.reason).toMatch(reason);
    else expect(t.reason).toBeUndefined();
  });
});

describe('asking the session bus for a StatusNotifierWatcher', () => {
  it.each<[string, boolean | undefined]>([
    ['(true,)\n', true],
    ['(false,)\n', false],
    ['method return time=1 sender=org.freedesktop.DBus\n   boolean true\n', true],
    ['method return time=1\n   boolean false\n', false],
    ['Error: no bus', undefined],
  ])('reads %j', (out, expected) => {
    expect(parseNameHasOwner(out)).toBe(expected);
  });

  it('falls back from gdbus to dbus-send, and says it does not know when neither answers', async () => {
    const asked: string[] = [];
    const fail = async (file: string) => {
      asked.push(file);
      throw new Error('ENOENT');
    };
    expect(await probeStatusNotifierWatcher(fail)).toBeUndefined();
    expect(asked).toEqual(['gdbus', 'dbus-send']);
    const sendOnly = async (file: string) => {
      if (file === 'gdbus') throw new Error('ENOENT');
      return '   boolean true';
    };
    expect(await probeStatusNotifierWatcher(sendOnly)).toBe(true);
  });

  it.runIf(existsSync('/usr/bin/dbus-daemon'))('a real session bus with no tray says false', async () => {
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        bus.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
        bus.once('exit', (c) => reject(new Error(`dbus-daemon exited with ${c}`)));
      });
      const onBus = (file: string, args: string[]) =>
        new Promise<string>((resolve, reject) =>
          execFile(
            file,
            args,
            { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: address }, timeout: 5000 },
            (e, out) => (e ? reject(e) : resolve(out)),
          ),
        );
      expect(await probeStatusNotifierWatcher(onBus)).toBe(false);
    } finally {
      bus.kill();
    }
  });
});

describe('claimSingleInstance', () => {
  /** Electron's lock as its documentation gives it: the first holder is told of every later start. */
  function session() {
    let holder: { secondInstance: (() => void)[] } | undefined;
    return () => {
      const self = { secondInstance: [] as (() => void)[], quits: 0 };
      const app: SingleInstanceApp = {
        requestSingleInstanceLock() {
          if (!holder) {
            holder = self;
            return true;
          }
          for (const l of holder.secondInstance) l();
          return false;
        },
        quit: () => void self.quits++,
        on: (_event, listener) => self.secondInstance.push(listener),
      };
      return { app, self };
    };
  }

  it('the first start runs; a second quits and the first shows its window', () => {
    const start = session();
    const first = start();
    const shown: string[] = [];
    expect(claimSingleInstance(first.app, () => shown.push('first'))).toBe(true);
    expect(shown).toEqual([]);
    const second = start();
    expect(claimSingleInstance(second.app, () => shown.push('second'))).toBe(false);
    expect(second.self.quits).toBe(1);
    expect(first.self.quits).toBe(0);
    expect(shown).toEqual(['first']);
  });
});
