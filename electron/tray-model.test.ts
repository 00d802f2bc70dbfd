import { describe, expect, it } from 'vitest';
import type { Problem } from '../core/model/notifications.js';
import type { ContainerSummary } from '../core/model/types.js';
import { buildTrayModel, flattenActions } from './tray-model.js';

const c = (name: string, state: ContainerSummary['state']): ContainerSummary => ({
  id: `id-${name}`,
  name,
  image: 'x',
  imageId: 'y',
  command: [],
  state,
  status: '',
  createdAt: '',
  ports: [],
  labels: {},
  networks: [],
});

describe('tray model', () => {
  it('lists running containers with Stop and stopped ones with Start, then Show and Quit', () => {
    const m = buildTrayModel([c('web', 'running'), c('db', 'exited'), c('api', 'running')], true);
    expect(m.icon).toBe('normal');
    expect(m.tooltip).toBe('Burrow — 2 running');
    const labels = m.items.map((i) => ('label' in i ? i.label : '---'));
    expect(labels).toEqual([
      'Running (2)',
      'Stop api',
      'Stop web',
      'Stopped (1)',
      'Start db',
      '---',
      'Show Burrow',
      'Quit Burrow',
    ]);
    expect(flattenActions(m.items).find((i) => i.label === 'Start db')?.action).toEqual({
      kind: 'start',
      id: 'id-db',
    });
  });

  it('puts the rest under More… beyond N', () => {
    const many = Array.from({ length: 12 }, (_, i) => c(`c${String(i).padStart(2, '0')}`, 'exited'));
    const m = buildTrayModel(many, true, { maxItems: 5 });
    const sub = m.items.find((i) => i.type === 'submenu');
    expect(sub && sub.type === 'submenu' ? sub.items.length : 0).toBe(7);
    expect(flattenActions(m.items).filter((i) => i.action.kind === 'start')).toHaveLength(12);
  });

  it('shows the engine-down icon and no container actions when unreachable', () => {
    const m = buildTrayModel(undefined, false);
    expect(m.icon).toBe('down');
    expect(flattenActions(m.items).map((i) => i.action.kind)).toEqual(['show', 'quit']);
  });

  it('puts the containers needing attention first, each opening its page, and says so in icon and tooltip', () => {
    const problems: Problem[] = [
      { containerId: 'id-db', name: 'db', reason: 'oom', detail: 'ran out of memory', since: '' },
      {
        containerId: 'id-api',
        name: 'api',
        reason: 'crash-loop',
        detail: 'restarted 5 times in 5 min',
        since: '',
      },
    ];
    const m = buildTrayModel(
      [c('web', 'running'), c('db', 'exited'), c('api', 'running')],
      true,
      {},
      problems,
    );
    expect(m.icon).toBe('attention');
    expect(m.tooltip).toBe('Burrow — 2 running, 2 need attention');
    const labels = m.items.map((i) => ('label' in i ? i.label : '---'));
    expect(labels.slice(0, 4)).toEqual([
      'Needs attention (2)',
      'db — ran out of memory',
      'api — restarted 5 times in 5 min',
      '---',
    ]);
    expect(flattenActions(m.items).find((i) => i.label.startsWith('db —'))?.action).toEqual({
      kind: 'open',
      id: 'id-db',
    });
  });

  it('one problem reads in the singular; beyond N the rest go under More…', () => {
    const one: Problem[] = [
      { containerId: 'x', name: 'x', reason: 'exited', detail: 'exited with code 1', since: '' },
    ];
    expect(buildTrayModel([], true, {}, one).tooltip).toBe('Burrow — 0 running, 1 needs attention');
    const many = Array.from({ length: 6 }, (_, i): Problem => ({
      ...one[0]!,
      containerId: `p${i}`,
      name: `p${i}`,
    }));
    const m = buildTrayModel([], true, { maxItems: 4 }, many);
    expect(flattenActions(m.items).filter((i) => i.action.kind === 'open')).toHaveLength(6);
    expect(m.items.find((i) => i.type === 'submenu' && i.label === 'More… (2)')).toBeDefined();
  });

  it('an unreachable engine shows the down icon even with problems', () => {
    const one: Problem[] = [
      { containerId: 'x', name: 'x', reason: 'exited', detail: 'exited with code 1', since: '' },
    ];
    const m = buildTrayModel(undefined, false, {}, one);
    expect(m.icon).toBe('down');
    expect(m.tooltip).toBe('Burrow — engine unreachable, 1 needs attention');
  });
});
