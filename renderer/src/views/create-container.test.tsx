import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../api/types.js';
import { useStore } from '../store/store.js';
import { controlFor, CreateContainerView, EMPTY_FORM, splitCommand, toSpec } from './create-container.js';

function fakeApi(responses: Record<string, unknown>): Transport & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: 'websocket',
    calls,
    async call(channel: string) {
      calls.push(channel);
      const r = responses[channel];
      return (r ?? { ok: true, value: channel === 'networks.list' ? [] : null }) as never;
    },
    subscribe: () => () => undefined,
    send: () => undefined,
    onConnection: () => () => undefined,
  } as Transport & { calls: string[] };
}

afterEach(() => useStore.setState({ api: undefined }));

describe('create form', () => {
  it('maps the form to core’s spec', () => {
    const spec = toSpec({
      ...EMPTY_FORM,
      image: ' localhost/x:1 ',
      command: 'sh -c "echo hi there"',
      env: 'A=1\n\nB=2',
      usernsKind: 'keep-id-ids',
      keepUid: '1001',
      keepGid: '1001',
      memory: '64m',
      cpus: 'abc',
      ports: [{ hostIp: '127.0.0.1', hostPort: '8080', containerPort: '80', protocol: 'tcp' }],
      mounts: [{ type: 'bind', source: '/d', target: '/data', options: 'ro, Z' }],
      network: 'bridge',
      networks: 'a, b',
    });
    expect(spec).toMatchObject({
      image: 'localhost/x:1',
      command: ['sh', '-c', 'echo hi there'],
      env: ['A=1', 'B=2'],
      userns: { kind: 'keep-id', uid: 1001, gid: 1001 },
      limits: { memory: '64m', cpus: 'abc' },
      ports: [{ hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
      mounts: [{ type: 'bind', source: '/d', target: '/data', options: ['ro', 'Z'] }],
      network: { kind: 'bridge', networks: ['a', 'b'] },
    });
    expect(splitCommand(`a 'b c' "d \\"e\\""`)).toEqual(['a', 'b c', 'd "e"']);
  });

  it('maps core’s field paths to form controls', () => {
    expect(controlFor('ports[1].hostPort')).toBe('ports-1');
    expect(controlFor('limits.cpusetCpus')).toBe('cpuset');
    expect(controlFor('security.capAdd[0]')).toBe('capAdd');
    expect(controlFor('env[3]')).toBe('env');
  });

  it('shows core’s validation error at the field, with the hint', async () => {
    const api = fakeApi({
      'images.exists': { ok: true, value: true },
      'containers.create': {
        ok: false,
        error: {
          code: 'invalid_input',
          field: 'limits.memory',
          message: '"12zb" is not a memory size',
          hint: 'Use a number with b, k, m or g: 512m, 1g.',
        },
      },
    });
    useStore.setState({ api });
    render(<CreateContainerView image="localhost/x:1" />);
    fireEvent.change(screen.getByLabelText('Memory'), { target: { value: '12zb' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('limits.memory');
    expect(alert.textContent).toContain('Use a number with b, k, m or g');
    expect(alert.closest('[data-control]')?.getAttribute('data-control')).toBe('memory');
    expect(screen.getByLabelText('Memory').getAttribute('aria-invalid')).toBe('true');
    expect(api.calls).toContain('containers.create');
    expect(api.calls).not.toContain('containers.start');
  });
});
