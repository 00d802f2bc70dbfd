// Create options proven on the real engine, not only by their SpecGenerator mapping: environment, user, restart
// policy, a valid seccomp profile, the OCI runtime per container, and the network modes — each where this host can
// run it (runc and slirp4netns here, crun and pasta on the guest; the others are refused up front with a reason).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import type { CreateContainerSpec, HostFacts } from '../model/types.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, TEST_LABELS, uniqueName } from './harness/fixtures.js';
import { freePort } from './harness/local-registry.js';
import { getOnEngineHost, onEngineHost, onGuest } from './harness/target.js';

let engine: Engine;
let facts: HostFacts;
let dir: string;
const made: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'options' });
  facts = await engine.system.hostFacts();
  dir = await mkdtemp(join(tmpdir(), 'burrow-options-'));
});

afterEach(async () => {
  // Newest first: a container that shares another's network must go before it.
  for (const c of made.splice(0).reverse())
    await engine.containers.remove(c, { force: true }).catch(() => undefined);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  if (onGuest) await onEngineHost('rm', ['-rf', dir]).catch(() => undefined);
  await engine?.close();
});

async function make(spec: Partial<CreateContainerSpec>, start = true): Promise<string> {
  const { id } = await engine.containers.create({
    image: FIXTURE_IMAGE,
    name: uniqueName('opt'),
    command: ['sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'],
    labels: TEST_LABELS,
    ...spec,
  });
  made.push(id);
  if (start) await engine.containers.start(id);
  return id;
}

const sh = async (id: string, script: string) => engine.containers.exec(id, ['sh', '-c', script]);

async function untilAnswers(url: string): Promise<string> {
  let body = '';
  for (let i = 0; i < 40 && !body; i++) {
    body = await getOnEngineHost(url);
    if (!body) await new Promise((r) => setTimeout(r, 250));
  }
  return body;
}

describe('process options', () => {
  it('environment values keep spaces, "=" and unicode exactly', async () => {
    const id = await make({ env: ['GREETING=hello  world', 'EQ=a=b=c', 'UNI=héllo ✓', 'EMPTY='] });
    const r = await sh(id, 'printf "%s|%s|%s|%s" "$GREETING" "$EQ" "$UNI" "${EMPTY-unset}"');
    expect(r.stdout).toBe('hello  world|a=b=c|héllo ✓|');
  });

  it('user by uid:gid and by name', async () => {
    const a = await make({ user: '1001:1001' });
    expect((await sh(a, 'id -u; id -g')).stdout).toBe('1001\n1001\n');
    const b = await make({ user: 'nobody' });
    expect((await sh(b, 'id -un')).stdout.trim()).toBe('nobody');
  });

  it('restart policy on-failure with 2 retries restarts a failing container twice, then leaves it', async () => {
    const id = await make({
      command: ['sh', '-c', 'exit 3'],
      restartPolicy: 'on-failure',
      restartRetries: 2,
    });
    let raw: { RestartCount?: number; State?: { Status?: string; Restarting?: boolean } } = {};
    for (let i = 0; i < 100; i++) {
      raw = (await engine.containers.inspect(id)).raw as typeof raw;
      if (raw.RestartCount === 2 && raw.State?.Status === 'exited') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(raw.RestartCount).toBe(2);
    expect((await engine.containers.inspect(id)).exitCode).toBe(3);
    expect((await engine.containers.inspect(id)).restartPolicy).toBe('on-failure');
  });

  it('a valid seccomp profile is applied: the syscall it denies fails, others work', async () => {
    const profile = {
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO' }],
    };
    const path = join(dir, 'no-mkdir.json');
    await writeFile(path, JSON.stringify(profile));
    // The engine reads the profile on its own host: put it at the same path there.
    if (onGuest)
      await onEngineHost('sh', ['-c', `mkdir -p ${dir} && cat > ${path}`], {
        input: JSON.stringify(profile),
      });
    const id = await make({ security: { seccompProfile: path } });
    const denied = await sh(id, 'mkdir /tmp/x');
    expect(denied.exitCode).not.toBe(0);
    expect(denied.stderr).toMatch(/Operation not permitted/);
    expect((await sh(id, 'touch /tmp/y && echo ok')).stdout).toBe('ok\n');
    const free = await make({});
    expect((await sh(free, 'mkdir /tmp/x && echo made')).stdout).toBe('made\n');
  });

  it('the OCI runtime per container: the one this host can run', async () => {
    const runtime = onGuest ? 'crun' : 'runc';
    const id = await make({ security: { runtime } });
    expect((await engine.containers.inspect(id)).security.runtime).toBe(runtime);
    expect((await sh(id, 'echo ran')).stdout).toBe('ran\n');
  });
});

describe('network modes', () => {
  it('host: a server in the container is on the host’s own loopback, without publishing', async () => {
    const port = await freePort();
    await make({
      network: { kind: 'host' },
      command: ['httpd', '-f', '-p', `127.0.0.1:${port}`, '-h', '/www'],
    });
    expect(await untilAnswers(`http://127.0.0.1:${port}/`)).toContain('burrow fixture');
  });

  it('container: a second container shares the first one’s network (its loopback reaches the server)', async () => {
    const server = await make({ command: ['httpd', '-f', '-p', '127.0.0.1:8080', '-h', '/www'] });
    const client = await make({ network: { kind: 'container', id: server } });
    let out = '';
    for (let i = 0; i < 20 && !out.includes('burrow fixture'); i++) {
      out = (await sh(client, 'wget -q -O- http://127.0.0.1:8080/ 2>&1')).stdout;
      if (!out) await new Promise((r) => setTimeout(r, 250));
    }
    expect(out).toContain('burrow fixture');
  });

  it('the rootless default network tool this host has answers on a published port', async () => {
    const mode = facts.rootlessNetworkCmd === 'pasta' ? 'pasta' : 'slirp4netns';
    const port = await freePort();
    const id = await make({
      network: { kind: mode },
      ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 8080, protocol: 'tcp' }],
      command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
    });
    expect((await engine.containers.inspect(id)).networkMode).toBe(mode);
    expect(await untilAnswers(`http://127.0.0.1:${port}/`)).toContain('burrow fixture');
  });
});
