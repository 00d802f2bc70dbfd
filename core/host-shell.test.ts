import { describe, expect, it } from 'vitest';
import { localShell, remoteCommandLine, shQuote, sshCommandArgs, sshShell } from './host-shell.js';

describe('commands on the engine’s host', () => {
  it('quotes words for a remote shell, env and cwd included', () => {
    expect(shQuote('plain-word_1.2:/x=y@z')).toBe('plain-word_1.2:/x=y@z');
    expect(shQuote("it's $HOME; rm -rf /")).toBe(`'it'\\''s $HOME; rm -rf /'`);
    expect(shQuote('')).toBe(`''`);
    expect(remoteCommandLine(['systemctl', '--user', 'start', 'my unit.service'])).toBe(
      `systemctl --user start 'my unit.service'`,
    );
    expect(remoteCommandLine(['podman', 'ps'], { CONTAINER_HOST: 'unix:///s p' }, '/home/a b')).toBe(
      `cd '/home/a b' && env 'CONTAINER_HOST=unix:///s p' podman ps`,
    );
    expect(() => remoteCommandLine(['x'], { 'A;B': '1' })).toThrow(/bad environment variable/);
  });

  it('reaches the remote host with the tunnel’s identity, known_hosts and port, never prompting', () => {
    const args = sshCommandArgs(
      {
        target: {
          user: 'tester',
          host: '127.0.0.1',
          port: 2243,
          remoteSocket: '/run/user/1000/podman/podman.sock',
        },
        identity: '/k/id',
        knownHostsFile: '/dev/null',
      },
      'podman auto-update --dry-run',
    );
    expect(args).toContain('BatchMode=yes');
    expect(args).toContain('StrictHostKeyChecking=accept-new');
    expect(args.slice(args.indexOf('-i'), args.indexOf('-i') + 2)).toEqual(['-i', '/k/id']);
    expect(args).toContain('UserKnownHostsFile=/dev/null');
    expect(args.slice(-3)).toEqual(['tester@127.0.0.1', '--', 'podman auto-update --dry-run']);
    expect(args.slice(args.indexOf('-p'), args.indexOf('-p') + 2)).toEqual(['-p', '2243']);
    expect(args).not.toContain('-L');
    expect(args.some((a) => a.startsWith('ControlPath'))).toBe(false);
    expect(sshShell({ target: { host: 'box', remoteSocket: '/s' } }).where).toBe('box (over SSH)');
  });

  it('shares one SSH connection between commands (ControlMaster), which close() ends', () => {
    const args = sshCommandArgs(
      { target: { host: 'box', remoteSocket: '/s' }, controlPath: '/run/user/1000/burrow/ssh-%C' },
      'true',
    );
    expect(args).toEqual(
      expect.arrayContaining([
        'ControlMaster=auto',
        'ControlPath=/run/user/1000/burrow/ssh-%C',
        'ControlPersist=60',
      ]),
    );
  });

  it('runs here with stdin, env and cwd, and a non-zero exit is a result', async () => {
    const sh = localShell({ PATH: process.env.PATH ?? '/usr/bin:/bin' });
    const r = await sh.run(['sh', '-c', 'read x; echo "$x-$FOO-$(pwd)"; echo err >&2; exit 3'], {
      input: 'in\n',
      env: { FOO: 'bar' },
      cwd: '/tmp',
    });
    expect(r).toEqual({ code: 3, stdout: 'in-bar-/tmp', stderr: 'err' });
  });

  it('streams lines as they come and ends with the exit; abort ends the command', async () => {
    const sh = localShell();
    const items = [];
    for await (const o of sh.stream(['sh', '-c', 'echo one; echo two >&2; printf three'])) items.push(o);
    expect(items).toEqual(
      expect.arrayContaining([
        { kind: 'line', stream: 'stdout', text: 'one' },
        { kind: 'line', stream: 'stderr', text: 'two' },
        { kind: 'line', stream: 'stdout', text: 'three' },
      ]),
    );
    expect(items.at(-1)).toEqual({ kind: 'exit', code: 0 });
    const ac = new AbortController();
    const seen: string[] = [];
    for await (const o of sh.stream(['sh', '-c', 'echo started; exec sleep 60'], { signal: ac.signal })) {
      if (o.kind === 'line') {
        seen.push(o.text);
        ac.abort();
      } else seen.push(`exit ${o.code}`);
    }
    expect(seen[0]).toBe('started');
    expect(seen[1]).toMatch(/^exit /);
  });

  it('ends when the command exits though a process it left behind holds its output open', async () => {
    const sh = localShell();
    // The background sleep inherits stdout and stderr; the command itself exits at once.
    const r = await sh.run(['sh', '-c', 'sleep 30 & echo "$!"; echo done >&2; exit 4']);
    try {
      expect(r).toMatchObject({ code: 4, stderr: 'done' });
      expect(r.stdout).toMatch(/^\d+$/);
    } finally {
      if (/^\d+$/.test(r.stdout)) process.kill(Number(r.stdout), 'SIGTERM');
    }
  });

  it('says a missing program is not installed, and times out a hung one', async () => {
    await expect(localShell().run(['burrow-no-such-tool', 'x'])).rejects.toMatchObject({
      code: 'unsupported_on_host',
      message: 'burrow-no-such-tool is not installed on this machine',
    });
    await expect(localShell().run(['sleep', '30'], { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'timeout',
    });
  });
});
