// Smoke tests of the test host itself, independent of core/: if these fail, the machine is not a working
// rootless Podman host and every other integration failure is noise. They talk to a `podman system service`
// of their own over its unix socket with plain node:http.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, podmanCli, TEST_LABEL, uniqueName } from './harness/fixtures.js';

interface RawResponse {
  status: number;
  body: string;
}

function call(socketPath: string, method: string, path: string, body?: unknown): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(
      {
        socketPath,
        method,
        path,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function firstSubordinateId(
  file: '/etc/subuid' | '/etc/subgid',
  user: string,
  uid: number,
): Promise<number> {
  const text = await readFile(file, 'utf8');
  for (const line of text.split('\n')) {
    const [owner, start] = line.split(':');
    if (owner === user || owner === String(uid)) return Number(start);
  }
  throw new Error(`no ${file} entry for ${user}`);
}

describe('rootless Podman test host', () => {
  const dir = join(process.env.XDG_RUNTIME_DIR ?? '/nonexistent', `burrow-smoke-${process.pid}`);
  const socketPath = join(dir, 'podman.sock');
  let service: ChildProcess | undefined;
  const created: string[] = [];

  beforeAll(async () => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    service = spawn('podman', ['system', 'service', '--time=0', `unix://${socketPath}`], { stdio: 'ignore' });
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if ((await call(socketPath, 'GET', '/_ping')).status === 200) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('podman system service did not answer /_ping within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    for (const name of created)
      await call(socketPath, 'DELETE', `/v4.0.0/libpod/containers/${name}?force=true`);
    if (service && service.exitCode === null) {
      const exited = new Promise((r) => service?.once('exit', r));
      service.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  // Created with the podman CLI's --userns (the host's ground truth: Podman 4.3's API rejects nsmode "nomap",
  // which core works around), then started and inspected over the socket.
  async function runAndReadMaps(userns: string) {
    const name = uniqueName('smoke');
    await podmanCli([
      'create',
      '--name',
      name,
      '--label',
      `${TEST_LABEL}=1`,
      `--userns=${userns}`,
      FIXTURE_IMAGE,
      'sleep',
      '300',
    ]);
    created.push(name);
    const start = await call(socketPath, 'POST', `/v4.0.0/libpod/containers/${name}/start`);
    expect(start.status, start.body).toBe(204);
    const inspect = JSON.parse(
      (await call(socketPath, 'GET', `/v4.0.0/libpod/containers/${name}/json`)).body,
    ) as {
      State: { Pid: number };
    };
    const pid = inspect.State.Pid;
    expect(pid).toBeGreaterThan(0);
    const uidMap = (await readFile(`/proc/${pid}/uid_map`, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const hostUid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    return { name, uidMap, hostUid };
  }

  it('answers the libpod API on its unix socket and reports rootless', async () => {
    const info = await call(socketPath, 'GET', '/v4.0.0/libpod/info');
    expect(info.status).toBe(200);
    const parsed = JSON.parse(info.body) as { host: { security: { rootless: boolean } } };
    expect(parsed.host.security.rootless).toBe(true);
  });

  it('keep-id runs the container process as the user', async () => {
    const uid = process.getuid?.() ?? -1;
    const { uidMap, hostUid } = await runAndReadMaps('keep-id');
    expect(hostUid).toBe(uid);
    // keep-id maps the user's own uid to the same uid inside the container
    expect(uidMap.some(([inside, outside, size]) => inside === uid && outside === uid && size === 1)).toBe(
      true,
    );
  });

  it('nomap maps container root to the first subordinate uid', async () => {
    const uid = process.getuid?.() ?? -1;
    const user = process.env.USER ?? (await readFile('/proc/self/loginuid', 'utf8'));
    const sub = await firstSubordinateId('/etc/subuid', user, uid);
    const { uidMap, hostUid } = await runAndReadMaps('nomap');
    expect(uidMap[0]?.[0]).toBe(0);
    expect(uidMap[0]?.[1]).toBe(sub);
    expect(hostUid).toBe(sub);
    // and the user's own uid is not mapped at all
    expect(uidMap.some(([, outside]) => outside === uid)).toBe(false);
  });

  it('has a local registry with the fixtures pushed', async () => {
    const registry = process.env.BURROW_TEST_REGISTRY;
    expect(registry).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await fetch(`http://${registry}/v2/burrow-test/busybox/tags/list`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tags: string[] }).tags).toContain('latest');
  });
});
