// Connections through the router, the way the UI uses them: Burrow starts on this machine's Podman, adds the
// Debian 13 guest as an ssh:// connection, switches to it (lists, facts and events now come from the guest), and
// switches back. Runs in the `guest` vitest project (scripts/test.mjs boots the guest).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from '../../core/connection/connections.js';
import { privateServiceStrategy } from '../../core/connection/discovery.js';
import { connectEngine } from '../../core/engine.js';
import { ConnectionsService, switchableEngine, type SwitchableEngine } from '../../core/engine-switch.js';
import type { ConnectionInfo, ContainerSummary, EngineEvent, HostFacts } from '../../core/model/types.js';
import { testSocketPath } from '../../core/integration/harness/engine.js';
import {
  FIXTURE_IMAGE,
  podmanCli,
  TEST_LABELS,
  uniqueName,
} from '../../core/integration/harness/fixtures.js';
import { guestTarget } from '../../core/integration/harness/target.js';
import { withLiveContainerList, type LiveEngine } from '../../core/live-list.js';
import { Router } from '../router.js';

let dir: string;
let engine: SwitchableEngine;
let router: Router;
let live: LiveEngine;
const localSocket = testSocketPath('conn-local');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-conn-'));
  const local = () => connectEngine({ strategies: [privateServiceStrategy({ socketPath: localSocket })] });
  engine = switchableEngine(await local(), 'local');
  const store = new ConnectionStore(join(dir, 'connections.json'));
  const connections = new ConnectionsService(engine, {
    store,
    // "local" for this test is its own private service, like every integration file.
    connect: { strategies: [privateServiceStrategy({ socketPath: localSocket })] },
  });
  // As the app wires it: the router over the live list over the switchable engine.
  live = withLiveContainerList(engine);
  router = new Router(live, { mode: 'headless', version: 'test', connections });
});

afterAll(async () => {
  router?.disposeAll();
  await (live ?? engine)?.close();
  await rm(dir, { recursive: true, force: true });
});

const value = <T>(r: { ok: boolean; value?: unknown; error?: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
};

describe('switching engines from the UI contract', () => {
  it('adds the guest, refuses bad input by field, switches to it and back, with events resyncing', async () => {
    const g = guestTarget();
    const bad = await router.call('connections.add', { name: 'guest', uri: 'ssh://tester@127.0.0.1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'uri' } });
    value(await router.call('connections.add', { name: 'guest', uri: g.uri, identity: g.identity }));
    const listed = value<{ active: string; connections: { name: string }[] }>(
      await router.call('connections.list', {}),
    );
    expect(listed.active).toBe('local');
    expect(listed.connections.map((c) => c.name)).toEqual(expect.arrayContaining(['local', 'guest']));

    // A container that exists only on the guest.
    const name = uniqueName('remote');
    await podmanCli(['create', '--name', name, '--label', 'burrow.test=1', FIXTURE_IMAGE, 'true']);
    try {
      const events: EngineEvent[] = [];
      router.subscribe(
        'test',
        1,
        'events',
        {},
        { data: (d) => events.push(d as EngineEvent), end: () => undefined },
      );
      await new Promise((r) => setTimeout(r, 300));

      value(await router.call('connections.use', { name: 'guest' }));
      const conn = value<ConnectionInfo>(await router.call('system.connection', {}));
      expect(conn).toMatchObject({ kind: 'ssh', uri: g.uri });
      expect(conn.podmanVersion).toMatch(/^5\./);
      expect(value<HostFacts>(await router.call('system.hostFacts', {})).hostname).toBe('burrow-guest');
      const remote = value<ContainerSummary[]>(await router.call('containers.list', { all: true }));
      expect(remote.map((c) => c.name)).toContain(name);
      for (let i = 0; i < 50 && !events.some((e) => e.kind === 'resync'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(events.find((e) => e.kind === 'resync')).toMatchObject({
        reason: 'switched to the "guest" connection',
      });
      // The guest connection cannot be removed while in use.
      expect(await router.call('connections.remove', { name: 'guest' })).toMatchObject({
        ok: false,
        error: { code: 'conflict', field: 'name' },
      });

      value(await router.call('connections.use', { name: 'local' }));
      expect(value<ConnectionInfo>(await router.call('system.connection', {})).kind).toBe('private_service');
      const here = value<ContainerSummary[]>(await router.call('containers.list', { all: true }));
      expect(here.map((c) => c.name)).not.toContain(name);
      value(await router.call('connections.remove', { name: 'guest' }));
    } finally {
      router.unsubscribe('test', 1);
      await podmanCli(['rm', '-f', name]).catch(() => undefined);
    }
    expect(TEST_LABELS['burrow.test']).toBe('1');
  });
});
