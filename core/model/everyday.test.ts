// Pure pieces of the everyday container work: signals, commit references, control characters, prune plans, the
// health check's event effect and its SpecGenerator fields.
import { describe, expect, it } from 'vitest';
import { validateCommit } from './commit.js';
import { firstControlChar } from './control-chars.js';
import { effectOf } from './event-effect.js';
import { planPrune, type PruneInputs } from './prune.js';
import { normalizeSignal } from './signals.js';
import { toSpecGenerator } from './spec-generator.js';
import type { EngineEvent, HostFacts } from './types.js';

describe('signals', () => {
  it.each([
    ['term', 'SIGTERM'],
    ['SIGKILL', 'SIGKILL'],
    [' hup ', 'SIGHUP'],
    ['9', '9'],
    ['SIGRTMIN+3', 'SIGRTMIN+3'],
    ['rtmax-1', 'SIGRTMAX-1'],
  ])('%s → %s', (input, out) => expect(normalizeSignal(input)).toBe(out));
  it.each(['SIGBOGUS', '0', '65', 'SIGRTMIN+99', '', 'KILL;rm', '-9'])('refuses %j', (input) =>
    expect(normalizeSignal(input)).toBeUndefined(),
  );
});

describe('commit options', () => {
  it('splits a tag given with the name and defaults to latest', () => {
    expect(validateCommit({ repo: 'localhost/web:v2' })).toEqual({
      repo: 'localhost/web',
      tag: 'v2',
      pause: false,
    });
    expect(validateCommit({ repo: 'localhost:5000/a/b', author: ' me ', message: 'line 1\nline 2' })).toEqual(
      {
        repo: 'localhost:5000/a/b',
        tag: 'latest',
        pause: false,
        author: 'me',
        message: 'line 1\nline 2',
      },
    );
  });
  it.each([
    [{ repo: '' }, 'repo'],
    [{ repo: 'Web' }, 'repo'],
    [{ repo: 'web@sha256:' + 'a'.repeat(64) }, 'repo'],
    [{ repo: 'web:v1', tag: 'v2' }, 'tag'],
    [{ repo: 'web', tag: '-bad' }, 'tag'],
    [{ repo: 'web', author: 'me\u001b[31m' }, 'author'],
    [{ repo: 'web', message: 'nul\u0000' }, 'message'],
  ])('refuses %j naming %s', (input, field) => {
    expect(() => validateCommit(input)).toThrow(expect.objectContaining({ code: 'invalid_input', field }));
    try {
      validateCommit(input);
    } catch (e) {
      expect((e as { hint?: string }).hint).toBeTruthy();
    }
  });
});

describe('control characters', () => {
  it('finds NUL, ESC, DEL and C1; allows tab, and newlines only where asked', () => {
    expect(firstControlChar('a\tb')).toBeUndefined();
    expect(firstControlChar('a\nb')).toBe('\n');
    expect(firstControlChar('a\nb', { multiline: true })).toBeUndefined();
    expect(firstControlChar('a\u0000')).toBe('\u0000');
    expect(firstControlChar('\u001b[0m')).toBe('\u001b');
    expect(firstControlChar('x\u007f')).toBe('\u007f');
    expect(firstControlChar('x\u0085')).toBe('\u0085');
    expect(firstControlChar('é ✓ 日本')).toBeUndefined();
  });
});

describe('health events', () => {
  const ev = (action: string): EngineEvent => ({
    kind: 'container',
    action,
    id: 'c1',
    attributes: {},
    time: '',
  });
  it('refresh the row on health_status, not on exec', () => {
    expect(effectOf(ev('health_status'))).toEqual({ kind: 'refresh', id: 'c1' });
    expect(effectOf(ev('exec_died'))).toEqual({ kind: 'none' });
  });
});

