import type { ConnectionsService } from '../../core/engine-switch.js';
import type * as contract from '../contract/connections.js';
import { required, type DomainHandlers } from './types.js';

export function connectionHandlers(service: ConnectionsService | undefined): DomainHandlers<typeof contract> {
  const s = required(service, 'connection switching');
  return {
    calls: {
      'connections.list': async () => s().list(),
      'connections.add': (a) =>
        s().add({ name: a.name, uri: a.uri, ...(a.identity ? { identity: a.identity } : {}) }),
      'connections.remove': (a) => s().remove(a.name),
      'connections.use': (a) => s().use(a.name),
    },
    topics: {},
    messages: {},
  };
}
