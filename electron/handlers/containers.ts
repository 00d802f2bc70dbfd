import type { Engine } from '../../core/engine-api.js';
import { editSpec } from '../../core/insight/edit-spec.js';
import { prunePlan } from '../../core/insight/prune-plan.js';
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
      'containers.healthcheck': (a) => e.containers.healthcheck(a.id),
      'containers.commit': ({ id, repo, tag, author, message, pause }) =>
        e.containers.commit(id, {
          repo,
          ...(tag !== undefined ? { tag } : {}),
          ...(author !== undefined ? { author } : {}),
          ...(message !== undefined ? { message } : {}),
          ...(pause !== undefined ? { pause } : {}),
        }),
      'containers.editSpec': (a) => editSpec(e, a.id, a.mode ?? 'replace'),
      'containers.recreate': (a) => e.containers.recreate(a.id, a.spec, { mode: a.mode }),
      'containers.prunePlan': () => prunePlan(e, { scope: 'containers' }),
      'containers.files.list': (a) => e.containers.files.list(a.id, a.path),
      'containers.files.read': (a) =>
        e.containers.files.read(a.id, a.path, a.maxBytes !== undefined ? { maxBytes: a.maxBytes } : {}),
      'containers.files.copyIn': (a) => e.containers.files.copyIn(a.id, a.hostPath, a.containerPath),
      'containers.files.copyOut': (a) => e.containers.files.copyOut(a.id, a.containerPath, a.hostPath),
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
