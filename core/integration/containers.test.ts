// Containers through core against real rootless Podman: user namespace modes, ports, networks, logs, exec.
import { userInfo } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import type { CreateContainerSpec } from '../model/types.js';
import { parseIdMap, toHostId } from '../insight/uid-mapping.js';
import { openTestEngine } from './harness/engine.js';
import {
  FIXTURE_IMAGE,
  FIXTURE_IMAGE_USER1001,
  podmanCli,
  podmanSleeper,
  TEST_LABELS,
  uniqueName,
} from './harness/fixtures.js';
import { freePort } from './harness/local-registry.js';
import { getOnEngineHost, guestTarget, onGuest, readEngineHostFile } from './harness/target.js';

let engine: Engine;
const containers: string[] = [];
const networks: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'containers' });
});

afterEach(async () => {
  for (const c of containers.splice(0))
    await engine.containers.remove(c, { force: true, volumes: true }).catch(() => undefined);
  for (const n of networks.splice(0)) await engine.networks.remove(n, { force: true }).catch(() => undefined);
});

afterAll(async () => {
  await engine?.close();
});

async function run(spec: Partial<CreateContainerSpec> & { name?: string }): Promise<string> {
  const name = spec.name ?? uniqueName('c');
  const { id } = await engine.containers.create({
    image: FIXTURE_IMAGE,
    command: ['sleep', '600'],
    labels: TEST_LABELS,
    ...spec,
    name,
  });
  containers.push(id);
  await engine.containers.start(id);
  return id;
}

/** The engine user's first subordinate uid, from its /etc/subuid (on whichever host runs the engine). */
async function firstSubordinate(): Promise<number> {
  const { uid } = await engine.system.hostFacts();
  const user = onGuest ? guestTarget().user : userInfo().username;
  for (const line of (await readEngineHostFile('/etc/subuid')).split('\n')) {
    const [owner, start] = line.split(':');
    if (owner === user || owner === String(uid)) return Number(start);
  }
  throw new Error('no subuid range');
}

/** A process's uid_map and real ids as the engine's kernel sees them. */
async function hostView(pid: number) {
  const map = parseIdMap(await readEngineHostFile(`/proc/${pid}/uid_map`));
  const status = await readEngineHostFile(`/proc/${pid}/status`);
  return { map, uid: Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) };
}

describe('user namespace modes', () => {
  let uid = -1;
  beforeAll(async () => {
    uid = (await engine.system.hostFacts()).uid;
    expect(uid).toBe(onGuest ? 1000 : process.getuid?.());
  });

  it('keep-id: `id -u` inside equals the user’s uid', async () => {
    const id = await run({ userns: { kind: 'keep-id' } });
    const r = await engine.containers.exec(id, ['id', '-u']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(String(uid));
    expect((await engine.containers.inspect(id)).userns).toEqual({ kind: 'keep-id' });
  });

  it('keep-id:uid=1001,gid=1001 maps container uid 1001 to the user', async () => {
    const id = await run({
      image: FIXTURE_IMAGE_USER1001,
      userns: { kind: 'keep-id', uid: 1001, gid: 1001 },
    });
    const detail = await engine.containers.inspect(id);
    expect(detail.userns).toEqual({ kind: 'keep-id', uid: 1001, gid: 1001 });
    const { map, uid: realUid } = await hostView(detail.pid!);
    expect(toHostId(map, 1001)).toBe(uid);
    expect(realUid).toBe(uid);
    expect((await engine.containers.exec(id, ['id', '-u'])).stdout.trim()).toBe('1001');
  });

  it('nomap: container root is the first subordinate uid, and the user is not mapped', async () => {
    const id = await run({ userns: { kind: 'nomap' } });
    const detail = await engine.containers.inspect(id);
    expect(detail.userns).toEqual({ kind: 'nomap' });
    const { map, uid: realUid } = await hostView(detail.pid!);
    const sub = await firstSubordinate();
    expect(toHostId(map, 0)).toBe(sub);
    expect(map.some((m) => uid >= m.hostId && uid < m.hostId + m.size)).toBe(false);
    expect(realUid).toBe(sub);
  });

  it('host (default): container root is the user, uid 1001 is a subordinate uid', async () => {
    const id = await run({ image: FIXTURE_IMAGE_USER1001 });
    const detail = await engine.containers.inspect(id);
    expect(detail.userns).toEqual({ kind: 'host' });
    const { map } = await hostView(detail.pid!);
    expect(toHostId(map, 0)).toBe(uid);
    expect(toHostId(map, 1001)).toBe((await firstSubordinate()) + 1000);
  });
});

describe('networking', () => {
  it('a published port answers on 127.0.0.1', async () => {
    const port = await freePort();
    const id = await run({
      command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
      ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 8080, protocol: 'tcp' }],
    });
    let body = '';
    for (let i = 0; i < 50 && !body; i++) {
      body = await getOnEngineHost(`http://127.0.0.1:${port}/index.html`);
      if (!body) await new Promise((r) => setTimeout(r, 200));
    }
    expect(body).toContain('hello from the burrow fixture');
    expect((await engine.containers.inspect(id)).ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: port, containerPort: 8080, protocol: 'tcp' },
    ]);
  });

  it('two containers on a created network reach each other by name', async () => {
    const net = uniqueName('net');
    await engine.networks.create({ name: net, labels: TEST_LABELS });
    networks.push(net);
    const server = uniqueName('srv');
    await run({
      name: server,
      network: { kind: 'bridge', networks: [net] },
      command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
    });
    const client = await run({ network: { kind: 'bridge', networks: [net] } });
    let r = { exitCode: -1, stdout: '', stderr: '' };
    for (let i = 0; i < 20 && r.exitCode !== 0; i++) {
      r = await engine.containers.exec(client, ['wget', '-q', '-O', '-', `http://${server}:8080/index.html`]);
      if (r.exitCode !== 0) await new Promise((res) => setTimeout(res, 300));
    }
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('hello from the burrow fixture');
    const inspected = await engine.networks.inspect(net);
    expect(inspected.containers).toHaveLength(2);
  });
});

