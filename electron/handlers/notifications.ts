import type { NotificationService } from '../../core/notify/service.js';
import type * as contract from '../contract/notifications.js';
import { required, type DomainHandlers } from './types.js';

export function notificationHandlers(
  service: NotificationService | undefined,
): DomainHandlers<typeof contract> {
  const n = required(service, 'notifications');
  return {
    calls: {
      'notifications.list': async () => ({
        notifications: n().recent(),
        problems: n().problems(),
        jobs: n().jobs(),
      }),
      'notifications.clear': async () => n().clear(),
    },
    topics: {
      notifications: (_a, signal) => n().stream(signal),
      focus: (_a, signal) => focusHeld(n(), signal),
    },
    messages: {},
  };
}

/** Focus is presence: the window or page holds this open while it has the focus (and a closed peer ends it). */
async function* focusHeld(service: NotificationService, signal: AbortSignal): AsyncGenerator<never> {
  const release = service.focus();
  try {
    if (!signal.aborted)
      await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
  } finally {
    release();
  }
  yield* []; // carries nothing: it only ends
}
