// Live stats on the real engine. Rootless Podman reads them from cgroup v2: on the guest a busy container shows
// CPU, memory, network, block I/O and process numbers (block I/O only where the io controller is delegated to the
// user, which host facts say); on this cgroup v1 host Burrow says there are none, and why.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import type { ContainerStats } from '../model/types.js';
import { openTestEngine } from './harness/engine.js';
import { BUSY_SCRIPT, FIXTURE_IMAGE, TEST_LABELS, uniqueName } from './harness/fixtures.js';

let engine: Engine;
const made: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'stats' });
});

afterEach(async () => {
  for (const c of made.splice(0)) await engine.containers.remove(c, { force: true }).catch(() => undefined);
});

afterAll(async () => {
  await engine?.close();
});

/** Busy: a CPU loop, some memory held, traffic out of the container, writes to its disk. */
async function busy(): Promise<string> {
  const { id } = await engine.containers.create({
    image: FIXTURE_IMAGE,
    name: uniqueName('stats'),
    labels: TEST_LABELS,
    command: ['sh', '-c', BUSY_SCRIPT],
    // On a bridge Podman manages, whose interface it counts (Podman 5 per interface, Podman 4 in total).
    network: { kind: 'bridge', networks: ['podman'] },
  });
  made.push(id);
  await engine.containers.start(id);
  return id;
}

describe('live stats', () => {
  it('numbers where cgroup v2 gives them, and a reason where it does not', async () => {
    const facts = await engine.system.hostFacts();
    const id = await busy();
    if (facts.rootless && facts.cgroupVersion === 'v1') {
      const why = { code: 'unsupported_on_host', hint: expect.stringMatching(/cgroup v2/) };
      await expect(engine.containers.statsOnce([id])).rejects.toMatchObject(why);
      const stream = (async () => {
        for await (const _s of engine.containers.stats(id, { stream: true })) return;
      })();
      await expect(stream).rejects.toMatchObject(why);
      return;
    }
    const ac = new AbortController();
    const samples: ContainerStats[] = [];
    // The busy script fills its 20 MB before its first write, which takes a while under qemu TCG: sample until
    // its disk and network counters moved (at most a minute of samples), so the checks below see them.
    const io = facts.cgroupControllers.includes('io');
    for await (const s of engine.containers.stats(id, { stream: true, signal: ac.signal })) {
      samples.push(s);
      const moved = s.netOutput > 0 && (!io || s.blockOutput > 0);
      if ((samples.length >= 5 && moved) || samples.length >= 60) ac.abort();
    }
    const last = samples.at(-1)!;
    expect(last.id).toBe(id);
    expect(Math.max(...samples.map((s) => s.cpuPercent))).toBeGreaterThan(10);
    expect(last.memUsage).toBeGreaterThan(10_000_000);
    expect(last.memLimit).toBeGreaterThan(last.memUsage);
    expect(last.netOutput).toBeGreaterThan(0);
    expect(last.pids).toBeGreaterThanOrEqual(3);
    if (io) expect(last.blockOutput).toBeGreaterThan(0);
    else expect(last.blockOutput + last.blockInput).toBe(0);
    const once = await engine.containers.statsOnce([id]);
    expect(once[0]?.id).toBe(id);
  });
});
