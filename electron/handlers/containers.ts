import type { Engine } from '../../core/engine-api.js';
import type * as contract from '../contract/containers.js';
import type { DomainHandlers } from './types.js';

export function containerHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'containers.list': async (a) =>
        e.containers.list({ all: a?.all ?? true, ...(a?.filters ? { filters: a.filters } : {}) }),
      'containers.inspect': (a) => e.containers.inspect(a.id),
      'containers.create': (a) => e.containers.create(a),
      'containers.start': (a) => e.containers.start(a.id),
      'containers.stop': (a) =>
        e.containers.stop(a.id, a.timeoutSeconds !== undefined ? { timeoutSeconds: a.timeoutSeconds } : {}),
      'containers.restart': (a) => e.containers.restart(a.id),
      'containers.kill': (a) => e.containers.kill(a.id, a.signal),
      'containers.pause': (a) => e.containers.pause(a.id),
      'containers.unpause': (a) => e.containers.unpause(a.id),
      'containers.remove': (a) =>
        e.containers.remove(a.id, { force: a.force ?? false, volumes: a.volumes ?? false }),
      'containers.rename': (a) => e.containers.rename(a.id, a.name),
      'containers.top': (a) => e.containers.top(a.id),
      'containers.prune': () => e.containers.prune(),
      'containers.exec': (a) =>
        e.containers.exec(a.id, a.cmd, {
          ...(a.user ? { user: a.user } : {}),
          ...(a.workdir ? { workdir: a.workdir } : {}),
        }),
      'containers.statsOnce': (a) => e.containers.statsOnce(a?.ids),
    },
    topics: {
      logs: (a, signal) =>
        e.containers.logs(a.id, {
          follow: a.follow ?? false,
          ...(a.tail !== undefined ? { tail: a.tail } : {}),
          timestamps: a.timestamps ?? false,
          signal,
        }),
      stats: (a, signal) => e.containers.stats(a.id, { stream: true, signal }),
    },
    messages: {},
  };
}