describe('lifecycle, logs and exec', () => {
  it('demultiplexes stdout and stderr in logs, with tail and timestamps', async () => {
    const id = await run({ command: ['sh', '-c', 'echo out-1; echo err-1 >&2; echo out-2; sleep 600'] });
    await new Promise((r) => setTimeout(r, 1000));
    const lines = [];
    for await (const l of engine.containers.logs(id)) lines.push(l);
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual(['out-1', 'out-2']);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['err-1']);
    // conmon reads stdout and stderr from separate pipes, so their relative order in the log may differ:
    // tail counts lines of both streams, and the stream filter applies after it.
    const tail = [];
    for await (const l of engine.containers.logs(id, { tail: 1, timestamps: true })) tail.push(l);
    expect(tail).toHaveLength(1);
    expect(['out-2', 'err-1']).toContain(tail[0]?.text);
    expect(Number.isNaN(Date.parse(tail[0]?.timestamp ?? ''))).toBe(false);
    const onlyOut = [];
    for await (const l of engine.containers.logs(id, { stderr: false })) onlyOut.push(l);
    expect(onlyOut.map((l) => `${l.stream}:${l.text}`)).toEqual(['stdout:out-1', 'stdout:out-2']);
  });

  it('follows logs until aborted', async () => {
    const id = await run({
      command: ['sh', '-c', 'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.2; done'],
    });
    const ac = new AbortController();
    const got: string[] = [];
    for await (const l of engine.containers.logs(id, { follow: true, signal: ac.signal })) {
      got.push(l.text);
      if (got.length === 3) ac.abort();
    }
    expect(got.slice(0, 3)).toEqual(['tick-0', 'tick-1', 'tick-2']);
  });

  it('reports exec and wait exit codes, renames, stops and kills', async () => {
    const id = await run({});
    expect((await engine.containers.exec(id, ['sh', '-c', 'echo hi; exit 3'])).exitCode).toBe(3);
    const newName = uniqueName('renamed');
    await engine.containers.rename(id, newName);
    expect((await engine.containers.inspect(id)).name).toBe(newName);
    const top = await engine.containers.top(id);
    expect(top.processes.some((p) => p.join(' ').includes('sleep'))).toBe(true);
    await engine.containers.kill(id, 'SIGKILL');
    expect(await engine.containers.wait(id)).toBe(137);
    const d = await engine.containers.inspect(id);
    expect(d.state).toBe('exited');
    expect(d.exitCode).toBe(137);
  });

  it('pauses where the freezer is available to the user, and says why not where it is not', async () => {
    const id = await run({});
    const facts = await engine.system.hostFacts();
    if (facts.cgroupVersion === 'v2') {
      await engine.containers.pause(id);
      expect((await engine.containers.inspect(id)).state).toBe('paused');
      await engine.containers.unpause(id);
    } else {
      // Rootless on cgroup v1 has no freezer of its own.
      await expect(engine.containers.pause(id)).rejects.toMatchObject({
        code: 'unsupported_on_host',
        hint: expect.stringMatching(/cgroup v2/),
      });
    }
    expect((await engine.containers.inspect(id)).state).toBe('running');
  });

  it('waits for a short-lived container’s exit code; restart and stop with a timeout', async () => {
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name: uniqueName('exit'),
      command: ['sh', '-c', 'exit 7'],
      labels: TEST_LABELS,
    });
    containers.push(id);
    await engine.containers.start(id);
    expect(await engine.containers.wait(id)).toBe(7);
    const long = await run({});
    await engine.containers.restart(long, { timeoutSeconds: 0 });
    expect((await engine.containers.inspect(long)).state).toBe('running');
    await engine.containers.stop(long, { timeoutSeconds: 0 });
    expect((await engine.containers.inspect(long)).state).toBe('exited');
    // Starting a running container and stopping a stopped one are not errors (304).
    await engine.containers.stop(long);
  });

  it('stop without a timeout honours the container’s own --stop-timeout', async () => {
    const name = uniqueName('stoptimeout');
    // `sleep` as PID 1 ignores SIGTERM, so stop lasts exactly the stop timeout before SIGKILL.
    await podmanSleeper('create', name);
    const id = (await engine.containers.inspect(name)).id;
    containers.push(id);
    await engine.containers.start(id);
    const t0 = Date.now();
    await engine.containers.stop(id);
    // 1 s, not the 10 s default a hard-coded timeout would impose (a wide margin for a loaded host).
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect((await engine.containers.inspect(id)).state).toBe('exited');
  });

  it('lists with filters and prunes stopped containers', async () => {
    const a = await run({ labels: { ...TEST_LABELS, 'bt.filter': 'yes' } });
    const list = await engine.containers.list({ all: true, filters: { label: ['bt.filter=yes'] } });
    expect(list.map((c) => c.id)).toEqual([a]);
    expect(list[0]?.state).toBe('running');
    expect(list[0]?.status).toMatch(/^Up/);
    await engine.containers.stop(a, { timeoutSeconds: 0 });
    const pruned = await engine.containers.prune();
    expect(pruned.removed).toContain(a);
    await expect(engine.containers.inspect(a)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('create', () => {
  it('rejects a bad input with the field named and creates nothing', async () => {
    const before = await podmanCli(['ps', '-a', '--format', '{{.Names}}']);
    await expect(
      engine.containers.create({ image: FIXTURE_IMAGE, name: uniqueName('bad'), limits: { memory: '12zb' } }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'limits.memory' });
    expect(await podmanCli(['ps', '-a', '--format', '{{.Names}}'])).toBe(before);
  });

  it('warns that limits are not enforced here, keeps the request in a label, and the engine shows 0', async () => {
    const facts = await engine.system.hostFacts();
    const name = uniqueName('limits');
    const res = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name,
      command: ['sleep', '60'],
      labels: TEST_LABELS,
      limits: { memory: '64m', cpus: 0.5, pidsLimit: 50 },
    });
    containers.push(res.id);
    const d = await engine.containers.inspect(res.id);
    expect(d.requestedLimits).toEqual({ memory: '64m', cpus: 0.5, pidsLimit: 50 });
    if (facts.limitsEnforced) {
      expect(res.warnings.filter((w) => w.code === 'limits_not_enforced')).toEqual([]);
      expect(d.enforcedLimits.memory).toBe(64 * 1024 * 1024);
    } else {
      const w = res.warnings.find((x) => x.code === 'limits_not_enforced');
      expect(w?.fields).toEqual(['limits.memory', 'limits.cpus', 'limits.pidsLimit']);
      expect(w?.message).toContain(facts.limitsReason);
      expect(d.enforcedLimits).toMatchObject({ memory: 0, nanoCpus: 0 });
    }
  });

  it('maps the security options to what the engine applies', async () => {
    const id = await run({
      security: {
        capDrop: ['ALL'],
        capAdd: ['NET_BIND_SERVICE'],
        noNewPrivileges: true,
        readOnlyRootfs: true,
      },
      mounts: [{ type: 'tmpfs', target: '/tmp', size: '16m' }],
    });
    const d = await engine.containers.inspect(id);
    expect(d.security.readOnlyRootfs).toBe(true);
    expect(d.security.noNewPrivileges).toBe(true);
    expect(d.effectiveCaps).toEqual(['NET_BIND_SERVICE']);
    const w = await engine.containers.exec(id, [
      'sh',
      '-c',
      'touch /etc/x 2>&1; echo ok > /tmp/y && cat /tmp/y',
    ]);
    expect(w.stdout).toContain('Read-only file system');
    expect(w.stdout).toContain('ok');
  });
});
