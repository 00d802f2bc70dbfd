// Notifications from the real engine's events: containers changed from a shell, behind Burrow's back, seen through
// the live list's shared stream exactly as the app sees them. "Exactly one" is proven with a sentinel: once a
// container killed after the one under test has been told, everything about the first has arrived, so counting
// then is final (no waiting for a silence).
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine-api.js';
import { withLiveContainerList, type LiveEngine } from '../live-list.js';
import type { BurrowNotification } from '../model/notifications.js';
import { DEFAULT_SETTINGS } from '../model/settings.js';
import { DEFAULT_TIMING } from '../notify/rules.js';
import { NotificationService } from '../notify/service.js';
import { openTestEngine } from './harness/engine.js';
import {
  FIXTURE_IMAGE,
  inParallel,
  OOM_SCRIPT,
  podmanCli,
  podmanSleeper,
  TEST_LABEL,
  TEST_LABELS,
  uniqueName,
} from './harness/fixtures.js';
import { onGuest } from './harness/target.js';

let engine: Engine;
let live: LiveEngine;
let service: NotificationService;
const seen: BurrowNotification[] = [];
let lastTold = 0;
const prefix = uniqueName('ntf');
let n = 0;
const name = (what: string) => `${prefix}-${what}-${++n}`;

beforeAll(async () => {
  engine = await openTestEngine({ tag: 'notify' });
  live = withLiveContainerList(engine);
  service = new NotificationService({
    engine: live,
    settings: { get: () => DEFAULT_SETTINGS, onChange: () => () => undefined },
  });
  service.listen((f) => {
    if (f.kind !== 'notification') return;
    seen.push(f.notification);
    lastTold = Date.now();
  });
  service.start();
  await streamFlowing();
});

afterAll(async () => {
  service?.dispose();
  const all = (await podmanCli(['ps', '-a', '--format', '{{.Names}}'])).split('\n').map((s) => s.trim());
  const ours = all.filter((s) => s.startsWith(prefix));
  for (let i = 0; i < ours.length; i += 50)
    await podmanCli(['rm', '-f', '-t', '0', ...ours.slice(i, i + 50)]);
  await live?.close();
});

/** The shared stream is open and delivering: a throwaway container's create comes through it. */
async function streamFlowing(): Promise<void> {
  const ac = new AbortController();
  const probe = name('probe');
  const seenIt = (async () => {
    for await (const ev of live.events.stream({ signal: ac.signal }))
      if (ev.kind === 'container' && ev.name === probe && ev.action === 'create') return;
  })();
  await new Promise((r) => setTimeout(r, 100));
  await podmanCli(['create', '--name', probe, '--label', `${TEST_LABEL}=1`, FIXTURE_IMAGE, 'true']);
  await seenIt;
  ac.abort();
}

/** Every version of every notification that mentions the container (an update republishes with the same id). */
const about = (id: string) => seen.filter((x) => x.items.some((i) => i.containerId === id));

/**
 * Exactly one notification told the user about `id`: one id, and any later version of it is the sentinel joining
 * it (problems close together update one notification) — not the same container told again.
 */
function toldOnce(id: string, sentinelId: string): void {
  const versions = about(id);
  expect(new Set(versions.map((x) => x.id)).size).toBe(1);
  for (const later of versions.slice(1)) expect(later.items.map((i) => i.containerId)).toContain(sentinelId);
}

