// Health checks on the real engine: a container whose check passes until its marker file goes away turns
// unhealthy, the list row and the detail say so, the log keeps each result with its output, and the engine's
// event stream reports it. Here (Podman 4.3, no user systemd) checks run when asked; on the guest (Podman 5,
// systemd) the timer also runs them by itself.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import type { EngineEvent } from '../model/types.js';
import { effectOf } from '../model/event-effect.js';
import { openTestEngine } from './harness/engine.js';
import { FIXTURE_IMAGE, podmanCli, TEST_LABELS, uniqueName } from './harness/fixtures.js';
import { onGuest } from './harness/target.js';

let engine: Engine;
const made: string[] = [];

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'health' });
});

afterEach(async () => {
  for (const c of made.splice(0)) await engine.containers.remove(c, { force: true }).catch(() => undefined);
});

afterAll(async () => {
  await engine?.close();
});

/** The fixture: healthy while /tmp/healthy exists; one failed check makes it unhealthy. */
async function healthFixture(opts: { intervalSeconds?: number; retries?: number } = {}) {
  const name = uniqueName('hc');
  const { id } = await engine.containers.create({
    image: FIXTURE_IMAGE,
    name,
    command: ['sh', '-c', 'touch /tmp/healthy; exec sleep 600'],
    labels: TEST_LABELS,
    healthcheck: {
      test: ['CMD-SHELL', 'test -f /tmp/healthy && echo all good || { echo marker gone >&2; exit 1; }'],
      intervalSeconds: opts.intervalSeconds ?? 3600,
      timeoutSeconds: 10,
      retries: opts.retries ?? 1,
    },
  });
  made.push(id);
  await engine.containers.start(id);
  return { id, name };
}

describe('health checks', () => {
  it('a check turns unhealthy when its marker goes; list, detail, log and events all say so', async () => {
    const { id } = await healthFixture();
    const d0 = await engine.containers.inspect(id);
    // No check has run yet (the interval is an hour): the verdict is "starting", in the detail and the list.
    expect(d0.health).toBe('starting');
    expect((await engine.containers.list({ all: true, filters: { id: [id] } }))[0]?.health).toBe('starting');
    expect(d0.healthcheck).toMatchObject({
      test: ['CMD-SHELL', expect.stringContaining('test -f /tmp/healthy')],
      intervalSeconds: 3600,
      timeoutSeconds: 10,
      retries: 1,
    });

    const ac = new AbortController();
    const events: EngineEvent[] = [];
    const reading = (async () => {
      for await (const ev of engine.events.stream({ signal: ac.signal, filters: { container: [id] } }))
        events.push(ev);
    })();
    await new Promise((r) => setTimeout(r, 300));

    const healthy = await engine.containers.healthcheck(id);
    expect(healthy.status).toBe('healthy');
    expect(healthy.log.at(-1)).toMatchObject({ exitCode: 0, output: expect.stringContaining('all good') });
    expect((await engine.containers.list({ all: true, filters: { id: [id] } }))[0]?.health).toBe('healthy');

    await engine.containers.exec(id, ['rm', '/tmp/healthy']);
    const sick = await engine.containers.healthcheck(id);
    // One failure is enough (retries: 1). Podman 5 under qemu has been seen to count the API's check twice
    // (failingStreak 2), so the streak is "at least one", not exactly one.
    expect(sick.status).toBe('unhealthy');
    expect(sick.failingStreak).toBeGreaterThanOrEqual(1);
    expect(sick.log.at(-1)).toMatchObject({ exitCode: 1, output: expect.stringContaining('marker gone') });
    const row = (await engine.containers.list({ all: true, filters: { id: [id] } }))[0];
    expect(row?.health).toBe('unhealthy');
    // The row's status text stays podman's "Up …"; the verdict is a field of its own.
    expect(row?.status).toMatch(/^Up/);
    const d1 = await engine.containers.inspect(id);
    expect(d1.health).toBe('unhealthy');
    expect(d1.healthResults?.log.length).toBeGreaterThanOrEqual(2);

    const healthEvents = () => events.filter((e) => e.kind !== 'resync' && e.action === 'health_status');
    // On the guest the events come over SSH and can trail the checks: wait for the unhealthy one (or give up).
    const done = () => {
      const hs = healthEvents();
      const last = hs.at(-1);
      return (
        hs.length >= 2 &&
        (!onGuest || (last?.kind !== 'resync' && last?.attributes.health_status === 'unhealthy'))
      );
    };
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    await reading;
    const hs = healthEvents();
    expect(hs.length).toBeGreaterThanOrEqual(2);
    // Each one makes the list refresh the row (core/model/event-effect.ts).
    expect(hs.map((e) => effectOf(e).kind)).toEqual(hs.map(() => 'refresh'));
    // Podman 5 sends the stored verdict; 4.3 sends the one before the check (see event-effect.ts).
    const last = hs.at(-1);
    if (onGuest && last?.kind !== 'resync') expect(last?.attributes.health_status).toBe('unhealthy');
  });

  it('refuses "run check now" on a container without a check, naming the reason', async () => {
    const name = uniqueName('nohc');
    const { id } = await engine.containers.create({
      image: FIXTURE_IMAGE,
      name,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
    });
    made.push(id);
    await engine.containers.start(id);
    await expect(engine.containers.healthcheck(id)).rejects.toMatchObject({
      code: 'conflict',
      field: 'healthcheck',
      hint: expect.stringMatching(/health check/i),
    });
  });

  it('a check made by the CLI shows the same way (image-independent: --health-cmd)', async () => {
    const name = uniqueName('clihc');
    made.push(name);
    await podmanCli([
      'run',
      '-d',
      '--name',
      name,
      '--label',
      'burrow.test=1',
      '--health-cmd',
      'exit 1',
      '--health-retries',
      '1',
      '--health-interval',
      '1h',
      FIXTURE_IMAGE,
      'sleep',
      '600',
    ]);
    await podmanCli(['healthcheck', 'run', name]).catch(() => undefined); // exits 1 when unhealthy
    const d = await engine.containers.inspect(name);
    expect(d.health).toBe('unhealthy');
    expect(d.healthcheck).toMatchObject({ test: ['CMD-SHELL', 'exit 1'], retries: 1, intervalSeconds: 3600 });
  });

  it.runIf(onGuest)('on the guest the systemd timer runs the check by itself', async () => {
    const { id } = await healthFixture({ intervalSeconds: 1, retries: 1 });
    await engine.containers.exec(id, ['rm', '/tmp/healthy']);
    let health: string | undefined;
    for (let i = 0; i < 60 && health !== 'unhealthy'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = (await engine.containers.list({ all: true, filters: { id: [id] } }))[0]?.health;
    }
    expect(health).toBe('unhealthy');
  });
});
