import { describe, expect, it } from 'vitest';
import { formatSshUri, parseSshUri, sshArgs, tunnelSocketPath } from './ssh-tunnel.js';

describe('ssh:// connections', () => {
  it('parses what `podman system connection` stores', () => {
    expect(parseSshUri('ssh://tester@127.0.0.1:2222/run/user/1000/podman/podman.sock')).toEqual({
      user: 'tester',
      host: '127.0.0.1',
      port: 2222,
      remoteSocket: '/run/user/1000/podman/podman.sock',
    });
    expect(parseSshUri('ssh://build-box/run/user/1000/podman/podman.sock')).toEqual({
      host: 'build-box',
      remoteSocket: '/run/user/1000/podman/podman.sock',
    });
    const t = parseSshUri('ssh://core@[::1]:22/run/podman/podman.sock');
    expect(formatSshUri(t)).toBe('ssh://core@[::1]:22/run/podman/podman.sock');
  });

  it.each([
    ['unix:///run/user/1000/podman/podman.sock', /not an ssh:\/\/ URI/],
    ['ssh://tester@host', /no remote socket path/],
    ['ssh://tester@host:70000/run/x.sock', /not a valid URI|out of range/],
    ['ssh://tester:secret@host/run/x.sock', /passwords/],
    ['ssh://host/run/x.sock?secure=true', /query/],
    ['ssh://-oProxyCommand=x/run/x.sock', /valid host/],
  ])('refuses %s, naming the field', (uri, why) => {
    let err: unknown;
    try {
      parseSshUri(uri, 'uri');
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'invalid_input', field: 'uri', message: expect.stringMatching(why) });
    expect((err as { hint?: string }).hint).toContain('podman.socket');
  });

  it('forwards a local socket with no prompts, the key and port given, and host keys trusted on first use', () => {
    const args = sshArgs({
      target: parseSshUri('ssh://tester@127.0.0.1:2222/run/user/1000/podman/podman.sock'),
      localSocket: '/run/user/1001/burrow/tunnels/x.sock',
      identity: '/home/u/.ssh/id_ed25519',
    });
    expect(args).toContain('BatchMode=yes');
    expect(args).toContain('ExitOnForwardFailure=yes');
    expect(args).toContain('StrictHostKeyChecking=accept-new');
    expect(args.slice(args.indexOf('-i'), args.indexOf('-i') + 2)).toEqual(['-i', '/home/u/.ssh/id_ed25519']);
    expect(args.slice(args.indexOf('-p'), args.indexOf('-p') + 2)).toEqual(['-p', '2222']);
    expect(args.slice(-3)).toEqual([
      '-L',
      '/run/user/1001/burrow/tunnels/x.sock:/run/user/1000/podman/podman.sock',
      'tester@127.0.0.1',
    ]);
  });

  it('gives each remote its own stable socket under the runtime directory', () => {
    const a = tunnelSocketPath('/run/user/1', 'ssh://a/x.sock');
    expect(a).toBe(tunnelSocketPath('/run/user/1', 'ssh://a/x.sock'));
    expect(a).not.toBe(tunnelSocketPath('/run/user/1', 'ssh://b/x.sock'));
    expect(a).toMatch(/^\/run\/user\/1\/burrow\/tunnels\/[0-9a-f]{12}\.sock$/);
  });
});
