// What only a modern rootless host shows, proven on the Debian 13 guest (Podman 5, cgroup v2 with every limit
// controller delegated as the doctor's fix says, crun, pasta, Quadlet), reached the way a user reaches a remote
// engine: Burrow's SSH connection.
// Runs in the `guest` vitest project only (scripts/test.mjs boots the guest when this machine can).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import type { CreateContainerSpec } from '../model/types.js';
import { doctor } from '../insight/service.js';
import { toQuadlet } from '../insight/quadlet.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, OOM_SCRIPT, podmanCli, TEST_LABELS, uniqueName } from './harness/fixtures.js';
import { freePort } from './harness/local-registry.js';
import { getOnEngineHost, onEngineHost, onGuest } from './harness/target.js';

let engine: Engine;
const containers: string[] = [];

beforeAll(async () => {
  if (!onGuest) throw new Error('guest-host.test.ts runs against the guest only (BURROW_TEST_TARGET=guest)');
  engine = await openTestEngine({ tag: 'guest' });
});

afterEach(async () => {
  for (const c of containers.splice(0))
    await engine.containers.remove(c, { force: true, volumes: true }).catch(() => undefined);
});

afterAll(async () => {
  await engine?.close();
});

async function create(spec: Partial<CreateContainerSpec>, start = true) {
  const res = await engine.containers.create({
    image: FIXTURE_IMAGE,
    name: uniqueName('g'),
    command: ['sleep', '600'],
    labels: TEST_LABELS,
    ...spec,
  });
  containers.push(res.id);
  if (start) await engine.containers.start(res.id);
  return res;
}

const exec = async (id: string, script: string) => engine.containers.exec(id, ['sh', '-c', script]);

describe('the remote engine over SSH', () => {
  it('is Podman 5 with crun, pasta, overlay and cgroup v2 — facts from /libpod/info, not this machine', async () => {
    const c = engine.connection();
    expect(c.kind).toBe('ssh');
    expect(c.uri).toMatch(/^ssh:\/\/tester@127\.0\.0\.1:\d+\/run\/user\/1000\/podman\/podman\.sock$/);
    expect(c.podmanVersion).toMatch(/^5\./);
    const f = await engine.system.hostFacts();
    expect(f).toMatchObject({
      rootless: true,
      uid: 1000,
      hostname: 'burrow-guest',
      cgroupVersion: 'v2',
      ociRuntime: 'crun',
      rootlessNetworkCmd: 'pasta',
      storageDriver: 'overlay',
      limitsEnforced: true,
    });
    expect(f.cgroupControllers).toEqual(expect.arrayContaining(['cpu', 'memory', 'pids']));
    expect(f.enforceableLimits).toEqual(expect.arrayContaining(['cpu', 'memory', 'pids']));
    // Local-only facts are not borrowed from this machine for a remote engine.
    expect(f.unprivilegedPortStart).toBeUndefined();
  });
});

describe('limits are enforced on cgroup v2 with delegation', () => {
  it('a memory limit OOM-kills an allocation past it, and Burrow reports the OOM exit', async () => {
    const { id, warnings } = await create(
      {
        command: ['sh', '-c', OOM_SCRIPT],
        limits: { memory: '32m' },
      },
      true,
    );
    expect(warnings.filter((w) => w.code === 'limits_not_enforced')).toEqual([]);
    const code = await engine.containers.wait(id);
    // Podman records the OOM kill in its cleanup, a moment after the exit that ends the wait.
    let d = await engine.containers.inspect(id);
    for (let i = 0; i < 50 && !d.oomKilled; i++) {
      await new Promise((r) => setTimeout(r, 100));
      d = await engine.containers.inspect(id);
    }
    expect(d.enforcedLimits.memory).toBe(32 * 1024 * 1024);
    expect(code).toBe(137);
    expect(d.oomKilled).toBe(true);
    expect(d.requestedLimits).toEqual({ memory: '32m' });
  });

  it('cpus → cpu.max, pids → pids.max, and a fork loop is stopped at the limit', async () => {
    const { id } = await create({ limits: { cpus: 0.5, pidsLimit: 50, memory: '64m' } });
    expect((await exec(id, 'cat /sys/fs/cgroup/cpu.max')).stdout.trim()).toBe('50000 100000');
    expect((await exec(id, 'cat /sys/fs/cgroup/pids.max')).stdout.trim()).toBe('50');
    expect((await exec(id, 'cat /sys/fs/cgroup/memory.max')).stdout.trim()).toBe(String(64 * 1024 * 1024));
    const d = await engine.containers.inspect(id);
    expect(d.enforcedLimits).toMatchObject({
      memory: 64 * 1024 * 1024,
      nanoCpus: 500_000_000,
      pidsLimit: 50,
    });
    // 200 background sleeps against a limit of 50 processes: the subshell's fork fails and it gives up. The
    // outer shell then reports with builtins only (read/echo), since it could not fork either.
    const fork = await exec(
      id,
      '(for i in $(seq 1 200); do sleep 30 & done) 2>/tmp/err; read cur < /sys/fs/cgroup/pids.current; read err < /tmp/err; echo "$cur"; echo "$err"',
    );
    const [current, firstError] = fork.stdout.trim().split('\n');
    expect(Number(current)).toBeLessThanOrEqual(50);
    expect(firstError).toMatch(/can't fork: Resource temporarily unavailable/);
  });
});

describe('pause on cgroup v2', () => {
  it('pauses and unpauses (the freezer is there for rootless containers on cgroup v2)', async () => {
    const { id } = await create({});
    await engine.containers.pause(id);
    expect((await engine.containers.inspect(id)).state).toBe('paused');
    await engine.containers.unpause(id);
    expect((await engine.containers.inspect(id)).state).toBe('running');
  });
});

describe('the doctor on the guest', () => {
  it('reports cgroup v2 with every limit controller delegated and limits enforced, with no fix to offer', async () => {
    const report = await doctor(engine);
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId.rootless?.status).toBe('ok');
    expect(byId.cgroups?.status).toBe('ok');
    expect(byId.cgroups?.summary).toMatch(/cgroup v2/);
    expect(byId.cgroups?.evidence.join(' ')).toMatch(/delegated to the user: .*\bio\b/);
    expect(byId.cgroups?.summary).toBe('cgroup v2 with cpu, memory, io and pids delegated to you');
    expect(byId.cgroups?.fix).toBeUndefined();
    expect(byId.limits).toMatchObject({ status: 'ok', summary: 'Limits you set are enforced' });
    expect(byId.limits?.fix).toBeUndefined();
    expect(byId.runtime?.evidence.join(' ')).toContain('crun');
    expect(byId.network?.evidence.join(' ')).toMatch(/pasta/);
    for (const c of report.checks) expect(c.evidence.length).toBeGreaterThan(0);
  });
});

