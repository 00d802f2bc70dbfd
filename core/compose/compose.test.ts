import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostShell, HostRunResult } from '../host-shell.js';
import { checkProjectName, projectNameFrom, readComposeFile, summarizeCompose } from './compose-file.js';
import type { Engine, LogsOptions } from '../engine-api.js';
import type { ContainerSummary, LogLine } from '../model/types.js';
import { projectLogs, timeKey } from './projects.js';
import { findComposeProviders, parseDelegate, parseProviderVersion, providerEnv } from './provider.js';

const TWO = `
services:
  web:
    image: localhost/burrow-test/busybox:latest
    ports: ["8080:80", 9090]
    volumes:
      - ./site:/www:ro
      - data:/data
      - type: bind
        source: /srv/cfg
        target: /cfg
    depends_on: [api]
  api:
    build: ./api
    depends_on:
      db:
        condition: service_started
volumes:
  data: {}
`;

describe('compose files', () => {
  it('lists services with images, builds, dependencies, ports and bind sources', () => {
    const s = summarizeCompose(TWO, '/home/me/My Shop/compose.yaml');
    expect(s.project).toBe('myshop');
    expect(s.services).toEqual([
      {
        name: 'web',
        image: 'localhost/burrow-test/busybox:latest',
        build: false,
        dependsOn: ['api'],
        ports: ['8080:80', '9090'],
        bindSources: ['./site', '/srv/cfg'],
      },
      { name: 'api', build: true, dependsOn: ['db'], ports: [], bindSources: [] },
    ]);
    expect(s.warnings).toEqual([]);
  });

  it('warns that bind mounts are paths on a remote engine’s host', () => {
    const s = summarizeCompose(TWO, '/p/compose.yaml', { engineHost: 'box (over SSH)' });
    expect(s.warnings).toEqual([
      'web: bind mounts (./site, /srv/cfg) are paths on box (over SSH), where the engine runs, not on this machine',
    ]);
  });

  it('takes the project name from -p, then `name:`, then the folder', () => {
    expect(summarizeCompose(TWO, '/a/b/c.yaml', { project: 'given' }).project).toBe('given');
    expect(summarizeCompose(`name: named\n${TWO}`, '/a/b/c.yaml').project).toBe('named');
    expect(projectNameFrom('_My.App-2')).toBe('myapp-2');
    expect(() => checkProjectName('Bad Name')).toThrow(expect.objectContaining({ field: 'project' }));
    expect(() => summarizeCompose(TWO, '/a/b/c.yaml', { project: '-x' })).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: 'project' }),
    );
    expect(() => summarizeCompose(TWO, '/!!!/c.yaml')).toThrow(expect.objectContaining({ field: 'project' }));
  });

  it('refuses what is not YAML or has no services, naming the file and the line', () => {
    expect(() => summarizeCompose('services:\n  web: [\n', '/p/c.yaml')).toThrow(
      expect.objectContaining({
        field: 'file',
        message: expect.stringMatching(/not valid YAML \(line \d+\)/),
      }),
    );
    expect(() => summarizeCompose('version: "3"\n', '/p/c.yaml')).toThrow(
      expect.objectContaining({ field: 'file', message: '/p/c.yaml has no services' }),
    );
    expect(() => summarizeCompose('services: {}\n', '/p/c.yaml')).toThrow(/has no services/);
    expect(summarizeCompose('services:\n  x: {}\n', '/p/c.yaml').warnings).toEqual([
      'x: neither image nor build; the provider will refuse it',
    ]);
  });

  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('reads the picked file, refusing relative paths, folders and missing files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'burrow-compose-'));
    dirs.push(dir);
    await mkdir(join(dir, 'shop'));
    await writeFile(join(dir, 'shop', 'compose.yaml'), TWO);
    expect((await readComposeFile(join(dir, 'shop', 'compose.yaml'))).project).toBe('shop');
    await expect(readComposeFile('compose.yaml')).rejects.toMatchObject({
      field: 'file',
      message: expect.stringMatching(/absolute/),
    });
    await expect(readComposeFile(join(dir, 'shop'))).rejects.toMatchObject({
      message: expect.stringMatching(/not a file/),
    });
    await expect(readComposeFile(join(dir, 'nope.yaml'))).rejects.toMatchObject({
      message: expect.stringMatching(/does not exist/),
    });
  });
});

