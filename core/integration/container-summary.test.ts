// `containers.summary(id)` (one inspect, the live list's per-event fetch) against the engine's own list entry for
// the same container: field for field equal, for containers in every shape the list shows — published port
// ranges, UDP on a host address, a pod and its infra container, a created network, labels, exited with a code,
// created only with an entrypoint, running, paused where the host can pause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { statusText } from '../clients/containers-mapping.js';
import type { ContainerSummary } from '../model/types.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, podmanCli, TEST_LABEL, uniqueName } from './harness/fixtures.js';

let engine: Engine;
const prefix = uniqueName('sum');
const pod = `${prefix}-pod`;
const net = `${prefix}-net`;
const label = ['--label', `${TEST_LABEL}=1`];
let paused = false;

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'summary' });
  await podmanCli(['network', 'create', ...label, net]);
  await podmanCli(['pod', 'create', ...label, '--name', pod, '-p', '19191:80']);
  const sleeper = [FIXTURE_IMAGE, 'sleep', '600'];
  await podmanCli([
    'create',
    ...label,
    '--name',
    `${prefix}-ports`,
    '-p',
    '18000-18002:80-82',
    '-p',
    '127.0.0.1:19000:90/udp',
    '-p',
    '18005:85',
    '-p',
    '18006:86',
    '--label',
    'colour=blue',
    ...sleeper,
  ]);
  await podmanCli(['create', ...label, '--name', `${prefix}-inpod`, '--pod', pod, ...sleeper]);
  await podmanCli(['create', ...label, '--name', `${prefix}-net`, '--network', net, ...sleeper]);
  await podmanCli(['create', ...label, '--name', `${prefix}-expose`, '--expose', '7000', '-P', ...sleeper]);
  await podmanCli([
    'create',
    ...label,
    '--name',
    `${prefix}-entry`,
    '--entrypoint',
    '/bin/sh',
    FIXTURE_IMAGE,
  ]);
  await podmanCli(['run', ...label, '--name', `${prefix}-exit`, FIXTURE_IMAGE, 'sh', '-c', 'exit 3']).catch(
    () => undefined, // the CLI passes the exit code on
  );
  await podmanCli(['run', '-d', ...label, '--name', `${prefix}-run`, ...sleeper]);
  await podmanCli(['run', '-d', ...label, '--name', `${prefix}-paused`, ...sleeper]);
  // A check that fails once is unhealthy (one retry): its verdict is in the row.
  await podmanCli([
    'run',
    '-d',
    ...label,
    '--name',
    `${prefix}-sick`,
    '--health-cmd',
    'false',
    '--health-retries',
    '1',
    '--health-interval',
    '1h',
    ...sleeper,
  ]);
  await podmanCli(['healthcheck', 'run', `${prefix}-sick`]).catch(() => undefined); // exits 1: unhealthy
  paused = await podmanCli(['pause', `${prefix}-paused`]).then(
    () => true,
    () => false, // rootless pause needs cgroup v2: this host has v1 (the guest suite covers it)
  );
}, 180_000);

afterAll(async () => {
  const names = (await podmanCli(['ps', '-a', '--format', '{{.Names}}'])).split('\n').map((n) => n.trim());
  const ours = names.filter((n) => n.startsWith(prefix) && !n.endsWith('-infra'));
  if (ours.length > 0) await podmanCli(['rm', '-f', '-t', '0', ...ours]);
  await podmanCli(['pod', 'rm', '-f', '-t', '0', pod]).catch(() => undefined);
  await podmanCli(['network', 'rm', '-f', net]).catch(() => undefined);
  await engine?.close();
}, 120_000);

/** The human status is computed at read time; compare it as of one instant. */
const atNow = (c: ContainerSummary, now: number) => ({
  ...c,
  status: statusText(c.state, c.startedAt, c.finishedAt, c.exitCode, now),
});

describe('container summary by inspect', () => {
  it('equals the list entry for every kind of container', async () => {
    const listed = (await engine.containers.list({ all: true })).filter(
      (c) => c.name.startsWith(prefix) || c.pod === pod,
    );
    // the pod's infra container is listed too
    expect(listed).toHaveLength(10);
    expect(listed.find((c) => c.name === `${prefix}-sick`)?.health).toBe('unhealthy');
    expect(listed.some((c) => c.pod === pod && !c.name.startsWith(prefix))).toBe(true);
    const now = Date.now();
    for (const entry of listed) {
      const one = await engine.containers.summary(entry.id);
      expect(atNow(one, now), entry.name).toEqual(atNow(entry, now));
    }
    const byName = (n: string) => listed.find((c) => c.name === `${prefix}-${n}`);
    // the shapes the comparison covered, so an engine that lists less cannot make it pass vacuously
    expect(byName('ports')?.ports).toEqual([
      { containerPort: 80, protocol: 'tcp', hostPort: 18000, range: 3 },
      { containerPort: 85, protocol: 'tcp', hostPort: 18005, range: 2 },
      { containerPort: 90, protocol: 'udp', hostIp: '127.0.0.1', hostPort: 19000 },
    ]);
    expect(byName('ports')?.labels.colour).toBe('blue');
    expect(byName('inpod')).toMatchObject({ pod, ports: [{ containerPort: 80, hostPort: 19191 }] });
    expect(byName('net')?.networks).toEqual([net]);
    expect(byName('expose')?.ports).toMatchObject([{ containerPort: 7000, protocol: 'tcp' }]);
    expect(byName('entry')?.state).toBe('created');
    expect(byName('exit')).toMatchObject({ state: 'exited', exitCode: 3 });
    expect(byName('exit')?.finishedAt).toBeDefined();
    expect(byName('run')?.state).toBe('running');
    expect(byName('run')?.pid).toBeGreaterThan(0);
    expect(byName('paused')?.state).toBe(paused ? 'paused' : 'running');
  });

  it('says not_found for a container that does not exist', async () => {
    await expect(engine.containers.summary('0'.repeat(64))).rejects.toMatchObject({ code: 'not_found' });
  });
});
