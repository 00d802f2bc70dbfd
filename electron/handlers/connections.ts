import type { ConnectionsService } from '../../core/engine-switch.js';
import { BurrowError } from '../../core/errors.js';
import type * as contract from '../contract/connections.js';
import type { DomainHandlers } from './types.js';

export function connectionHandlers(service: ConnectionsService | undefined): DomainHandlers<typeof contract> {
  const s = (): ConnectionsService => {
    if (!service)
      throw new BurrowError({
        code: 'unsupported_on_host',
        message: 'This Burrow was started without connection switching',
        hint: 'Start Burrow normally (npm start) to manage connections.',
      });
    return service;
  };
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
