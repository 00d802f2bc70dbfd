// Hash routes, so the same build works from file:// in Electron and from the headless host.
import { useSyncExternalStore } from 'react';

export type Route =
  | { view: 'containers' }
  | { view: 'container'; id: string; tab: string }
  | { view: 'create'; image?: string; edit?: string; copy?: string }
  | { view: 'images' }
  | { view: 'image'; id: string; tab: string }
  | { view: 'secrets' }
  | { view: 'networks' }
  | { view: 'volumes' }
  | { view: 'pods' }
  | { view: 'system' }
  /** The notification centre and recent jobs; a notification or job to show first. */
  | { view: 'activity'; notification?: string; job?: string }
  | { view: 'settings' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const q = new URLSearchParams(query);
  switch (parts[0]) {
    case 'container':
      return parts[1]
        ? { view: 'container', id: parts[1], tab: parts[2] ?? 'summary' }
        : { view: 'containers' };
    case 'image':
      return parts[1] ? { view: 'image', id: parts[1], tab: parts[2] ?? 'tags' } : { view: 'images' };
    case 'create': {
      const image = q.get('image');
      const edit = q.get('edit');
      const copy = q.get('copy');
      return {
        view: 'create',
        ...(image ? { image } : {}),
        ...(edit ? { edit } : {}),
        ...(copy ? { copy } : {}),
      };
    }
    case 'images':
    case 'secrets':
    case 'networks':
    case 'volumes':
    case 'pods':
    case 'system':
    case 'settings':
      return { view: parts[0] };
    case 'activity': {
      const notification = q.get('notification');
      const job = q.get('job');
      return { view: 'activity', ...(notification ? { notification } : {}), ...(job ? { job } : {}) };
    }
    default:
      return { view: 'containers' };
  }
}

export function href(r: Route): string {
  switch (r.view) {
    case 'container':
      return `#/container/${encodeURIComponent(r.id)}/${r.tab}`;
    case 'image':
      return `#/image/${encodeURIComponent(r.id)}/${r.tab}`;
    case 'create': {
      const q = new URLSearchParams();
      if (r.image) q.set('image', r.image);
      if (r.edit) q.set('edit', r.edit);
      if (r.copy) q.set('copy', r.copy);
      return q.size ? `#/create?${q.toString()}` : '#/create';
    }
    case 'activity':
      return r.notification
        ? `#/activity?notification=${encodeURIComponent(r.notification)}`
        : r.job
          ? `#/activity?job=${encodeURIComponent(r.job)}`
          : '#/activity';
    default:
      return `#/${r.view}`;
  }
}

export function navigate(r: Route): void {
  window.location.hash = href(r);
}

const subscribe = (fn: () => void) => {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
