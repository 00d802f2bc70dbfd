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
      'images.search': (a) =>
        e.images.search(a.term, {
          ...(a.limit !== undefined ? { limit: a.limit } : {}),
          ...(a.listTags ? { listTags: true } : {}),
        }),
    },
    topics: {
      'images.pull': (a, signal) => e.images.pull(a.reference, { signal }),
      'images.push': (a, signal) => e.images.push(a.image, a.destination, { signal }),
      'images.save': (a, signal) =>
        e.images.save(a.images, a.path, {
          ...(a.format ? { format: a.format } : {}),
          overwrite: a.overwrite ?? false,
          signal,
        }),
      'images.load': (a, signal) => e.images.load(a.path, { signal }),
      'images.build': (a, signal) =>
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
