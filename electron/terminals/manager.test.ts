// The command lines the manager runs, with `echo` standing in for podman: every container terminal goes through
// the engine's own socket on this machine (for SSH, Burrow's tunnel), and unshare needs a local engine.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../core/engine-api.js';
import { localHostAccess, remoteHostAccess, type HostAccess } from '../../core/host-access.js';
import { sleep } from '../../core/sleep.js';
import { HIGH_WATER, TerminalManager } from './manager.js';

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

  it('sends what the PTY reads in one turn as one chunk, and pauses a fast writer at the window', async () => {
    // A script stands in for podman: it writes as fast as the PTY takes it, forever.
    const dir = await mkdtemp(join(tmpdir(), 'burrow-term-'));
    const fast = join(dir, 'fast-podman');
    await writeFile(fast, '#!/bin/sh\nexec yes burrow\n', { mode: 0o755 });
    const t = new TerminalManager(engine(localHostAccess(), 'private_service'), { podmanPath: fast });
    const info = t.open('o', { kind: 'exec', container: 'x' });
    const ac = new AbortController();
    let chunks = 0;
    let bytes = 0;
    let paused = false;
    for await (const o of t.output(info.id, { signal: ac.signal })) {
      if (o.kind !== 'data') break;
      chunks += 1;
      bytes += Buffer.byteLength(o.data);
      paused = t.stats(info.id).paused;
      if (paused) break; // nothing acknowledged: the window is full (leaving detaches, which resumes it)
    }
    ac.abort();
    expect(paused).toBe(true);
    expect(bytes).toBeGreaterThan(HIGH_WATER);
    // A PTY read is at most 4 KiB: larger chunks mean reads were joined.
    expect(bytes / chunks).toBeGreaterThan(4096);
    t.disposeAll();
    await rm(dir, { recursive: true, force: true });
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
