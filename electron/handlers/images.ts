import type { Engine } from '../../core/engine-api.js';
import type * as contract from '../contract/images.js';
import type { DomainHandlers } from './types.js';

export function imageHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'images.list': () => e.images.list(),
      'images.inspect': (a) => e.images.inspect(a.name),
      'images.history': (a) => e.images.history(a.name),
      'images.exists': (a) => e.images.exists(a.name),
      'images.remove': (a) => e.images.remove(a.name, { force: a.force ?? false }),
      'images.tag': (a) => e.images.tag(a.name, a.repo, a.tag),
      'images.untag': (a) => e.images.untag(a.name, a.repo, a.tag),
      'images.prune': (a) => e.images.prune({ all: a?.all ?? false }),
    },
    topics: {
      pull: (a, signal) => e.images.pull(a.reference, { signal }),
      build: (a, signal) =>
        e.images.build({
          contextDir: a.contextDir,
          ...(a.containerfile ? { containerfile: a.containerfile } : {}),
          ...(a.tags ? { tags: a.tags } : {}),
          signal,
        }),
    },
    messages: {},
  };
}
