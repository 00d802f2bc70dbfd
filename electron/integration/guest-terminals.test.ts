// A remote engine over SSH, the way a user has it: a saved connection with its own key, Burrow started on it
// through the composition root, and the UI's requests going through the same dispatcher the IPC bridge and the
// WebSocket use. Terminals run through Burrow's supervised tunnel (never `podman --url ssh://…`), and the
// features that need the engine's machine — bind-mount predictions, Quadlet save, unshare — say they cannot,
// instead of answering about this one. Runs in the `guest` vitest project (scripts/test.mjs boots the guest).
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from '../../core/connection/connections.js';
import type { ConnectionInfo } from '../../core/model/types.js';
import type { CreatePreview } from '../../core/model/insight.js';
import { FIXTURE_IMAGE, podmanSleeper, uniqueName } from '../../core/integration/harness/fixtures.js';
import { guestTarget, onGuest } from '../../core/integration/harness/target.js';
import { createBurrowApp, type BurrowApp } from '../app.js';
import type { TerminalInfo } from '../contract/index.js';
import { connectPeer, type Peer } from '../dispatcher.js';
import { WireClient } from './wire-client.js';

let dir: string;
let app: BurrowApp;
let peer: Peer;
let ui: WireClient;
const name = uniqueName('gterm');

beforeAll(async () => {
  if (!onGuest)
    throw new Error('guest-terminals.test.ts runs against the guest only (BURROW_TEST_TARGET=guest)');
  dir = await mkdtemp(join(tmpdir(), 'burrow-gterm-'));
  const g = guestTarget();
  const store = new ConnectionStore(join(dir, 'connections.json'));
  await store.add({ name: 'guest', uri: g.uri, identity: g.identity });
  app = await createBurrowApp({ mode: 'headless', version: 'test', store, connection: 'guest' });
  ui = new WireClient((m) => peer.receive(m));
  peer = connectPeer(app.router, 'guest-ui', (m) => ui.receive(m));
  await podmanSleeper('run', name);
});

afterAll(async () => {
  await ui?.result('containers.remove', { id: name, force: true });
  peer?.close();
  await app?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a saved SSH connection with its own key', () => {
  it('is the engine Burrow started on, reached through its tunnel', async () => {
    const c = await ui.call<ConnectionInfo>('system.connection', {});
    expect(c).toMatchObject({ kind: 'ssh', uri: guestTarget().uri });
    expect(c.podmanVersion).toMatch(/^5\./);
    expect(app.switchable.active).toBe('guest');
  });

  it('opens a terminal in a guest container that echoes and follows resizes, through the tunnel’s socket', async () => {
    const info = await ui.call<TerminalInfo>('terminals.open', {
      kind: 'exec',
      container: name,
      cols: 80,
      rows: 24,
    });
    const shell = await ui.attachTerminal(info.id);
    shell.type('echo guest-$((6*7))\r');
    await shell.waitFor('guest-42', 60_000);
    // The client runs on this machine against the tunnel's local socket, with no SSH of its own.
    const socket = app.engine.connection().socketPath;
    const cmd = execFileSync('ps', ['-o', 'args=', '-p', String(info.pid)], { encoding: 'utf8' });
    expect(cmd).toContain(`--remote --url unix://${socket} exec -it ${name}`);
    expect(cmd).not.toContain('ssh://');
    ui.send('terminals.resize', { term: info.id, cols: 123, rows: 45 });
    await new Promise((r) => setTimeout(r, 500));
    shell.type('stty size\r');
    await shell.waitFor('45 123', 60_000);
    // The shell runs on the guest: its kernel answers, not this machine's.
    shell.type('echo kernel=$(cat /proc/sys/kernel/osrelease); exit 7\r');
    await shell.waitFor(/kernel=[^$\s]+/, 60_000);
    expect(/kernel=([^$\s]+)/.exec(shell.output())?.[1]).not.toBe(release());
    await expect.poll(() => shell.exitCode(), { timeout: 60_000 }).toBe(7);
    expect(await shell.ended).toBeUndefined();
    await ui.call('terminals.close', { term: info.id });
  });

  it('refuses an unshare shell, which would be this machine’s, with the reason', async () => {
    const r = await ui.result('terminals.open', { kind: 'unshare' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'unsupported_on_host', message: expect.stringMatching(/remote engine.*over SSH/) },
    });
    expect((await ui.call<TerminalInfo[]>('terminals.list', {})).filter((t) => t.kind === 'unshare')).toEqual(
      [],
    );
  });
});

describe('host paths and files on a remote engine', () => {
  it('previews the mapping, and says it cannot check bind-mount paths instead of reading this machine’s', async () => {
    // A directory that exists only here, closed to everyone else: a local stat would predict "read ✗" for it.
    const local = join(dir, 'only-here');
    await mkdir(local);
    await chmod(local, 0o700);
    const p = await ui.call<CreatePreview>('insight.previewCreate', {
      image: FIXTURE_IMAGE,
      userns: { kind: 'keep-id' },
      user: '1001',
      mounts: [{ type: 'bind', source: local, target: '/data' }],
    });
    expect(p.process.sentence.length).toBeGreaterThan(0);
    expect(p.mounts).toEqual([]);
    expect(p.hostPaths).toMatchObject({ checked: false, reason: expect.stringMatching(/over SSH/) });
  });

  it('refuses to save a remote container’s Quadlet unit here, says why, and writes nothing', async () => {
    const config = join(dir, 'config');
    const before = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    try {
      const unit = await ui.call<{ unit: { fileName: string }; validation: { checked: boolean } }>(
        'insight.quadlet',
        { id: name },
      );
      expect(unit.unit.fileName).toBe(`${name}.container`);
      expect(unit.validation.checked).toBe(false);
      const r = await ui.result('insight.saveQuadlet', { id: name });
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'unsupported_on_host',
          message: expect.stringMatching(/Saving a Quadlet unit is not available on a remote engine/),
          hint: expect.stringContaining(`${name}.container`),
        },
      });
      expect(await readdir(config).catch(() => [])).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = before;
    }
  });

  it('runs the doctor from the engine’s own facts', async () => {
    const report = await ui.call<{ local: boolean; checks: { id: string }[] }>('insight.doctor', {});
    expect(report.local).toBe(false);
    expect(report.checks.map((c) => c.id)).not.toContain('linger');
  });
});
