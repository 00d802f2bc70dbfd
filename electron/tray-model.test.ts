import { describe, expect, it } from 'vitest';
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
});
