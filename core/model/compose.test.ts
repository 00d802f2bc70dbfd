import { describe, expect, it } from 'vitest';
import { composeProjectOf, composeProjects, containerIds, groupRows, parseRowKey } from './compose.js';
import type { ContainerSummary } from './types.js';

function c(id: string, labels: Record<string, string> = {}, state: ContainerSummary['state'] = 'running') {
  return {
    id,
    name: id,
    image: 'img',
    imageId: '',
    command: [],
    state,
    status: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    ports: [],
    labels,
    networks: [],
  } satisfies ContainerSummary;
}

const docker = (p: string, service: string) => ({
  'com.docker.compose.project': p,
  'com.docker.compose.service': service,
  'com.docker.compose.project.working_dir': `/srv/${p}`,
  'com.docker.compose.project.config_files': 'compose.yaml',
});

describe('compose projects in the container list', () => {
  it('reads the project from either provider’s label', () => {
    expect(composeProjectOf({ 'com.docker.compose.project': 'shop' })).toBe('shop');
    expect(composeProjectOf({ 'io.podman.compose.project': 'blog' })).toBe('blog');
    expect(composeProjectOf({ app: 'x' })).toBeUndefined();
    expect(composeProjectOf(undefined)).toBeUndefined();
  });

  it('groups containers into projects with services, counts and where they came from', () => {
    const projects = composeProjects([
      c('w', docker('shop', 'web')),
      c('d', docker('shop', 'db'), 'exited'),
      c('lone'),
      c('b', { 'io.podman.compose.project': 'blog' }),
    ]);
    expect(projects.map((p) => [p.name, p.running, p.total])).toEqual([
      ['blog', 1, 1],
      ['shop', 1, 2],
    ]);
    expect(projects[1]?.services.map((s) => `${s.service}:${s.state}`)).toEqual(['db:exited', 'web:running']);
    expect(projects[1]).toMatchObject({ workingDir: '/srv/shop', configFiles: ['compose.yaml'] });
    expect(projects[0]?.services[0]?.service).toBe('b');
  });

  it('puts a project header where its first member was, members after it, others in place', () => {
    const sorted = [
      c('a'),
      c('w', docker('shop', 'web')),
      c('b'),
      c('d', docker('shop', 'db')),
      c('x', docker('blog', 'x')),
    ];
    const ids = sorted.map((x) => x.id);
    const projectOf = (id: string) => composeProjectOf(sorted.find((x) => x.id === id)?.labels);
    expect(groupRows(ids, projectOf)).toEqual(['c:a', 'p:shop', 'm:w', 'm:d', 'c:b', 'p:blog', 'm:x']);
    expect(containerIds(groupRows(ids, projectOf))).toEqual(['a', 'w', 'd', 'b', 'x']);
    expect(groupRows(ids, projectOf, new Set(['shop']))).toEqual(['c:a', 'p:shop', 'c:b', 'p:blog', 'm:x']);
    expect(groupRows([], projectOf)).toEqual([]);
    expect(groupRows(['a', 'b'], () => undefined)).toEqual(['c:a', 'c:b']);
    expect(parseRowKey('p:shop')).toEqual({ kind: 'project', value: 'shop', member: false });
    expect(parseRowKey('c:abc')).toEqual({ kind: 'container', value: 'abc', member: false });
    expect(parseRowKey('m:abc')).toEqual({ kind: 'container', value: 'abc', member: true });
  });

  it('gives the same strings for the same list (a shallow-equal selector result)', () => {
    const sorted = [c('w', docker('shop', 'web')), c('a')];
    const projectOf = (id: string) => composeProjectOf(sorted.find((x) => x.id === id)?.labels);
    const ids = sorted.map((x) => x.id);
    expect(groupRows(ids, projectOf)).toEqual(groupRows([...ids], projectOf));
  });
});
