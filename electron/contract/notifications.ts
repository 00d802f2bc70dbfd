import type { NotificationCentre, NotificationFeed } from '../../core/model/notifications.js';
import { ch, none } from './define.js';

export const channels = {
  'notifications.list': ch<NotificationCentre>()(none),
  'notifications.clear': ch<void>()(none),
} as const;

export const topics = {
  /** The current problems, then notifications, problem changes, jobs, and "open this" from a desktop click. */
  notifications: ch<NotificationFeed>()(none),
  /** Held open while a window or page has the focus; carries nothing. Jobs ending then are not notified. */
  focus: ch<never>()(none),
} as const;

export const messages = {} as const;
