import { describe, expect, it } from 'vitest';
import type { ContainerSummary, EngineEvent } from '../../../core/model/types.js';
import { effectOf, matchesFilter, patch, reconcile, reorder, sortedIds, uptime } from './reducers.js';

const c = (id: string, state: ContainerSummary['state'] = 'running', name = id): ContainerSummary => ({
  id,
  name,
  image: 'img',
  imageId: 'x',
  command: [],
  state,
  status: state,
  createdAt: '2026-01-01T00:00:00Z',
  ports: [],
  labels: {},
  networks: [],
});

describe('store reducers', () => {
  it('reconcile keeps the identity of unchanged containers and drops vanished ones', () => {
    const a = c('a');
    const b = c('b');
    const prev = { a, b };
    const next = reconcile(prev, [c('a'), c('c')]);
    expect(next.a).toBe(a);
    expect(next.b).toBeUndefined();
    expect(next.c?.id).toBe('c');
  });

  it('patch replaces only what changed and deletes asked-for ids that are gone', () => {
    const a = c('a');
    const b = c('b');
    const z = c('z');
    const next = patch({ a, b, z }, ['a', 'b'], [c('a', 'exited')]);
    expect(next.a?.state).toBe('exited');
    expect(next.b).toBeUndefined();
    expect(next.z).toBe(z);
  });

  it('a changed port list replaces the row even when the count is the same', () => {
    const a = { ...c('a'), ports: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' as const }] };
    const moved = { ...a, ports: [{ hostPort: 8081, containerPort: 80, protocol: 'tcp' as const }] };
    expect(reconcile({ a }, [moved]).a).toBe(moved);
    const same = { ...a, ports: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' as const }] };
    expect(reconcile({ a }, [same]).a).toBe(a);
  });

  it('a changed health verdict replaces the row (health_status events refresh it)', () => {
    const a = { ...c('a'), health: 'healthy' as const };
    const sick = { ...a, health: 'unhealthy' as const };
    expect(patch({ a }, ['a'], [sick]).a).toBe(sick);
    expect(patch({ a }, ['a'], [{ ...a }]).a).toBe(a);
  });

  it('turns engine events into effects', () => {
    const ev = (action: string, kind: 'container' | 'image' = 'container'): EngineEvent => ({
      kind,
      action,
      id: 'x',
      attributes: {},
      time: '',
    });
    expect(effectOf(ev('died'))).toEqual({ kind: 'refresh', id: 'x' });
    expect(effectOf(ev('remove'))).toEqual({ kind: 'remove', id: 'x' });
    expect(effectOf(ev('exec_died'))).toEqual({ kind: 'none' });
    expect(effectOf(ev('pull', 'image'))).toEqual({ kind: 'other', resource: 'image' });
    expect(effectOf({ kind: 'resync', reason: 'gap', time: '' })).toEqual({ kind: 'reconcile' });
  });

  it('filters by text and state', () => {
    expect(matchesFilter(c('a', 'running', 'web-1'), 'WEB', 'all')).toBe(true);
    expect(matchesFilter(c('a', 'exited', 'web-1'), '', 'running')).toBe(false);
    expect(matchesFilter(c('a', 'exited', 'web-1'), '', 'stopped')).toBe(true);
    expect(matchesFilter(c('abc123', 'running', 'x'), 'abc', 'all')).toBe(true);
  });

  it('formats uptime', () => {
    const now = Date.parse('2026-01-01T03:05:00Z');
    expect(uptime('2026-01-01T03:04:30Z', now)).toBe('30s');
    expect(uptime('2026-01-01T01:00:00Z', now)).toBe('2h 5m');
  });
});

describe('list order kept by events', () => {
  const state = ['running', 'exited', 'created', 'paused'] as const;
  const pick = (n: number) => state[n % state.length] as ContainerSummary['state'];

  it('equals a full sort after any sequence of creates, changes, renames and removals', () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let all: Record<string, ContainerSummary> = {};
    for (let i = 0; i < 200; i++) all[`id${i}`] = c(`id${i}`, pick(rnd(4)), `n${rnd(50)}`);
    let order = sortedIds(all);
    for (let step = 0; step < 300; step++) {
      const next = { ...all };
      const touched: string[] = [];
      for (let k = 0; k <= rnd(3); k++) {
        const id = `id${rnd(260)}`;
        touched.push(id);
        const r = rnd(4);
        if (r === 0) delete next[id];
        else next[id] = c(id, pick(rnd(4)), r === 1 ? `n${rnd(50)}` : (all[id]?.name ?? `n${rnd(50)}`));
      }
      order = reorder(order, all, next, touched);
      all = next;
      expect(order).toEqual(sortedIds(all));
    }
  });

  it('keeps the same array when nothing moved', () => {
    const all = { a: c('a'), b: c('b', 'exited') };
    const order = sortedIds(all);
    expect(order).toEqual(['a', 'b']);
    const next = { ...all, b: { ...c('b', 'exited'), status: 'Exited (1)' } };
    expect(reorder(order, all, next, ['b'])).toBe(order);
    expect(reorder(order, next, { ...next, b: c('b', 'running') }, ['b'])).toEqual(['a', 'b']);
    expect(reorder(order, next, { a: c('a', 'exited'), b: next.b }, ['a'])).toEqual(['a', 'b']);
  });
});
