// The notification centre's state in the page: the last notifications (an update replaces its earlier version),
// the containers needing attention, recent jobs, and the settings (theme, whether to show desktop notifications).
// Fed by the `notifications` and `settings` topics; the page holds the `focus` topic while it has the focus, so
// the main process knows not to notify about jobs the user watched finish.
import { create } from 'zustand';
import type {
  BurrowNotification,
  JobRecord,
  NotificationFeed,
  Problem,
} from '../../../core/model/notifications.js';
import { applySettingsPatch, type Settings } from '../../../core/model/settings.js';
import type { ArgsOf } from '../../../electron/contract/index.js';
import { invoke, type Transport } from '../api/types.js';
import { runChannel } from '../data/queries.js';
import { applyTheme } from '../theme.js';
import { askOnFirstGesture, browserNotifications, WebNotifier } from './web-notifier.js';

const KEEP = 100;

export interface NotifyState {
  notifications: BurrowNotification[];
  problems: Problem[];
  jobs: JobRecord[];
  settings: Settings | undefined;
  /** New notifications since the centre was last looked at. */
  unread: number;
  /** Web Notifications permission in the headless host's page; 'electron' where the main process shows them. */
  permission: NotificationPermission | 'unsupported' | 'electron';
  markRead(): void;
}

export const useNotify = create<NotifyState>()((set) => ({
  notifications: [],
  problems: [],
  jobs: [],
  settings: undefined,
  unread: 0,
  permission: 'unsupported',
  markRead: () => set({ unread: 0 }),
}));

function upsert<T extends { id: string }>(list: T[], item: T): { list: T[]; added: boolean } {
  const i = list.findIndex((x) => x.id === item.id);
  if (i < 0) return { list: [item, ...list].slice(0, KEEP), added: true };
  const next = [...list];
  next[i] = item;
  return { list: next, added: false };
}

export function applyFeed(f: NotificationFeed): void {
  if (f.kind === 'notification') {
    useNotify.setState((s) => {
      const { list, added } = upsert(s.notifications, f.notification);
      return { notifications: list, unread: s.unread + (added ? 1 : 0) };
    });
  } else if (f.kind === 'problems') useNotify.setState({ problems: f.problems });
  else if (f.kind === 'job') useNotify.setState((s) => ({ jobs: upsert(s.jobs, f.job).list }));
}

export type SettingsChange = ArgsOf<'settings.update'>;

/**
 * Change settings: shown at once (the checkbox follows the click), saved by the main process, which sends the
 * result to every window; a refused change (the toast says why) goes back.
 */
export async function saveSettings(patch: SettingsChange): Promise<boolean> {
  const before = useNotify.getState().settings;
  if (before) {
    const next = applySettingsPatch(before, patch);
    useNotify.setState({ settings: next });
    if (patch.theme) applyTheme(next.theme);
  }
  const ok = await runChannel('settings.update', patch);
  if (!ok && before && useNotify.getState().settings !== before) {
    useNotify.setState({ settings: before });
    applyTheme(before.theme);
  }
  return ok;
}

let notifier: WebNotifier | undefined;

/** The page's Web Notifications (headless host); undefined in the Electron window. */
export function webNotifier(): WebNotifier | undefined {
  return notifier;
}

function subscribeAgain(subscribe: (onEnd: () => void) => () => void): () => void {
  let off = () => undefined as void;
  let stopped = false;
  const start = () => {
    off = subscribe(() => {
      // The host went away (restart): subscribe again; the first answers bring the state back.
      if (!stopped) setTimeout(start, 500);
    });
  };
  start();
  return () => {
    stopped = true;
    off();
  };
}

/** Wire the page to the notification service: the centre, desktop delivery, the focus, the theme. */
export function connectNotifications(transport: Transport, w: Window = window): () => void {
  const offs: (() => void)[] = [];
  const web = transport.kind === 'websocket';
  const desktopOn = () => {
    const n = useNotify.getState().settings?.notifications;
    return n ? n.enabled && n.desktop : false;
  };
  notifier = web
    ? new WebNotifier(browserNotifications(w), {
        enabled: desktopOn,
        open: (link) => (w.location.hash = link),
        focus: () => w.focus(),
      })
    : undefined;
  useNotify.setState({ permission: notifier ? notifier.permission : 'electron' });
  const refreshPermission = () => notifier && useNotify.setState({ permission: notifier.permission });

  offs.push(
    subscribeAgain((onEnd) =>
      transport.subscribe(
        'settings',
        {},
        (s) => {
          useNotify.setState({ settings: s });
          applyTheme(s.theme);
        },
        onEnd,
      ),
    ),
  );
  offs.push(
    subscribeAgain((onEnd) =>
      transport.subscribe(
        'notifications',
        {},
        (f) => {
          if (f.kind === 'open') {
            w.location.hash = f.link;
            return;
          }
          applyFeed(f);
          if (f.kind === 'notification') notifier?.deliver(f.notification);
        },
        onEnd,
      ),
    ),
  );
  // What happened before this page opened.
  void invoke(transport, 'notifications.list', {})
    .then((c) =>
      useNotify.setState((s) => {
        const seen = new Set(s.notifications.map((n) => n.id));
        const jobIds = new Set(s.jobs.map((j) => j.id));
        return {
          notifications: [...s.notifications, ...c.notifications.filter((n) => !seen.has(n.id))].slice(
            0,
            KEEP,
          ),
          jobs: [...s.jobs, ...c.jobs.filter((j) => !jobIds.has(j.id))],
        };
      }),
    )
    .catch(() => undefined);
  if (notifier) offs.push(askOnFirstGesture(notifier, w.localStorage, w, refreshPermission));
  offs.push(trackFocus(transport, w));
  return () => offs.forEach((f) => f());
}

/** Hold the `focus` topic while this window has the focus (and again after a reconnect). */
export function trackFocus(transport: Transport, w: Window = window): () => void {
  let release: (() => void) | undefined;
  const hold = () => {
    if (release) return;
    release = transport.subscribe(
      'focus',
      {},
      () => undefined,
      () => {
        release = undefined;
      },
    );
  };
  const drop = () => {
    release?.();
    release = undefined;
  };
  if (w.document.hasFocus()) hold();
  w.addEventListener('focus', hold);
  w.addEventListener('blur', drop);
  const offConnection = transport.onConnection((up) => {
    if (up && w.document.hasFocus()) hold();
  });
  return () => {
    w.removeEventListener('focus', hold);
    w.removeEventListener('blur', drop);
    offConnection();
    drop();
  };
}
