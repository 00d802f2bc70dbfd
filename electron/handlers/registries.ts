import type { Engine } from '../../core/engine-api.js';
import type * as contract from '../contract/registries.js';
import type { DomainHandlers } from './types.js';

export function registryHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'registries.list': () => e.registries.list(),
      'registries.login': (a) => e.registries.login(a),
      'registries.logout': (a) => e.registries.logout(a.registry),
    },
    topics: {},
    messages: {},
  };
}
