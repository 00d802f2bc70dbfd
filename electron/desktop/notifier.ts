// Burrow's notifications on the desktop (Electron's Notification, which is libnotify on Linux), kept free of
// Electron so it is tested under Node: main.ts passes the constructor. An update of a notification (a storm's
// summary growing) replaces it rather than adding one; clicking one shows the window at what it is about.
import type { BurrowNotification } from '../../core/model/notifications.js';

export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface DesktopNotificationOptions {
  title: string;
  body: string;
  icon?: string;
  urgency: 'low' | 'normal' | 'critical';
}

export interface DesktopNotifierOptions {
  create(o: DesktopNotificationOptions): NotificationLike;
  /** Whether this desktop shows notifications at all (Electron's Notification.isSupported()). */
  supported(): boolean;
  /** The user's settings: notifications on, and on the desktop. */
  enabled(): boolean;
  onClick(link: string): void;
  icon?: string;
  /** Notifications kept (and so clickable); Electron forgets the click handler of one it garbage-collects. */
  keep?: number;
}

export class DesktopNotifier {
  private readonly live = new Map<string, NotificationLike>();

  constructor(private readonly opts: DesktopNotifierOptions) {}

  /** How many are on screen (for tests and the log). */
  get size(): number {
    return this.live.size;
  }

  show(n: BurrowNotification): boolean {
    if (!this.opts.enabled() || !this.opts.supported()) return false;
    this.live.get(n.id)?.close();
    this.live.delete(n.id);
    const shown = this.opts.create({
      title: n.title,
      body: n.body,
      ...(this.opts.icon ? { icon: this.opts.icon } : {}),
      urgency: n.severity === 'info' ? 'low' : 'normal',
    });
    shown.on('click', () => this.opts.onClick(n.link));
    shown.on('close', () => {
      if (this.live.get(n.id) === shown) this.live.delete(n.id);
    });
    this.live.set(n.id, shown);
    const keep = this.opts.keep ?? 20;
    for (const [id, old] of this.live) {
      if (this.live.size <= keep) break;
      this.live.delete(id);
      old.close();
    }
    shown.show();
    return true;
  }

  dispose(): void {
    for (const n of this.live.values()) n.close();
    this.live.clear();
  }
}