async function told(pred: (x: BurrowNotification) => boolean, what: string): Promise<BurrowNotification> {
  for (let i = 0; i < 600; i++) {
    const hit = seen.find(pred);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no notification ${what} within 30 s; seen: ${seen.map((x) => x.title).join(' | ')}`);
}

/**
 * Problems that follow a notification closely update it (rules.ts, mergeMs): a test that checks a notification's
 * own title starts once the previous test's last one can no longer be joined.
 */
async function apart(): Promise<void> {
  const wait = lastTold + DEFAULT_TIMING.mergeMs + 200 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

/** Kill a fresh container from the CLI and wait until it is told: everything before it has been decided. */
async function sentinel(): Promise<string> {
  const s = name('sentinel');
  const id = (await podmanSleeper('run', s)).trim();
  await podmanCli(['kill', s]);
  await told((x) => x.items.some((i) => i.containerId === id), `for the sentinel ${s}`);
  return id;
}

describe('notifications from the real engine', () => {
  it('a container killed from the CLI is exactly one notification, saying it was killed, opening it', async () => {
    await apart();
    const c = name('killed');
    const id = (await podmanSleeper('run', c)).trim();
    await podmanCli(['kill', c]);
    const note = await told((x) => x.title.startsWith(c), `for ${c}`);
    expect(note.title).toBe(`${c} was killed (SIGKILL, exit code 137)`);
    expect(note.link).toBe(`#/container/${id}/summary`);
    toldOnce(id, await sentinel());
    expect(service.problems()).toContainEqual(expect.objectContaining({ containerId: id, reason: 'exited' }));
  });

  it('a non-zero exit is told; a clean exit and a stop are not', async () => {
    await apart();
    const bad = name('exit3');
    const clean = name('exit0');
    const stopped = name('stopped');
    const badId = (
      await podmanCli([
        'run',
        '-d',
        '--name',
        bad,
        '--label',
        `${TEST_LABEL}=1`,
        FIXTURE_IMAGE,
        'sh',
        '-c',
        'exit 3',
      ])
    ).trim();
    const cleanId = (
      await podmanCli(['run', '-d', '--name', clean, '--label', `${TEST_LABEL}=1`, FIXTURE_IMAGE, 'true'])
    ).trim();
    const stoppedId = (await podmanSleeper('run', stopped)).trim();
    // rm -f publishes its stop before the exit.
    await podmanCli(['rm', '-f', '-t', '0', stopped]);
    const note = await told((x) => x.title.startsWith(bad), `for ${bad}`);
    expect(note.title).toBe(`${bad} exited with code 3`);
    toldOnce(badId, await sentinel());
    expect(about(cleanId)).toEqual([]);
    expect(about(stoppedId)).toEqual([]);
  });

  it('turning unhealthy is told once, however many checks fail', async () => {
    await apart();
    const c = name('unhealthy');
    const { id } = await live.containers.create({
      image: FIXTURE_IMAGE,
      name: c,
      command: ['sleep', '600'],
      labels: TEST_LABELS,
      // A long interval: the checks are run by hand below, so the test does not wait for a timer.
      healthcheck: { test: ['CMD', 'false'], intervalSeconds: 3600, retries: 1 },
    });
    await live.containers.start(id);
    for (let i = 0; i < 3; i++) await podmanCli(['healthcheck', 'run', c]).catch(() => undefined);
    const note = await told((x) => x.title.startsWith(c), `for ${c}`);
    expect(note.title).toBe(`${c} is unhealthy`);
    toldOnce(id, await sentinel());
    expect(service.problems()).toContainEqual(
      expect.objectContaining({ containerId: id, reason: 'unhealthy' }),
    );
  });

  it('a crash loop (restart policy, failing command) is one notification, not one per exit', async () => {
    await apart();
    const c = name('loop');
    const id = (
      await podmanCli([
        'run',
        '-d',
        '--name',
        c,
        '--restart',
        'always',
        '--label',
        `${TEST_LABEL}=1`,
        FIXTURE_IMAGE,
        'sh',
        '-c',
        'sleep 0.2; exit 4',
      ])
    ).trim();
    const note = await told((x) => x.title.startsWith(c), `for ${c}`);
    expect(note.title).toBe(`${c} is crash-looping`);
    expect(note.items[0]?.detail).toMatch(/^restarted [4-9] times in 5 min \(last exit code 4\)$/);
    // What the service reads to hold an exit for its restart, under the names this engine uses.
    const d = await live.containers.inspect(id);
    expect(d.restartPolicy).toBe('always');
    expect(d.restartCount).toBeGreaterThanOrEqual(4);
    const limited = name('retries');
    const lid = (
      await podmanCli([
        'create',
        '--name',
        limited,
        '--restart',
        'on-failure:3',
        '--label',
        `${TEST_LABEL}=1`,
        FIXTURE_IMAGE,
        'true',
      ])
    ).trim();
    expect(await live.containers.inspect(lid)).toMatchObject({
      restartPolicy: 'on-failure',
      restartRetries: 3,
      restartCount: 0,
    });
    await podmanCli(['rm', '-f', '-t', '0', limited]);
    toldOnce(id, await sentinel());
    await podmanCli(['rm', '-f', '-t', '0', c]);
  });

  it.runIf(onGuest)('an OOM kill (cgroup v2 memory limit) is told as running out of memory', async () => {
    await apart();
    const c = name('oom');
    const { id } = await live.containers.create({
      image: FIXTURE_IMAGE,
      name: c,
      command: ['sh', '-c', OOM_SCRIPT],
      labels: TEST_LABELS,
      limits: { memory: '32m' },
    });
    await live.containers.start(id);
    const note = await told((x) => x.items.some((i) => i.containerId === id), `for ${c}`);
    expect(note.title).toBe(`${c} ran out of memory`);
    expect(service.problems()).toContainEqual(expect.objectContaining({ containerId: id, reason: 'oom' }));
  });

  // 200 containers running at once: this host's kernel allows a user 200 keys (kernel.keys.maxkeys) and runc
  // makes a session keyring per container, so these are started by a service of their own with
  // `keyring = false` (containers.conf). Killing them is still a plain `podman kill` from a shell.
  it.skipIf(onGuest)('200 containers killed at once from the CLI are one summary notification', async () => {
    await apart();
    const dir = await mkdtemp(join(tmpdir(), 'burrow-storm-'));
    const facts = await engine.system.hostFacts();
    const conf = join(dir, 'containers.conf');
    await writeFile(conf, `[containers]\nkeyring = false\n[engine]\nruntime = "${facts.ociRuntime}"\n`);
    const starter = await openTestEngine({
      tag: 'notify-storm',
      env: { ...process.env, CONTAINERS_CONF: conf },
    });
    const names = Array.from({ length: 200 }, (_, i) => `${prefix}-storm-${i}`);
    const ids = new Set<string>();
    try {
      await inParallel(names, 8, async (s) => {
        const { id } = await starter.containers.create({
          image: FIXTURE_IMAGE,
          name: s,
          command: ['sleep', '600'],
          labels: TEST_LABELS,
        });
        ids.add(id);
      });
      await inParallel(names, 4, (s) => starter.containers.start(s));
      const before = seen.length;
      await podmanCli(['kill', ...names], { timeoutMs: 300_000 });
      // The exits trickle in over the ~25 s the kill takes: one notification, updated as they come.
      const allIn = await told(
        (x) => x.items.filter((i) => ids.has(i.containerId ?? '')).length === 200,
        'covering all 200',
      );
      // Other suites share this user's event stream: a container of theirs dying meanwhile joins the summary.
      expect(allIn.items.length).toBeGreaterThanOrEqual(200);
      expect(allIn.title).toBe(`${allIn.items.length} containers need attention`);
      expect(allIn.link).toBe(`#/activity?notification=${allIn.id}`);
      const sentinelId = await sentinel();
      const storm = seen.slice(before).filter((x) => x.items.some((i) => ids.has(i.containerId ?? '')));
      expect(new Set(storm.map((x) => x.id))).toEqual(new Set([allIn.id]));
      // After the sentinel nothing about the storm was told again: its last version is the sentinel joining.
      const last = storm.at(-1);
      expect(last === allIn || last?.items.some((i) => i.containerId === sentinelId)).toBe(true);
    } finally {
      for (let i = 0; i < names.length; i += 50)
        await podmanCli(['rm', '-f', '-t', '0', ...names.slice(i, i + 50)], { timeoutMs: 180_000 });
      await starter.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
