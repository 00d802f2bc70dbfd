// The tray menu as a pure function of engine state, so it is tested without Electron: the containers that need
// attention (each opens its page), running containers with Stop, stopped ones with Start (the first N, the rest
// under "More…"), Show Burrow, Quit. The icon says whether the engine is reachable and whether anything needs you.
import type { Problem } from '../core/model/notifications.js';
import type { ContainerSummary } from '../core/model/types.js';

export type TrayAction =
  { kind: 'start' | 'stop'; id: string } | { kind: 'open'; id: string } | { kind: 'show' } | { kind: 'quit' };

export type TrayItem =
  | { type: 'action'; label: string; action: TrayAction; enabled: boolean }
  | { type: 'header'; label: string }
  | { type: 'separator' }
  | { type: 'submenu'; label: string; items: TrayItem[] };

export interface TrayModel {
  icon: 'normal' | 'down' | 'attention';
  tooltip: string;
  items: TrayItem[];
}

export interface TrayOptions {
  maxItems?: number;
}

function containerItem(c: ContainerSummary): TrayItem {
  const running = c.state === 'running' || c.state === 'paused';
  return {
    type: 'action',
    label: `${running ? 'Stop' : 'Start'} ${c.name}`,
    action: { kind: running ? 'stop' : 'start', id: c.id },
    enabled: c.state !== 'removing' && c.state !== 'stopping',
  };
}

export function buildTrayModel(
  containers: ContainerSummary[] | undefined,
  engineReachable: boolean,
  opts: TrayOptions = {},
  problems: Problem[] = [],
): TrayModel {
  const max = opts.maxItems ?? 8;
  const items: TrayItem[] = [];
  /** A titled list: the first N, the rest under "More…". */
  const section = <T>(title: string, list: T[], item: (x: T) => TrayItem) => {
    if (list.length === 0) return;
    items.push({ type: 'header', label: `${title} (${list.length})` });
    for (const x of list.slice(0, max)) items.push(item(x));
    if (list.length > max)
      items.push({
        type: 'submenu',
        label: `More… (${list.length - max})`,
        items: list.slice(max).map(item),
      });
  };
  if (problems.length > 0) {
    section('Needs attention', problems, (p) => ({
      type: 'action',
      label: `${p.name} — ${p.detail}`,
      action: { kind: 'open', id: p.containerId },
      enabled: true,
    }));
    items.push({ type: 'separator' });
  }
  if (!engineReachable || !containers) {
    items.push({ type: 'header', label: 'Podman engine unreachable — reconnecting…' });
  } else {
    const byName = (a: ContainerSummary, b: ContainerSummary) => a.name.localeCompare(b.name);
    const running = containers.filter((c) => c.state === 'running' || c.state === 'paused').sort(byName);
    const stopped = containers.filter((c) => !(c.state === 'running' || c.state === 'paused')).sort(byName);
    section('Running', running, containerItem);
    section('Stopped', stopped, containerItem);
    if (containers.length === 0) items.push({ type: 'header', label: 'No containers' });
  }
  items.push({ type: 'separator' });
  items.push({ type: 'action', label: 'Show Burrow', action: { kind: 'show' }, enabled: true });
  items.push({ type: 'action', label: 'Quit Burrow', action: { kind: 'quit' }, enabled: true });
  const runningCount = containers?.filter((c) => c.state === 'running').length ?? 0;
  const attention =
    problems.length > 0 ? `, ${problems.length} need${problems.length === 1 ? 's' : ''} attention` : '';
  return {
    icon: !engineReachable ? 'down' : problems.length > 0 ? 'attention' : 'normal',
    tooltip: engineReachable
      ? `Burrow — ${runningCount} running${attention}`
      : `Burrow — engine unreachable${attention}`,
    items,
  };
}

/** Every action item, submenus flattened: for tests and for keyboard access. */
export function flattenActions(items: TrayItem[]): Extract<TrayItem, { type: 'action' }>[] {
  return items.flatMap((i) =>
    i.type === 'action' ? [i] : i.type === 'submenu' ? flattenActions(i.items) : [],
  );
}
