// Hash routes, so the same build works from file:// in Electron and from the headless host.
import { useSyncExternalStore } from 'react';

export type Route =
  | { view: 'containers' }
  | { view: 'container'; id: string; tab: string }
  | { view: 'create'; image?: string; edit?: string; copy?: string }
  | { view: 'images' }
  | { view: 'networks' }
  | { view: 'volumes' }
  | { view: 'pods' }
  | { view: 'system' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const q = new URLSearchParams(query);
  switch (parts[0]) {
    case 'container':
      return parts[1]
        ? { view: 'container', id: parts[1], tab: parts[2] ?? 'summary' }
        : { view: 'containers' };
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
    case 'networks':
    case 'volumes':
    case 'pods':
    case 'system':
      return { view: parts[0] };
    default:
      return { view: 'containers' };
  }
}

export function href(r: Route): string {
  switch (r.view) {
    case 'container':
      return `#/container/${encodeURIComponent(r.id)}/${r.tab}`;
    case 'create': {
      const q = new URLSearchParams();
      if (r.image) q.set('image', r.image);
      if (r.edit) q.set('edit', r.edit);
      if (r.copy) q.set('copy', r.copy);
      return q.size ? `#/create?${q.toString()}` : '#/create';
    }
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