describe('networking and Quadlet on the guest', () => {
  it('a published port answers through pasta', async () => {
    const port = await freePort();
    const { id } = await create({
      command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
      ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 8080, protocol: 'tcp' }],
    });
    let body = '';
    for (let i = 0; i < 50 && !body; i++) {
      body = await getOnEngineHost(`http://127.0.0.1:${port}/index.html`);
      if (!body) await new Promise((r) => setTimeout(r, 300));
    }
    expect(body).toContain('hello from the burrow fixture');
    const pid = (await engine.containers.inspect(id)).pid;
    // The container's network namespace is served by a pasta process on the guest.
    const procs = await onEngineHost('ps', ['-eo', 'comm']);
    expect(procs.split('\n').map((l) => l.trim())).toContain('pasta.avx2');
    expect(pid).toBeGreaterThan(0);
  });

  it('exports a Quadlet unit that Podman’s generator accepts (quadlet -dryrun -user)', async () => {
    const { id } = await create(
      {
        userns: { kind: 'keep-id' },
        security: { capDrop: ['ALL'], noNewPrivileges: true, readOnlyRootfs: true },
        limits: { memory: '64m', cpus: 0.5 },
      },
      false,
    );
    const unit = toQuadlet(await engine.containers.inspect(id));
    const dir = `/tmp/${uniqueName('quadlet')}`;
    const out = await onEngineHost(
      'sh',
      [
        '-c',
        `mkdir -p ${dir} && cat > ${dir}/${unit.fileName} && QUADLET_UNIT_DIRS=${dir} /usr/libexec/podman/quadlet -dryrun -user; rc=$?; rm -rf ${dir}; exit $rc`,
      ],
      { input: unit.text },
    );
    expect(out).toContain('ExecStart=/usr/bin/podman run');
    expect(out).toMatch(/--userns[= ]keep-id/);
    expect(out).toContain('--cap-drop all');
    expect(out).toContain('--read-only');
    expect(out).toContain('--memory=64m');
  });

  it('the exported unit runs as the user’s systemd service, limits included', async () => {
    const { id } = await create(
      { command: ['httpd', '-f', '-p', '8080', '-h', '/www'], limits: { memory: '64m', pidsLimit: 64 } },
      false,
    );
    const detail = await engine.containers.inspect(id);
    const unit = toQuadlet(detail);
    // The service recreates the container under the same name: this one only served as the template.
    await engine.containers.remove(id, { force: true });
    const file = `~/.config/containers/systemd/${unit.fileName}`;
    await onEngineHost(
      'sh',
      [
        '-c',
        `mkdir -p ~/.config/containers/systemd && cat > ${file} && systemctl --user daemon-reload && systemctl --user start ${unit.serviceName}`,
      ],
      { input: unit.text, timeoutMs: 180_000 },
    );
    try {
      let d = await engine.containers.inspect(detail.name).catch(() => undefined);
      for (let i = 0; i < 100 && d?.state !== 'running'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        d = await engine.containers.inspect(detail.name).catch(() => undefined);
      }
      expect(d?.state).toBe('running');
      expect(d?.enforcedLimits).toMatchObject({ memory: 64 * 1024 * 1024, pidsLimit: 64 });
      expect(d?.labels['PODMAN_SYSTEMD_UNIT']).toBe(unit.serviceName);
    } finally {
      await onEngineHost('sh', [
        '-c',
        `systemctl --user stop ${unit.serviceName}; rm -f ${file}; systemctl --user daemon-reload`,
      ]).catch(() => undefined);
      await engine.containers.remove(detail.name, { force: true }).catch(() => undefined);
    }
  });

  it('the CLI on the guest sees what Burrow created', async () => {
    const { id } = await create({}, false);
    expect((await podmanCli(['inspect', '-f', '{{.OCIRuntime}}', id])).trim()).toBe('crun');
  });
});
