// The command lines the manager runs, with `echo` standing in for podman: every container terminal goes through
// the engine's own socket on this machine (for SSH, Burrow's tunnel), and unshare needs a local engine.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine-api.js';
import { localHostAccess, remoteHostAccess, type HostAccess } from '../../core/host-access.js';
import { sleep } from '../../core/sleep.js';
import { TerminalManager } from './manager.js';

function engine(host: HostAccess, kind: 'ssh' | 'private_service'): Engine {
  return {
    host,
    connection: () => ({
      kind,
      socketPath: '/run/user/1/burrow/tunnels/abc.sock',
      uri: kind === 'ssh' ? 'ssh://me@guest:2222/run/user/1000/podman/podman.sock' : 'unix:///x',
      apiVersion: '5',
      podmanVersion: '5',
      runningAsRoot: false,
    }),
  } as unknown as Engine;
}

/** The whole output of a short-lived process. */
async function outputOf(t: TerminalManager, id: string): Promise<string> {
  for (let i = 0; i < 250 && !t.snapshot(id).info.exited; i++) await sleep(20);
  return t.snapshot(id).scrollback;
}

describe('terminal command lines', () => {
  it('runs exec on an SSH engine through the tunnel’s local socket, never ssh://', async () => {
    const t = new TerminalManager(engine(remoteHostAccess('guest (over SSH)'), 'ssh'), {
      podmanPath: '/bin/echo',
    });
    const info = t.open('o', { kind: 'exec', container: 'web', user: 'app' });
    const out = await outputOf(t, info.id);
    expect(out).toContain(
      '--remote --url unix:///run/user/1/burrow/tunnels/abc.sock exec -it --user app web sh -c',
    );
    expect(out).not.toContain('ssh://');
    t.disposeAll();
  });

  it('refuses an unshare shell for a remote engine, and passes the directory as an argument locally', async () => {
    const remote = new TerminalManager(engine(remoteHostAccess('guest (over SSH)'), 'ssh'), {
      podmanPath: '/bin/echo',
    });
    expect(() => remote.open('o', { kind: 'unshare' })).toThrow(
      expect.objectContaining({
        code: 'unsupported_on_host',
        message: expect.stringMatching(/unshare.*remote engine/),
      }),
    );
    expect(remote.list()).toEqual([]);
    const local = new TerminalManager(engine(localHostAccess(), 'private_service'), {
      podmanPath: '/bin/echo',
    });
    const info = local.open('o', { kind: 'unshare', workdir: '/tmp/a $(touch pwned) "b"' });
    const out = await outputOf(local, info.id);
    expect(out).toContain('unshare sh -c cd "$1" && ');
    expect(out).toContain(' sh /tmp/a $(touch pwned) "b"');
    local.disposeAll();
  });

  it('hands over from a snapshot to the output stream without losing or repeating a chunk', async () => {
    const t = new TerminalManager(engine(localHostAccess(), 'private_service'), { podmanPath: '/bin/echo' });
    const info = t.open('o', { kind: 'exec', container: 'x', command: ['one', 'two'] });
    await outputOf(t, info.id);
    const snap = t.snapshot(info.id);
    expect(snap.info.exited).toBe(true);
    const ac = new AbortController();
    const items = [];
    for await (const o of t.output(info.id, { after: 0, signal: ac.signal })) items.push(o);
    // Everything after seq 0 replayed, then the exit, then the end.
    const data = items
      .filter((o) => o.kind === 'data')
      .map((o) => (o.kind === 'data' ? o.data : ''))
      .join('');
    expect(data).toBe(snap.scrollback);
    expect(items.at(-1)).toMatchObject({ kind: 'exit' });
    const none = [];
    for await (const o of t.output(info.id, { after: snap.seq, signal: ac.signal })) none.push(o);
    expect(none).toEqual([items.at(-1)]);
    t.disposeAll();
  });
});
