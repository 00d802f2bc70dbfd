import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../api/types.js';
import { useStore } from '../../store/store.js';
import { CreateContainerView } from './index.js';

function fakeApi(responses: Record<string, unknown>): Transport & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: 'websocket',
    calls,
    async call(channel: string) {
      calls.push(channel);
      const r = responses[channel];
      return (r ?? { ok: true, value: channel.endsWith('.list') ? [] : null }) as never;
    },
    subscribe: () => () => undefined,
    send: () => undefined,
    onConnection: () => () => undefined,
  } as Transport & { calls: string[] };
}

const control = (name: string) => document.querySelector<HTMLElement>(`[data-control="${name}"]`);

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
  });
}

afterEach(() => {
  cleanup();
  useStore.setState({ api: undefined });
});

describe('create form', () => {
  it('shows every problem core found at once, each at its field with its hint, and focuses the first', async () => {
    const api = fakeApi({
      'images.exists': { ok: true, value: true },
      'containers.create': {
        ok: false,
        error: {
          code: 'invalid_input',
          field: 'name',
          message: 'A container named "web" already exists',
          hint: 'Pick another name, or remove the existing container.',
          issues: [
            {
              field: 'name',
              message: 'A container named "web" already exists',
              hint: 'Pick another name, or remove the existing container.',
            },
            {
              field: 'ports[0].hostPort',
              message: 'Host port 8080/tcp is already in use',
              hint: 'Choose another port, or leave the host port empty for a random free one.',
            },
            {
              field: 'security.seccompProfile',
              message: 'Cannot read /p.json',
              hint: 'Check that the file exists.',
            },
          ],
        },
      },
    });
    useStore.setState({ api });
    render(<CreateContainerView image="localhost/x:1" />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'web' } });
    fireEvent.change(screen.getByLabelText('Seccomp profile'), { target: { value: '/p.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add port' }));
    fireEvent.change(screen.getByLabelText('Port 1 host port'), { target: { value: '8080' } });
    fireEvent.change(screen.getByLabelText('Port 1 container port'), { target: { value: '80' } });
    await submit();
    expect(screen.getAllByRole('alert')).toHaveLength(3);
    expect(within(control('name')!).getByRole('alert').textContent).toContain('Pick another name');
    expect(within(control('ports-0')!).getByRole('alert').textContent).toContain('ports[0].hostPort');
    expect(within(control('seccomp')!).getByRole('alert').textContent).toContain(
      'Check that the file exists.',
    );
    expect(screen.getByLabelText('Port 1 host port').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Port 1 container port').getAttribute('aria-invalid')).toBe('false');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Name')));
    expect(api.calls).toContain('containers.create');
    expect(api.calls).not.toContain('containers.start');
  });

  it('finds what it can before sending: every problem at its field, nothing sent', async () => {
    const api = fakeApi({});
    useStore.setState({ api });
    render(<CreateContainerView image="localhost/x:1" />);
    fireEvent.change(screen.getByLabelText('Memory'), { target: { value: '12zb' } });
    fireEvent.change(screen.getByLabelText('CPUs'), { target: { value: 'two' } });
    fireEvent.change(screen.getByLabelText('Command'), { target: { value: 'echo hi > /tmp/x' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'bad/name' } });
    await submit();
    expect(screen.getAllByRole('alert')).toHaveLength(4);
    for (const [ctl, text] of [
      ['memory', 'Use a number with b, k, m or g'],
      ['cpus', '"two" is not a number'],
      ['command', "sh -c '…'"],
      ['name', 'is not a valid name'],
    ] as const) {
      expect(within(control(ctl)!).getByRole('alert').textContent, ctl).toContain(text);
      expect(within(control(ctl)!).getByRole('alert').querySelector('.hint')?.textContent, ctl).toBeTruthy();
    }
    expect(screen.getByLabelText('Memory').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Name')));
    expect(api.calls).not.toContain('images.exists');
    expect(api.calls).not.toContain('containers.create');
  });

  it('shows a problem the form has no control for at the top', async () => {
    const api = fakeApi({
      'images.exists': { ok: true, value: true },
      'containers.create': {
        ok: false,
        error: { code: 'invalid_input', field: 'stdin', message: 'bad stdin', hint: 'fix it' },
      },
    });
    useStore.setState({ api });
    render(<CreateContainerView image="localhost/x:1" />);
    await submit();
    const alert = screen.getByRole('alert');
    expect(alert.closest('[data-control]')).toBeNull();
    expect(alert.textContent).toContain('bad stdin');
  });
});
