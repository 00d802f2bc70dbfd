// The live container list against real rootless Podman: after CLI bursts it equals what the engine lists, changes
// made through it are visible at once, and a killed service (events missed) is caught up by the resync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { withLiveContainerList, type LiveEngine } from '../live-list.js';
import type { ContainerSummary } from '../model/types.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, podmanCli, TEST_LABELS, uniqueName } from './harness/fixtures.js';
import { until } from './harness/until.js';

let engine: Engine;
let live: LiveEngine;
const prefix = uniqueName('live');

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'live-list' });
  live = withLiveContainerList(engine);
});

afterAll(async () => {
  const names = (await podmanCli(['ps', '-a', '--format', '{{.Names}}'])).split('\n');
  const ours = names.map((n) => n.trim()).filter((n) => n.startsWith(prefix));
  if (ours.length > 0) await podmanCli(['rm', '-f', '-t', '0', ...ours]);
  await live?.close();
});

const shape = (list: ContainerSummary[]) =>
  list
    .filter((c) => c.name.startsWith(prefix))
    .map((c) => `${c.name}:${c.state}`)
    .sort();

/**
 * Wait until the live list equals a fresh engine list (for this test's containers). Only the test's timeout ends
 * the wait: how fast it converges is a benchmark's figure (`npm run bench`: burst of CLI changes → live list in
 * step), not this test's assertion.
 */
async function converges(): Promise<void> {
  const read = async () => {
    const [mine, truth] = await Promise.all([live.containers.list(), engine.containers.list({ all: true })]);
    return { live: shape(mine).join(), engine: shape(truth).join() };
  };
  await until(read, (v) => v.live === v.engine, 50);
}

const labelArgs = Object.entries(TEST_LABELS).flatMap(([k, v]) => ['--label', `${k}=${v}`]);

describe('live container list', () => {
  it('follows a burst of CLI changes and then answers from memory', async () => {
    await live.containers.list(); // warm: stream open, rebuilt once
    const names = Array.from({ length: 12 }, (_, i) => `${prefix}-b${i}`);
    await Promise.all(
      names.map((n) => podmanCli(['create', '--name', n, ...labelArgs, FIXTURE_IMAGE, 'sleep', '600'])),
    );
    await podmanCli(['start', ...names.slice(0, 6)]);
    await podmanCli(['stop', '-t', '0', ...names.slice(0, 3)]);
    await podmanCli(['rm', '-f', '-t', '0', ...names.slice(9)]);
    await converges();
    const got = shape(await live.containers.list());
    expect(got).toHaveLength(9);
    expect(got.filter((s) => s.endsWith(':running'))).toHaveLength(3);
    const before = live.liveList;
    await live.containers.list();
    expect(live.liveList.served).toBe(before.served + 1);
    expect(live.liveList.rebuilds).toBe(before.rebuilds); // no new full list from the engine
    expect(live.liveList.inStep).toBe(true);
  });

  it('is read-your-writes for changes made through it', async () => {
    const name = `${prefix}-own`;
    const { id } = await live.containers.create({
      name,
      image: FIXTURE_IMAGE,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    });
    expect((await live.containers.list()).find((c) => c.id === id)?.state).toBe('created');
    await live.containers.start(id);
    expect((await live.containers.list()).find((c) => c.id === id)?.state).toBe('running');
    await live.containers.stop(name, { timeoutSeconds: 0 });
    expect((await live.containers.list()).find((c) => c.id === id)?.state).toBe('exited');
    await live.containers.remove(id, { force: true });
    expect((await live.containers.list()).some((c) => c.id === id)).toBe(false);
  });

  it('catches up on changes made while its service was killed', async () => {
    await live.containers.list();
    const pid = engine.connection().servicePid!;
    process.kill(pid, 'SIGKILL');
    // Made while no service publishes events: only the resync can bring it in.
    const name = `${prefix}-gap`;
    await podmanCli(['create', '--name', name, ...labelArgs, FIXTURE_IMAGE, 'true']);
    await converges();
    expect(shape(await live.containers.list())).toContain(`${name}:created`);
    expect(live.liveList.inStep).toBe(true);
  });
});
