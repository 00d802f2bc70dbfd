// What the Linux desktop gives Burrow, decided without Electron so it is tested under Node: Chromium switches for
// a native Wayland window, and whether closing the window to the tray is possible here at all.
import { execFile } from 'node:child_process';
import type { TraySupport } from '../../core/model/settings.js';

export type { TraySupport };

export type Switch = [name: string, value?: string];

/**
 * Native Wayland where the session has it (Chromium picks Wayland or X11 itself with the `auto` hint), with
 * window decorations drawn by the client, which GNOME's Wayland compositor does not draw for others. Whatever the
 * user asked for on the command line or in ELECTRON_OZONE_PLATFORM_HINT wins.
 */
export function chromiumSwitches(
  argv: string[],
  env: NodeJS.ProcessEnv,
  platform = process.platform,
): Switch[] {
  if (platform !== 'linux') return [];
  const given = (name: string) => argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const out: Switch[] = [];
  if (!given('ozone-platform') && !given('ozone-platform-hint') && !env.ELECTRON_OZONE_PLATFORM_HINT)
    out.push(['ozone-platform-hint', 'auto']);
  const wayland = env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
  if (wayland && !given('enable-features')) out.push(['enable-features', 'WaylandWindowDecorations']);
  return out;
}

const GNOME_HINT =
  'GNOME shows no tray icons without the AppIndicator extension (package gnome-shell-extension-appindicator, then enable “AppIndicator and KStatusNotifierItem Support”).';

/**
 * Electron's Linux tray is a StatusNotifierItem, shown only where something owns org.kde.StatusNotifierWatcher
 * on the session bus (KDE, Xfce, Cinnamon, GNOME with the AppIndicator extension); without one it falls back to
 * an XEmbed icon, which only some X11 panels show and no Wayland session does. `watcher` is what the bus said
 * (undefined: it could not be asked).
 */
export function traySupport(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  watcher: boolean | undefined,
): TraySupport {
  if (platform !== 'linux' || watcher === true) return { available: true };
  const desktop = (env.XDG_CURRENT_DESKTOP ?? '').toLowerCase();
  const wayland = env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
  const gnome = desktop.split(':').some((d) => d === 'gnome' || d === 'ubuntu' || d === 'pop');
  if (watcher === undefined && !gnome) return { available: true };
  if (gnome)
    return {
      available: false,
      reason: `This desktop has no tray for Burrow's icon: ${GNOME_HINT} Until then, closing the window quits Burrow.`,
    };
  if (wayland)
    return {
      available: false,
      reason:
        'This Wayland session has no tray (nothing provides StatusNotifierWatcher on the session bus), so closing the window quits Burrow. Desktops with a tray: KDE Plasma, Xfce, Cinnamon, GNOME with the AppIndicator extension.',
    };
  // X11 without a watcher: an XEmbed panel may still show the icon; nothing tells us it does not.
  return { available: true };
}

/** `gdbus call … NameHasOwner` prints "(true,)"; `dbus-send --print-reply` prints "   boolean true". */
export function parseNameHasOwner(output: string): boolean | undefined {
  if (/\(true,\)|boolean true/.test(output)) return true;
  if (/\(false,\)|boolean false/.test(output)) return false;
  return undefined;
}

export type Exec = (file: string, args: string[]) => Promise<string>;

const execText: Exec = (file, args) =>
  new Promise((resolve, reject) =>
    execFile(file, args, { timeout: 2000 }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
  );

/** Whether a StatusNotifierWatcher is on the session bus; undefined where neither tool or no bus answers. */
export async function probeStatusNotifierWatcher(exec: Exec = execText): Promise<boolean | undefined> {
  const name = 'org.kde.StatusNotifierWatcher';
  const tries: [string, string[]][] = [
    [
      'gdbus',
      [
        'call',
        '--session',
        '--dest',
        'org.freedesktop.DBus',
        '--object-path',
        '/org/freedesktop/DBus',
        '--method',
        'org.freedesktop.DBus.NameHasOwner',
        name,
      ],
    ],
    [
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        `string:${name}`,
      ],
    ],
  ];
  for (const [file, args] of tries) {
    try {
      const answer = parseNameHasOwner(await exec(file, args));
      if (answer !== undefined) return answer;
    } catch {
      // the tool is missing or there is no session bus: try the next, then say we do not know
    }
  }
  return undefined;
}

/** The part of Electron's `app` that one-instance-at-a-time needs. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/**
 * One Burrow per user session: a second start (the launcher clicked again) hands over to the first, which shows
 * and focuses its window; the second quits. Returns whether this process is the one that runs.
 */
export function claimSingleInstance(app: SingleInstanceApp, show: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', show);
  return true;
}
