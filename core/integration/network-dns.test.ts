// The doctor's "container names on created networks" check against real engines, both ways:
// - the provisioned engine (netavark + aardvark-dns; on the guest, Podman 5's own report): ok, and two containers
//   on a created network reach each other by name;
// - a Podman service of this test's own on the CNI backend, which Debian ships without the dnsname plugin (what
//   a Debian 12 user whose Podman first ran before netavark was installed has): the doctor warns with the fix,
//   and the same two containers reach each other by address but really cannot resolve each other's names.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateServiceStrategy } from '../connection/discovery.js';
import { connectEngine } from '../engine.js';
import type { Engine } from '../engine-api.js';
import { doctor } from '../insight/service.js';
import type { LogLine } from '../model/types.js';
import { openTestEngine, testSocketPath } from './harness/engine.js';
import { FIXTURE_IMAGE, TEST_LABELS, uniqueName } from './harness/fixtures.js';
import { onGuest } from './harness/target.js';

const execFileP = promisify(execFile);

interface Fetched {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface TwoOnANetwork {
  byAddress: Fetched;
  byName: Fetched;
}

/**
 * A server and clients on a network created for the purpose: one client fetches from the server by address
 * (the network itself works), one by name. Only containers, no exec sessions: an exec's conmon lingers for
 * minutes and then runs Podman again with the engine's storage, which for the CNI engine below is gone by then.
 */
async function twoOnANetwork(engine: Engine): Promise<TwoOnANetwork> {
  const net = uniqueName('dns');
  const made: string[] = [];
  await engine.networks.create({ name: net, labels: TEST_LABELS });
  const create = async (name: string, command: string[]) => {
    const { id } = await engine.containers.create({
      name,
      image: FIXTURE_IMAGE,
      command,
      labels: TEST_LABELS,
      network: { kind: 'bridge', networks: [net] },
    });
    made.push(id);
    await engine.containers.start(id);
    return id;
  };
  const output = async (id: string) => {
    const lines: LogLine[] = [];
    for await (const l of engine.containers.logs(id)) lines.push(l);
    const text = (stream: string) =>
      lines
        .filter((l) => l.stream === stream)
        .map((l) => l.text)
        .join('\n');
    return { stdout: text('stdout'), stderr: text('stderr') };
  };
  // httpd and the network's DNS come up asynchronously: a few tries, the same for both outcomes.
  const fetchFrom = async (url: string): Promise<Fetched> => {
    const id = await create(uniqueName('cli'), [
      'sh',
      '-c',
      'for i in $(seq 20); do wget -q -O - "$0" && exit 0; sleep 0.25; done; exit 1',
      url,
    ]);
    const exitCode = await engine.containers.wait(id);
    return { exitCode, ...(await output(id)) };
  };
  try {
    const server = uniqueName('srv');
    const serverId = await create(server, [
      'sh',
      '-c',
      'ip -4 -o addr show eth0; exec httpd -f -p 8080 -h /www',
    ]);
    let addr: string | undefined;
    for (let i = 0; i < 50 && !addr; i++) {
      addr = /inet (\d+\.\d+\.\d+\.\d+)\//.exec((await output(serverId)).stdout)?.[1];
      if (!addr) await new Promise((r) => setTimeout(r, 100));
    }
    expect(addr, 'the server has an address on the created network').toBeDefined();
    const byAddress = await fetchFrom(`http://${addr}:8080/index.html`);
    return { byAddress, byName: await fetchFrom(`http://${server}:8080/index.html`) };
  } finally {
    for (const id of made) await engine.containers.remove(id, { force: true }).catch(() => undefined);
    await engine.networks.remove(net, { force: true }).catch(() => undefined);
  }
}

async function dnsCheck(engine: Engine) {
  const report = await doctor(engine);
  return report.checks.find((c) => c.id === 'network-dns');
}

describe('container names on created networks', () => {
  it('the provisioned engine resolves them, and the doctor says so', async () => {
    const engine = await openTestEngine({ tag: 'dns' });
    try {
      const check = await dnsCheck(engine);
      expect(check?.status, check?.evidence.join('\n')).toBe('ok');
      expect(check?.fix).toBeUndefined();
      const r = await twoOnANetwork(engine);
      expect(r.byAddress.stdout).toContain('hello from the burrow fixture');
      expect(r.byName.exitCode, r.byName.stderr).toBe(0);
      expect(r.byName.stdout).toContain('hello from the burrow fixture');
    } finally {
      await engine.close();
    }
  });

  // A second Podman on this machine's CNI plugins: not something to start on the guest (Podman 5 has no CNI).
  describe.skipIf(onGuest)('a Podman on the CNI backend without the dnsname plugin', () => {
    let dir = '';
    let podman = '';
    let engine: Engine | undefined;

    beforeAll(async () => {
      const main = await openTestEngine({ tag: 'dns-main' });
      const facts = await main.system.hostFacts().finally(() => main.close());
      // Podman's own global options give it its own storage, network configs and libpod tmp dir (so its own
      // rootless namespace and event log), with the storage driver this host's Podman uses; the runtime comes
      // from the user's containers.conf as usual. A wrapper, so the service and the CLI agree.
      dir = await mkdtemp(join(tmpdir(), 'bt-cni-'));
      podman = join(dir, 'podman');
      const opts = [
        `--root=${dir}/graph`,
        `--runroot=${dir}/run`,
        `--tmpdir=${dir}/tmp`,
        `--storage-driver=${facts.storageDriver}`,
        '--network-backend=cni',
        `--network-config-dir=${dir}/cni`,
        '--events-backend=file',
      ];
      await writeFile(podman, `#!/bin/sh\nexec podman ${opts.join(' ')} "$@"\n`, { mode: 0o755 });
      const archive = join(dir, 'fixture.tar');
      await execFileP('podman', ['save', '-q', '-o', archive, FIXTURE_IMAGE], { timeout: 120_000 });
      await execFileP(podman, ['load', '-q', '-i', archive], { timeout: 120_000 });
      engine = await connectEngine({
        strategies: [privateServiceStrategy({ socketPath: testSocketPath('cni'), podmanPath: podman })],
      });
    });

    afterAll(async () => {
      await engine?.close();
      if (!dir) return;
      // The layers belong to subordinate ids: remove them inside that user namespace, then end the namespace's
      // pause process (started for this tmp dir only, so by its PID).
      const pause = Number(await readFile(join(dir, 'tmp', 'pause.pid'), 'utf8').catch(() => ''));
      await execFileP(podman, ['unshare', 'rm', '-rf', join(dir, 'graph'), join(dir, 'run')]).catch(
        () => undefined,
      );
      if (pause > 0) process.kill(pause, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    });

    it('the doctor warns, with the fix, and the containers really cannot resolve each other', async () => {
      if (!engine) throw new Error('no engine');
      const facts = await engine.system.hostFacts();
      expect(facts.networkBackend).toBe('cni');
      const check = await dnsCheck(engine);
      expect(check?.status, check?.evidence.join('\n')).toBe('warn');
      expect(check?.summary).toMatch(/cannot reach each other by name/);
      expect(check?.evidence).toContain('engine: networkBackend cni');
      expect(check?.evidence.join('\n')).toMatch(/dnsname: not in .*\/usr\/lib\/cni/);
      expect(check?.fix).toMatch(/apt-get install netavark aardvark-dns[\s\S]*network_backend = "netavark"/);
      const r = await twoOnANetwork(engine);
      expect(r.byAddress.exitCode, r.byAddress.stderr).toBe(0);
      expect(r.byAddress.stdout).toContain('hello from the burrow fixture');
      expect(r.byName.exitCode).not.toBe(0);
      expect(r.byName.stderr).toMatch(/bad address/);
    });
  });
});
