import type { Engine } from '../../core/engine-api.js';
import type * as contract from '../contract/secrets.js';
import type { DomainHandlers } from './types.js';

export function secretHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'secrets.list': () => e.secrets.list(),
      'secrets.inspect': (a) => e.secrets.inspect(a.name),
      'secrets.create': (a) => e.secrets.create(a),
      'secrets.remove': (a) => e.secrets.remove(a.name),
    },
    topics: {},
    messages: {},
  };
}
