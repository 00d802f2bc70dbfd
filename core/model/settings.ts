// Burrow's settings: their shape and defaults, shared by the main process (which persists them,
// core/settings/) and the renderer (the Settings view, the theme). Node-free and zod-free: the schema that
// validates updates lives in core/settings/schema.ts.

export type ThemeSetting = 'system' | 'light' | 'dark';

/** Per container (by name, which survives re-creation): always notify, or never. */
export type ContainerWatch = 'watch' | 'mute';

export interface NotificationSettings {
  /** Master switch: off means no notifications at all (jobs are still listed in the centre). */
  enabled: boolean;
  /** Show them on the desktop (Electron's notifications, the browser's in the headless host), not only in the centre. */
  desktop: boolean;
  exitNonZero: boolean;
  oomKilled: boolean;
  unhealthy: boolean;
  crashLoop: boolean;
  /** A long job (pull, build, push…) finished while no Burrow window had the focus. */
  jobs: boolean;
  /** A crash loop is more than this many restarts… */
  crashLoopRestarts: number;
  /** …within this many minutes. */
  crashLoopMinutes: number;
  /** Which containers notify: every one, or only those marked "watch". Muted ones never do. */
  scope: 'all' | 'watched';
  containers: Record<string, ContainerWatch>;
}

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Settings {
  /** Closing the window keeps Burrow in the tray (where the desktop has one). */
  closeToTray: boolean;
  theme: ThemeSetting;
  notifications: NotificationSettings;
  /** What the create form starts with. */
  defaults: {
    /** A podman --userns value: "" (host), "keep-id", "keep-id:uid=1000,gid=1000", "nomap", "auto". */
    userns: string;
    /** Seconds Podman waits after the stop signal before it kills a new container; absent: Podman's own default. */
    stopTimeoutSeconds?: number;
  };
  /** The connection Burrow starts with: "local" (discovery), a saved one, or podman:NAME. */
  startConnection: string;
  /** Where the window was (Electron only; written as it moves, debounced). */
  window?: { bounds?: WindowBounds; maximized?: boolean };
}

/** What `settings.get` answers: the settings, and what was wrong in their file when it was read. */
export interface SettingsState {
  settings: Settings;
  problems: string[];
}

/** Whether closing the window can keep Burrow in a tray on this desktop (Electron only). */
export interface TraySupport {
  available: boolean;
  /** Why not, in words for the Settings view. */
  reason?: string;
}

export const DEFAULT_SETTINGS: Settings = {
  closeToTray: true,
  theme: 'system',
  notifications: {
    enabled: true,
    desktop: true,
    exitNonZero: true,
    oomKilled: true,
    unhealthy: true,
    crashLoop: true,
    jobs: true,
    crashLoopRestarts: 3,
    crashLoopMinutes: 5,
    scope: 'all',
    containers: {},
  },
  defaults: { userns: '' },
  startConnection: 'local',
};

type Patch<T> = {
  [K in keyof T]?:
    | undefined
    | (undefined extends T[K] ? null : never)
    | (T[K] extends Record<string, ContainerWatch>
        ? Record<string, ContainerWatch | null>
        : T[K] extends WindowBounds | undefined
          ? T[K]
          : T[K] extends object | undefined
            ? Patch<NonNullable<T[K]>>
            : T[K]);
};

/** A partial update: nested objects merge; null takes an optional setting (or a container's mark) back out. */
export type SettingsPatch = Patch<Settings>;

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else if (isPlain(v) && isPlain(out[k])) out[k] = merge(out[k], v);
    else out[k] = v;
  }
  return out;
}

/** `patch` applied over `base` (neither is changed). */
export function applySettingsPatch(base: Settings, patch: SettingsPatch): Settings {
  return merge(
    base as unknown as Record<string, unknown>,
    patch as Record<string, unknown>,
  ) as unknown as Settings;
}

/** How a container's notifications are set: its own mark, or what the scope gives it. */
export function watchOf(n: NotificationSettings, name: string): ContainerWatch | 'default' {
  return n.containers[name] ?? 'default';
}

/** Whether problems of the container called `name` reach the user. */
export function isWatched(n: NotificationSettings, name: string): boolean {
  const mark = n.containers[name];
  if (mark === 'mute') return false;
  if (mark === 'watch') return true;
  return n.scope === 'all';
}
