import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from './engine-api.js';
import type { EngineEvent } from './model/types.js';
import { ConnectionStore } from './connection/connections.js';
import { ConnectionsService, switchableEngine } from './engine-switch.js';
import { localHostAccess, remoteHostAccess } from './host-access.js';

/** A stand-in engine: a name, a list, and an event stream that emits one event then idles until aborted. */
function fakeEngine(name: string, log: string[]): Engine {
  const never = new Proxy({}, { get: () => () => Promise.reject(new Error('not in this fake')) });
  return {
    containers: { ...never, list: async () => [{ name } as never] } as never,
    images: never as never,
    networks: never as never,
    volumes: never as never,
    pods: never as never,
    system: never as never,
    registries: never as never,
    secrets: never as never,
    events: {
      async *stream(o = {}) {
        yield { kind: 'container', action: `hello from ${name}`, id: name, attributes: {}, time: '' };
        await new Promise<void>((r) => {
          if (o.signal?.aborted) r();
          o.signal?.addEventListener('abort', () => r(), { once: true });
        });
      },
    },
    connection: () => ({
      kind: 'private_service',
      uri: `unix:///${name}`,
      apiVersion: '5',
      podmanVersion: '5',
      runningAsRoot: false,
    }),
    // "a" runs here, anything else elsewhere: host access must follow the switch.
    host: name === 'a' ? localHostAccess() : remoteHostAccess(name),
    close: async () => {
      log.push(`closed ${name}`);
    },
  };
}

describe('switchable engine', () => {
  it('routes calls to the current engine, and its event stream follows a switch with a resync marker', async () => {
    const log: string[] = [];
    const e = switchableEngine(fakeEngine('a', log), 'local');
    expect((await e.containers.list())[0]?.name).toBe('a');
    const ac = new AbortController();
    const it = e.events.stream({ signal: ac.signal })[Symbol.asyncIterator]();
    const first = (await it.next()).value as EngineEvent;
    expect('action' in first && first.action).toBe('hello from a');
    const next = it.next();
    expect(e.host.local).toBeDefined();
    await e.switchTo('guest', fakeEngine('b', log));
    expect(e.host.local).toBeUndefined();
    expect(() => e.host.require('A Quadlet save')).toThrow(
      /not available on a remote engine: the engine runs on b/,
    );
    expect(log).toEqual(['closed a']);
    expect(e.active).toBe('guest');
    expect(e.connection().uri).toBe('unix:///b');
    expect((await e.containers.list())[0]?.name).toBe('b');
    expect((await next).value).toMatchObject({
      kind: 'resync',
      reason: 'switched to the "guest" connection',
    });
    expect((await it.next()).value).toMatchObject({ action: 'hello from b' });
    ac.abort();
    expect((await it.next()).done).toBe(true);
  });
});

describe('connections', () => {
  let dir: string;
  let store: ConnectionStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'burrow-conn-'));
    store = new ConnectionStore(join(dir, 'burrow', 'connections.json'), '/nonexistent/podman');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('always offers local discovery, saves ssh:// and unix:// connections, and removes them', async () => {
    const key = join(dir, 'id_ed25519');
    await writeFile(key, 'key', { mode: 0o600 });
    await store.add({
      name: 'guest',
      uri: 'ssh://tester@127.0.0.1:2222/run/user/1000/podman/podman.sock',
      identity: key,
    });
    await store.add({ name: 'other-sock', uri: 'unix:///run/user/1000/podman/podman.sock' });
    expect((await store.list()).map((c) => [c.name, c.source])).toEqual([
      ['local', 'auto'],
      ['guest', 'saved'],
      ['other-sock', 'saved'],
    ]);
    const saved = JSON.parse(await readFile(join(dir, 'burrow', 'connections.json'), 'utf8')) as unknown;
    expect(saved).toMatchObject({ connections: [{ name: 'guest', identity: key }, { name: 'other-sock' }] });
    await store.remove('other-sock');
    expect((await store.list()).map((c) => c.name)).toEqual(['local', 'guest']);
  });

  it.each([
    [{ name: 'local', uri: 'unix:///x.sock' }, 'name', 'invalid_input'],
    [{ name: 'bad name', uri: 'unix:///x.sock' }, 'name', 'invalid_input'],
    [{ name: 'ok', uri: 'tcp://127.0.0.1:8080' }, 'uri', 'invalid_input'],
    [{ name: 'ok', uri: 'ssh://host' }, 'uri', 'invalid_input'],
    [{ name: 'ok', uri: 'unix:///x.sock', identity: '/etc/hostname' }, 'identity', 'invalid_input'],
    [{ name: 'ok', uri: 'ssh://h/x.sock', identity: '/nonexistent/key' }, 'identity', 'invalid_input'],
  ])('refuses %j naming the field, and writes nothing', async (c, field, code) => {
    await expect(store.add(c)).rejects.toMatchObject({ code, field, hint: expect.any(String) });
    expect((await store.list()).map((x) => x.name)).toEqual(['local']);
  });

  it('refuses a duplicate, removing an unknown or the active connection, and an unknown switch target', async () => {
    await store.add({ name: 'dup', uri: 'unix:///x.sock' });
    await expect(store.add({ name: 'dup', uri: 'unix:///y.sock' })).rejects.toMatchObject({
      code: 'conflict',
      field: 'name',
    });
    await expect(store.remove('nope')).rejects.toMatchObject({ code: 'not_found', field: 'name' });
    const log: string[] = [];
    const svc = new ConnectionsService(switchableEngine(fakeEngine('a', log), 'dup'), {
      store,
      connect: { allowRoot: true },
    });
    await expect(svc.remove('dup')).rejects.toMatchObject({ code: 'conflict', field: 'name' });
    await expect(svc.use('nope')).rejects.toMatchObject({ code: 'not_found', field: 'name' });
    // A unix socket that does not answer: the switch fails and the current engine stays.
    await store.add({ name: 'dead', uri: `unix://${join(dir, 'dead.sock')}` });
    await expect(svc.use('dead')).rejects.toMatchObject({ code: 'engine_unreachable', field: 'uri' });
    expect(svc.engine.active).toBe('dup');
    expect(log).toEqual([]);
  });
});