describe('compose providers', () => {
  it('reads versions and the tool `podman compose` runs', () => {
    expect(parseProviderVersion('podman version 4.3.1\npodman-composer version  1.0.3\n')).toBe('1.0.3');
    expect(parseProviderVersion('docker-compose version 1.29.2, build unknown')).toBe('1.29.2');
    expect(parseProviderVersion('Docker Compose version v2.20.2')).toBe('2.20.2');
    expect(parseProviderVersion('podman-compose version 1.3.0')).toBe('1.3.0');
    expect(parseProviderVersion('nothing')).toBeUndefined();
    expect(
      parseDelegate('>>>> Executing external compose provider "/usr/bin/podman-compose". Please see …'),
    ).toBe('/usr/bin/podman-compose');
  });

  /** A machine with exactly these commands answering `version`. */
  function machine(answers: Record<string, HostRunResult>, seen: string[][] = []): HostShell {
    return {
      where: 'this machine',
      remote: false,
      async run(argv, opts) {
        seen.push([...argv, JSON.stringify(opts?.env)]);
        const a = answers[argv.slice(0, -1).join(' ')];
        if (!a) throw new Error(`${argv[0]} is not installed on this machine`);
        return a;
      },
      stream: () => {
        throw new Error('not used');
      },
      close: async () => undefined,
    };
  }

  it('takes the first that answers, in order, pointed at the engine’s socket', async () => {
    const seen: string[][] = [];
    const found = await findComposeProviders(
      machine(
        {
          'podman compose': { code: 125, stdout: '', stderr: 'Error: unrecognized command `podman compose`' },
          'podman-compose': { code: 0, stdout: 'podman-composer version  1.0.3', stderr: '' },
          'docker-compose': { code: 0, stdout: 'docker-compose version 1.29.2, build unknown', stderr: '' },
        },
        seen,
      ),
      '/run/user/1000/burrow/podman.sock',
    );
    expect(found.chosen).toEqual({ kind: 'podman-compose', command: ['podman-compose'], version: '1.0.3' });
    expect(found.available.map((p) => p.kind)).toEqual(['podman-compose', 'docker-compose']);
    expect(found.tried).toEqual([
      { kind: 'podman compose', found: false, why: 'Error: unrecognized command `podman compose`' },
      { kind: 'podman-compose', found: true },
      { kind: 'docker-compose', found: true },
      { kind: 'docker compose', found: false, why: 'docker is not installed on this machine' },
    ]);
    expect(seen[0]?.at(-1)).toBe(JSON.stringify(providerEnv('/run/user/1000/burrow/podman.sock')));
    expect(providerEnv('/s')).toEqual({ CONTAINER_HOST: 'unix:///s', DOCKER_HOST: 'unix:///s' });
  });

  it('prefers the one asked for, and says what to install when there is none', async () => {
    const both = machine({
      'podman-compose': { code: 0, stdout: 'podman-compose version 1.3.0', stderr: '' },
      'docker-compose': { code: 0, stdout: 'docker-compose version 1.29.2', stderr: '' },
    });
    expect((await findComposeProviders(both, '/s', { prefer: 'docker-compose' })).chosen?.kind).toBe(
      'docker-compose',
    );
    const none = await findComposeProviders(machine({}), '/s');
    expect(none.chosen).toBeUndefined();
    expect(none.hint).toMatch(/apt install podman-compose/);
  });

  it('names podman compose’s delegate', async () => {
    const found = await findComposeProviders(
      machine({
        'podman compose': {
          code: 0,
          stdout: 'podman-compose version 1.3.0',
          stderr:
            '>>>> Executing external compose provider "/usr/bin/podman-compose". Please see podman-compose(1) <<<<',
        },
      }),
      '/s',
    );
    expect(found.chosen).toEqual({
      kind: 'podman compose',
      command: ['podman', 'compose'],
      version: '1.3.0',
      delegate: '/usr/bin/podman-compose',
    });
  });
});

