import type { Engine } from '../../core/engine-api.js';
import type * as contract from '../contract/networks.js';
import type { DomainHandlers } from './types.js';

export function networkHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'networks.list': () => e.networks.list(),
      'networks.inspect': (a) => e.networks.inspect(a.name),
      'networks.create': (a) => e.networks.create(a),
      'networks.remove': (a) => e.networks.remove(a.name, { force: a.force ?? false }),
      'networks.connect': (a) => e.networks.connect(a.name, a.container),
      'networks.disconnect': (a) => e.networks.disconnect(a.name, a.container),
      'networks.prune': () => e.networks.prune(),
    },
    topics: {},
    messages: {},
  };
}