describe('health check fields', () => {
  const host = { enforceableLimits: [], idMappings: { uidMap: [], gidMap: [] } } as unknown as HostFacts;
  it('always sends every duration: the API would use a 0 s timeout', () => {
    const g = toSpecGenerator({ image: 'x', healthcheck: { test: ['CMD', 'true'] } }, host);
    expect(g.healthconfig).toEqual({
      Test: ['CMD', 'true'],
      Interval: 30e9,
      Timeout: 30e9,
      StartPeriod: 0,
      Retries: 3,
    });
    const h = toSpecGenerator(
      { image: 'x', healthcheck: { test: ['CMD-SHELL', 'x'], intervalSeconds: 1.5, retries: 0 } },
      host,
    );
    expect(h.healthconfig).toMatchObject({ Interval: 1.5e9, Retries: 0 });
  });
});

describe('prune plans', () => {
  const c = (id: string, state: string, extra: Partial<PruneInputs['containers'][number]> = {}) => ({
    id,
    name: `n-${id}`,
    state,
    imageId: 'img-used',
    networks: ['podman'],
    labels: {},
    size: 1000,
    volumes: [],
    ...extra,
  });
  const input: PruneInputs = {
    containers: [
      c('run', 'running', { volumes: ['keep-vol'], networks: ['busy-net'] }),
      c('exit', 'exited', { imageId: 'img-only-exited', volumes: ['free-vol'], labels: { t: '1' } }),
      c('made', 'created', { size: 5 }),
      c('paused', 'paused'),
      c('inpod', 'exited', { pod: 'p-stopped' }),
      c('inrunpod', 'exited', { pod: 'p-running' }),
    ],
    pods: [
      { id: 'p1', name: 'p-stopped', status: 'Exited', containers: ['inpod'] },
      { id: 'p2', name: 'p-running', status: 'Running', containers: ['inrunpod'] },
    ],
    images: [
      { id: 'img-used', tags: ['a:1'], size: 10, labels: {} },
      { id: 'img-only-exited', tags: ['b:1'], size: 20, labels: {} },
      { id: 'dangling', tags: [], size: 30, labels: {} },
    ],
    networks: [
      { name: 'podman', labels: {} },
      { name: 'busy-net', labels: {} },
      { name: 'free-net', labels: {} },
    ],
    volumes: [
      { name: 'keep-vol', size: 7, labels: {} },
      { name: 'free-vol', size: 9, labels: {} },
    ],
  };
  it('containers: created and exited ones outside pods', () => {
    const p = planPrune(input, { scope: 'containers' });
    expect(p.containers.map((x) => x.id)).toEqual(['exit', 'made']);
    expect(p.estimatedBytes).toBe(1005);
    expect([...p.pods, ...p.images, ...p.networks, ...p.volumes]).toEqual([]);
  });
  it('system: stopped pods with their containers, then what nothing kept uses', () => {
    const p = planPrune(input, { scope: 'system', volumes: true });
    expect(p.pods.map((x) => x.name)).toEqual(['p-stopped']);
    expect(p.containers.map((x) => x.id)).toEqual(['exit', 'made', 'inpod']);
    expect(p.images.map((x) => x.id)).toEqual(['dangling']);
    expect(p.networks.map((x) => x.name)).toEqual(['free-net']);
    expect(p.volumes.map((x) => x.name)).toEqual(['free-vol']);
    const all = planPrune(input, { scope: 'system', all: true });
    expect(all.images.map((x) => x.id)).toEqual(['img-only-exited', 'dangling']);
    expect(all.volumes).toEqual([]);
  });
  it('a label filter narrows containers, networks and volumes, never pods', () => {
    const p = planPrune(input, { scope: 'system', volumes: true, labels: ['t=1'] });
    expect(p.containers.map((x) => x.id)).toEqual(['exit', 'inpod']);
    expect(p.pods.map((x) => x.name)).toEqual(['p-stopped']);
    expect(p.networks).toEqual([]);
  });
});