describe('project logs', () => {
  it('orders timestamps to the nanosecond whatever their digits and zone', () => {
    const a = timeKey('2026-11-25T21:05:33.2142Z');
    const b = timeKey('2026-11-25T21:05:33.214203819Z');
    const c = timeKey('2026-11-25T22:05:33.3+01:00');
    expect(a < b).toBe(true);
    expect(b < c).toBe(true);
    expect(timeKey('2026-11-25T21:05:34Z') > b).toBe(true);
    expect(timeKey(undefined)).toBe('');
  });
});

describe('projectLogs follows by the engine’s clock, not this machine’s', () => {
  // An engine whose clock is an hour behind this machine's (a VM, a remote host): its log's own timestamps.
  const behind = Date.now() - 3_600_000;
  const at = (s: number) => new Date(behind + s * 1000).toISOString().replace('Z', '000000Z');
  const container = (name: string, service: string, createdAt: string): ContainerSummary => ({
    id: `${name}-id`,
    name,
    image: 'localhost/burrow-test/busybox:latest',
    imageId: 'sha',
    command: [],
    state: 'running',
    status: 'Up',
    createdAt,
    ports: [],
    networks: [],
    labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': service },
  });
  function engine(logs: Record<string, LogLine[]>, later: Record<string, LogLine[]>, asked: LogsOptions[]) {
    return {
      containers: {
        list: async () => [container('shop-web-1', 'web', '1'), container('shop-db-1', 'db', '0')],
        async *logs(id: string, o: LogsOptions = {}) {
          const { signal: _signal, ...seen } = o;
          asked.push(seen);
          const all = logs[id] ?? [];
          const since = o.since ?? '';
          const kept = o.follow ? all.filter((l) => (l.timestamp ?? '') >= since) : all;
          yield* o.tail === undefined ? kept : kept.slice(kept.length - o.tail);
          if (!o.follow) return;
          yield* later[id] ?? [];
          await new Promise((r) => o.signal?.addEventListener('abort', r, { once: true }));
        },
      },
    } as unknown as Engine;
  }
  const out = (text: string, s: number): LogLine => ({ stream: 'stdout', text, timestamp: at(s) });

  it('tail 0: only lines after the call, anchored on each log’s last line; an empty log follows from its start', async () => {
    const asked: LogsOptions[] = [];
    const e = engine(
      { 'shop-web-1-id': [out('web-old', 1), out('web-last', 2)], 'shop-db-1-id': [] },
      { 'shop-web-1-id': [out('web-new', 5)], 'shop-db-1-id': [out('db-first', 6)] },
      asked,
    );
    const ac = new AbortController();
    const seen: string[] = [];
    for await (const l of projectLogs(e, 'shop', { tail: 0, follow: true, signal: ac.signal })) {
      seen.push(`${l.service}:${l.text}`);
      if (seen.length === 2) ac.abort();
    }
    expect(seen.sort()).toEqual(['db:db-first', 'web:web-new']);
    const follows = asked.filter((o) => o.follow);
    expect(follows.map((o) => o.since).sort()).toEqual([undefined, at(2)].sort());
  });

  it('tail N: the backlog interleaved by time, then new lines, none twice', async () => {
    const e = engine(
      { 'shop-web-1-id': [out('w1', 1), out('w3', 3)], 'shop-db-1-id': [out('d2', 2)] },
      { 'shop-web-1-id': [out('w5', 5)], 'shop-db-1-id': [] },
      [],
    );
    const ac = new AbortController();
    const seen: string[] = [];
    for await (const l of projectLogs(e, 'shop', { tail: 10, follow: true, signal: ac.signal })) {
      seen.push(l.text);
      if (l.text === 'w5') ac.abort();
    }
    expect(seen).toEqual(['w1', 'd2', 'w3', 'w5']);
  });
});
