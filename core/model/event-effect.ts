// What an engine event means for a list of containers: refresh one row, drop one row, rebuild the whole list
// (events were missed), or nothing for containers. One definition, used by the main-side live list and by the
// renderer's store, so both read the event stream the same way.
import type { EngineEvent } from './types.js';

export type EventEffect =
  | { kind: 'refresh'; id: string }
  | { kind: 'remove'; id: string }
  | { kind: 'reconcile' }
  | { kind: 'other'; resource: string }
  | { kind: 'none' };

export function effectOf(ev: EngineEvent): EventEffect {
  if (ev.kind === 'resync') return { kind: 'reconcile' };
  if (ev.kind === 'container') {
    if (ev.action === 'remove') return { kind: 'remove', id: ev.id };
    // exec/attach/health events do not change the list row
    if (/^(exec|exec_died|attach|health_status|checkpoint|sync|mount|unmount)$/.test(ev.action))
      return { kind: 'none' };
    return { kind: 'refresh', id: ev.id };
  }
  if (ev.kind === 'image' || ev.kind === 'network' || ev.kind === 'volume' || ev.kind === 'pod')
    return { kind: 'other', resource: ev.kind };
  return { kind: 'none' };
}
