// What the bad-input rows need from a real host: an existing container (duplicate name), a port in use,
// seccomp files that are not JSON / have no defaultAction. Used by the engine and the headless-API suites.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../engine-api.js';
import type { BadInput } from '../../model/bad-inputs.js';
import { FIXTURE_IMAGE, TEST_LABELS, uniqueName } from './fixtures.js';
import { onGuest } from './target.js';

export interface BadInputEnv {
  materialise(row: BadInput): Record<string, unknown>;
  /** Rows whose premise does not hold on this host (port 80 is unprivileged here) */
  applies(row: BadInput): Promise<boolean>;
  close(): Promise<void>;
}

export async function openBadInputEnv(engine: Engine): Promise<BadInputEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'burrow-bad-'));
  await writeFile(join(dir, 'bad.json'), 'this is not json');
  await writeFile(join(dir, 'nodefault.json'), '{"syscalls": []}');
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '0.0.0.0', () => r()));
  const addr = server.address();
  const busyPort = typeof addr === 'object' && addr ? addr.port : 0;
  const existing = uniqueName('existing');
  await engine.containers.create({
    image: FIXTURE_IMAGE,
    name: existing,
    command: ['true'],
    labels: TEST_LABELS,
  });
  const pod = uniqueName('badpod');
  await engine.pods.create({ name: pod, labels: TEST_LABELS });
  const facts = await engine.system.hostFacts();
  /** Premises about the engine's host, read from its facts (they differ between this machine and the guest). */
  const hostPremise: Partial<Record<NonNullable<BadInput['needs']>, boolean>> = {
    'no-pasta': /^4\.[0-3]\./.test(facts.podmanVersion) || !facts.pastaPath,
    'no-slirp4netns': !facts.slirp4netnsPath,
    'cgroup-v1': facts.rootless && facts.cgroupVersion === 'v1',
  };
  return {
    materialise(row) {
      const text = JSON.stringify(row.spec)
        .replace('__EXISTING__', existing)
        .replace('__POD__', pod)
        .replace('"hostPort":-1', `"hostPort":${busyPort}`)
        .replace('__BAD_SECCOMP__', join(dir, 'bad.json'))
        .replace('__NO_DEFAULT_SECCOMP__', join(dir, 'nodefault.json'));
      return JSON.parse(text) as Record<string, unknown>;
    },
    async applies(row) {
      // These premises are made on this machine (a listening port, files, a missing path); for a remote engine
      // Burrow leaves those checks to the engine, which has its own ports and files.
      if (
        onGuest &&
        ['port-in-use', 'missing-path', 'bad-seccomp', 'no-seccomp-default'].includes(row.needs ?? '')
      )
        return false;
      const premise = row.needs ? hostPremise[row.needs] : undefined;
      if (premise !== undefined) return premise;
      if (row.needs !== 'privileged-port') return true;
      // A remote engine's sysctl is not readable through the API, so Burrow cannot refuse port 80 up front there.
      const start = (await engine.system.hostFacts()).unprivilegedPortStart;
      return start !== undefined && start > 80;
    },
    async close() {
      await engine.containers.remove(existing, { force: true }).catch(() => undefined);
      await engine.pods.remove(pod, { force: true }).catch(() => undefined);
      server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
