import { act, render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../core/model/types.js';
import { useStore } from '../../store/store.js';
import { Row } from './row.js';

const c = (id: string, status = 'Up'): ContainerSummary => ({
  id,
  name: `name-${id}`,
  image: 'img',
  imageId: 'x',
  command: [],
  state: 'running',
  status,
  createdAt: '2026-01-01T00:00:00Z',
  ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
  labels: {},
  networks: [],
});

describe('container rows', () => {
  it('re-render only for their own container', () => {
    useStore.setState({ containers: { a: c('a'), b: c('b') } });
    const noop = () => undefined;
    // React's Profiler reports each commit of a subtree: one per row that re-rendered.
    const renderCounts = new Map<string, number>();
    const count = (id: string) => renderCounts.set(id, (renderCounts.get(id) ?? 0) + 1);
    render(
      <div role="grid">
        <Profiler id="a" onRender={count}>
          <Row id="a" index={0} selected={false} onToggle={noop} focused={false} />
        </Profiler>
        <Profiler id="b" onRender={count}>
          <Row id="b" index={1} selected={false} onToggle={noop} focused={false} />
        </Profiler>
      </div>,
    );
    expect(screen.getByText('name-a')).toBeTruthy();
    expect(screen.getAllByRole('link', { name: '8080→80/tcp' })[0]?.getAttribute('href')).toBe(
      'http://127.0.0.1:8080/',
    );
    const before = { a: renderCounts.get('a') ?? 0, b: renderCounts.get('b') ?? 0 };
    act(() => {
      useStore.setState((s) => ({ containers: { ...s.containers, b: c('b', 'changed') } }));
    });
    expect(renderCounts.get('a')).toBe(before.a);
    expect(renderCounts.get('b')).toBe(before.b + 1);
    act(() => {
      useStore.setState((s) => ({ containers: { ...s.containers } }));
    });
    expect(renderCounts.get('b')).toBe(before.b + 1);
  });
});
