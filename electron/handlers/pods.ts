import type { Engine } from '../../core/engine-api.js';
import type * as contract from '../contract/pods.js';
import type { DomainHandlers } from './types.js';

export function podHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'pods.list': () => e.pods.list(),
      'pods.create': (a) => e.pods.create(a),
      'pods.start': (a) => e.pods.start(a.name),
      'pods.stop': (a) => e.pods.stop(a.name),
      'pods.remove': (a) => e.pods.remove(a.name, { force: a.force ?? false }),
    },
    topics: {},
    messages: {},
  };
}
