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
    // exec/attach events do not change the list row. health_status does: the row shows the verdict. (Podman 5
    // sends it with the new verdict stored; Podman 4.3 sends it as the check starts, so a row refreshed then shows
    // the previous verdict until the next event — Burrow's own "Run check now" re-reads the row when it returns.)
    if (/^(exec|exec_died|attach|checkpoint|sync|mount|unmount)$/.test(ev.action)) return { kind: 'none' };
    return { kind: 'refresh', id: ev.id };
  }
  if (ev.kind === 'image' || ev.kind === 'network' || ev.kind === 'volume' || ev.kind === 'pod')
    return { kind: 'other', resource: ev.kind };
  return { kind: 'none' };
}
