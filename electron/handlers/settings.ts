import type { ConnectionsService } from '../../core/engine-switch.js';
import { BurrowError } from '../../core/errors.js';
import type { Settings } from '../../core/model/settings.js';
import type { SettingsStore } from '../../core/settings/store.js';
import { Feed } from '../../core/streams/feed.js';
import type * as contract from '../contract/settings.js';
import { required, type DomainHandlers } from './types.js';

export function settingsHandlers(
  store: SettingsStore | undefined,
  connections: ConnectionsService | undefined,
): DomainHandlers<typeof contract> {
  const s = required(store, 'settings');
  return {
    calls: {
      'settings.get': async () => ({ settings: s().get(), problems: s().problems }),
      'settings.update': async (a) => {
        // A start connection must be one Burrow can start with (the schema only checks it is a name).
        if (a.startConnection !== undefined && connections) {
          const names = (await connections.list()).connections.map((c) => c.name);
          if (!names.includes(a.startConnection))
            throw new BurrowError({
              code: 'not_found',
              field: 'startConnection',
              message: `startConnection: no connection named "${a.startConnection}"`,
              hint: `Pick one of: ${names.join(', ')}.`,
            });
        }
        return s().update(a);
      },
    },
    topics: {
      settings: (_a, signal) => changes(s(), signal),
    },
    messages: {},
  };
}

/** The settings now, then after every change, until the subscription ends. */
async function* changes(store: SettingsStore, signal: AbortSignal): AsyncGenerator<Settings> {
  const feed = new Feed<Settings>();
  const off = store.onChange((next) => feed.publish(next));
  try {
    yield* feed.stream(signal, [store.get()]);
  } finally {
    off();
  }
}
