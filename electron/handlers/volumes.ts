import type { Engine } from '../../core/engine-api.js';
import type * as contract from '../contract/volumes.js';
import type { DomainHandlers } from './types.js';

export function volumeHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'volumes.list': () => e.volumes.list(),
      'volumes.inspect': (a) => e.volumes.inspect(a.name),
      'volumes.create': (a) => e.volumes.create(a),
      'volumes.remove': (a) => e.volumes.remove(a.name, { force: a.force ?? false }),
      'volumes.prune': () => e.volumes.prune(),
    },
    topics: {
      'volumes.export': (a, signal) =>
        e.volumes.export(a.name, a.path, { overwrite: a.overwrite ?? false, signal }),
      'volumes.import': (a, signal) => e.volumes.import(a.name, a.path, { signal }),
    },
    messages: {},
  };
}
