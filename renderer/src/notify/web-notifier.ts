// Notifications on the desktop from the headless host's page: the browser's Web Notifications. (The Electron
// window leaves this to the main process, which shows its own.) The page asks for permission once — on the first
// click or key press after it loads, since browsers ignore a request nobody asked for — and remembers having asked.
import type { BurrowNotification } from '../../../core/model/notifications.js';

export interface ShownNotification {
  addEventListener(type: 'click', listener: () => void): void;
  close(): void;
}

/** The slice of the browser's Notification API used here (injected in tests). */
export interface WebNotificationApi {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  create(title: string, options: NotificationOptions): ShownNotification;
}

export function browserNotifications(w: Window = window): WebNotificationApi | undefined {
  // Missing outside a secure context (a host bound to a LAN address over plain HTTP) and in some browsers.
  const N = (w as Window & { Notification?: typeof Notification }).Notification;
  if (!N) return undefined;
  return {
    get permission() {
      return N.permission;
    },
    requestPermission: () => N.requestPermission(),
    create: (title, options) => new N(title, options),
  };
}

export const ASKED_KEY = 'burrow.notifications.asked';

export class WebNotifier {
  constructor(
    private readonly api: WebNotificationApi | undefined,
    private readonly opts: { enabled(): boolean; open(link: string): void; focus?(): void },
  ) {}

  get permission(): NotificationPermission | 'unsupported' {
    return this.api?.permission ?? 'unsupported';
  }

  /** Show it if the user allowed it; an update (same id) replaces the one on screen (same tag). */
  deliver(n: BurrowNotification): boolean {
    if (!this.api || this.api.permission !== 'granted' || !this.opts.enabled()) return false;
    const shown = this.api.create(n.title, { body: n.body, tag: n.id, icon: './favicon.svg' });
    shown.addEventListener('click', () => {
      this.opts.focus?.();
      this.opts.open(n.link);
      shown.close();
    });
    return true;
  }

  /** Ask for permission unless the browser already has an answer or this page asked before. */
  async askOnce(storage: Storage): Promise<NotificationPermission | 'unsupported'> {
    if (!this.api || this.api.permission !== 'default' || !this.opts.enabled()) return this.permission;
    if (storage.getItem(ASKED_KEY)) return this.permission;
    storage.setItem(ASKED_KEY, '1');
    return this.api.requestPermission();
  }

  /** Ask now, because the user pressed "Allow" (a gesture, and asking again is what they want). */
  async ask(): Promise<NotificationPermission | 'unsupported'> {
    if (!this.api) return 'unsupported';
    return this.api.requestPermission();
  }
}

/** Ask once, on the first gesture of this page (browsers need one). Returns a disposer. */
export function askOnFirstGesture(
  notifier: WebNotifier,
  storage: Storage,
  target: EventTarget = window,
  then?: () => void,
): () => void {
  const once = () => {
    off();
    void notifier.askOnce(storage).then(() => then?.());
  };
  const off = () => {
    target.removeEventListener('pointerdown', once);
    target.removeEventListener('keydown', once);
  };
  target.addEventListener('pointerdown', once);
  target.addEventListener('keydown', once);
  return off;
}
