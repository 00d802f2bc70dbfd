// Projects and units through the router, the way the UI reaches them after switching to a remote engine: Burrow
// starts on this machine's Podman (no Quadlet, no systemd user instance), adds the Debian 13 guest as an ssh://
// connection and switches to it; then Quadlet, the journal and compose act on the guest — the engine's host
// follows the switch — and switching back says again why this machine has none. No window holds the focus, so
// each long job (compose up/down, auto-update) that ends is a desktop notification, as when the window is closed.
// Runs in the `guest` vitest project (scripts/test.mjs boots the guest).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionStore } from '../../core/connection/connections.js';
import { privateServiceStrategy } from '../../core/connection/discovery.js';
import { connectEngine } from '../../core/engine.js';
import { ConnectionsService, switchableEngine, type SwitchableEngine } from '../../core/engine-switch.js';
import type { BurrowErrorData } from '../../core/errors.js';
import type { ComposeEvent, ComposeProject } from '../../core/model/compose.js';
import type { JobDone } from '../../core/model/jobs.js';
import type {
  QuadletListing,
  QuadletUnitInfo,
  QuadletWriteResult,
  SystemdSupport,
  UnitJournalEntry,
} from '../../core/model/systemd.js';
import { testSocketPath } from '../../core/integration/harness/engine.js';
import { FIXTURE_IMAGE, podmanCli, TEST_LABEL, uniqueName } from '../../core/integration/harness/fixtures.js';
import { guestTarget } from '../../core/integration/harness/target.js';
import { withLiveContainerList, type LiveEngine } from '../../core/live-list.js';
import type { NotificationCentre, NotificationFeed } from '../../core/model/notifications.js';
import type { AutoUpdateEvent } from '../../core/model/systemd.js';
import { JobTracker } from '../../core/notify/jobs.js';
import { NotificationService } from '../../core/notify/service.js';
import { SettingsStore } from '../../core/settings/store.js';
import { Router } from '../router.js';

let dir: string;
let engine: SwitchableEngine;
let router: Router;
let live: LiveEngine;
let notifications: NotificationService;
const heard: NotificationFeed[] = [];
let subId = 0;
const localSocket = testSocketPath('proj-local');
const units: string[] = [];
const containers: string[] = [];
const projects: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-proj-'));
  const local = () => connectEngine({ strategies: [privateServiceStrategy({ socketPath: localSocket })] });
  engine = switchableEngine(await local(), 'local');
  const connections = new ConnectionsService(engine, {
    store: new ConnectionStore(join(dir, 'connections.json')),
    connect: { strategies: [privateServiceStrategy({ socketPath: localSocket })] },
  });
  live = withLiveContainerList(engine);
  const settings = new SettingsStore({ file: join(dir, 'settings.json') });
  const jobs = new JobTracker();
  notifications = new NotificationService({ engine: live, settings, jobs });
  notifications.start();
  notifications.listen((f) => heard.push(f));
  router = new Router(live, {
    mode: 'headless',
    version: 'test',
    connections,
    notifications,
    jobs,
    settings,
  });
  const g = guestTarget();
  value(await router.call('connections.add', { name: 'guest', uri: g.uri, identity: g.identity }));
});

afterAll(async () => {
  // On the guest (the connection in use when a test failed half-way, or switched to again for this).
  if (units.length + containers.length + projects.length > 0) {
    await router.call('connections.use', { name: 'guest' });
    for (const u of units) await router.call('systemd.removeUnit', { unit: u });
    for (const p of projects) await router.call('compose.remove', { project: p });
    for (const c of containers) await podmanCli(['rm', '-f', '-t', '0', c]).catch(() => undefined);
  }
  await router?.call('connections.use', { name: 'local' });
  router?.disposeAll();
  notifications?.dispose();
  await (live ?? engine)?.close();
  await rm(dir, { recursive: true, force: true });
});

function value<T>(r: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

/** Every item a topic sends until it ends, as the UI's subscription sees them. */
function collect<T>(topic: string, args: unknown): Promise<{ items: T[]; error?: BurrowErrorData }> {
  return new Promise((resolve) => {
    const items: T[] = [];
    const started = router.subscribe('test', ++subId, topic, args, {
      data: (d) => items.push(d as T),
      end: (error) => resolve({ items, ...(error ? { error } : {}) }),
    });
    if (!started.ok) resolve({ items, error: started.error });
  });
}

/** Titles of the desktop notifications told so far. */
const told = () => heard.flatMap((f) => (f.kind === 'notification' ? [f.notification.title] : []));

function doneOf(items: ComposeEvent[]): JobDone<unknown> | undefined {
  return items.find((i) => i.kind === 'done') as JobDone<unknown> | undefined;
}

describe('after switching to the guest, units and projects act on the guest', () => {
  it('Quadlet: the host is the guest; a container saved as a unit with AutoUpdate, started, journaled, removed', async () => {
    value(await router.call('connections.use', { name: 'guest' }));
    const s = value<SystemdSupport>(await router.call('systemd.support', {}));
    expect(s).toMatchObject({ remote: true, quadlet: { available: true }, systemd: { available: true } });
    expect(s.where).toMatch(/\(over SSH\)$/);

    const name = uniqueName('ruweb');
    containers.push(name);
    await podmanCli([
      'create',
      '--name',
      name,
      '--label',
      `${TEST_LABEL}=1`,
      FIXTURE_IMAGE,
      'sh',
      '-c',
      'trap "exit 0" TERM; sleep 600 & wait',
    ]);
    const saved = value<QuadletWriteResult>(
      await router.call('insight.saveQuadlet', { id: name, autoUpdate: 'registry' }),
    );
    const unit = basename(saved.path);
    units.push(unit);
    expect(saved.path).toBe(`/home/tester/.config/containers/systemd/${unit}`);
    expect(saved.service).toBe(`${name}.service`);
    // The unit makes its own container of that name.
    await podmanCli(['rm', '-f', name]);

    const listing = value<QuadletListing>(await router.call('systemd.units', {}));
    expect(listing.units.find((u) => u.fileName === unit)).toMatchObject({
      service: saved.service,
      state: 'inactive',
      autoUpdate: 'registry',
    });
    const started = value<QuadletUnitInfo>(
      await router.call('systemd.unitAction', { unit, action: 'start' }),
    );
    expect(started.state).toBe('active');
    expect(value<{ state: string }>(await router.call('containers.inspect', { id: name })).state).toBe(
      'running',
    );

    const journal = await collect<UnitJournalEntry>('systemd.journal', { unit, lines: 50 });
    expect(journal.error).toBeUndefined();
    expect(journal.items.some((e) => e.message.startsWith('Started ') && e.identifier === 'systemd')).toBe(
      true,
    );

    const stopped = value<QuadletUnitInfo>(await router.call('systemd.unitAction', { unit, action: 'stop' }));
    expect(stopped.state).toBe('inactive');
    value(await router.call('systemd.removeUnit', { unit }));
    units.splice(units.indexOf(unit), 1);
    containers.splice(containers.indexOf(name), 1);
    expect(
      value<QuadletListing>(await router.call('systemd.units', {})).units.some((u) => u.fileName === unit),
    ).toBe(false);
  });

  it('compose: up lands on the guest through its tunnel, is listed as a project there, and goes down', async () => {
    value(await router.call('connections.use', { name: 'guest' }));
    const project = uniqueName('rproj');
    projects.push(project);
    const file = join(dir, `${project}.yaml`);
    await writeFile(
      file,
      [
        'services:',
        '  srv:',
        `    image: ${FIXTURE_IMAGE}`,
        '    command: ["sh", "-c", "echo srv-hello; exec sleep 600"]',
        '    stop_signal: SIGKILL',
        `    labels: { ${TEST_LABEL}: "1" }`,
        '',
      ].join('\n'),
    );
    const up = await collect<ComposeEvent>('compose.up', { file, project });
    expect(up.error).toBeUndefined();
    expect(doneOf(up.items)).toMatchObject({
      ok: true,
      summary: expect.stringContaining(`Project ${project} is up`),
    });
    const onGuest = (await podmanCli(['ps', '--format', '{{.Names}}'])).split('\n');
    expect(onGuest.some((n) => n.startsWith(project))).toBe(true);
    const listed = value<ComposeProject[]>(await router.call('compose.projects', {}));
    expect(listed.find((p) => p.name === project)).toMatchObject({ running: 1, total: 1 });

    const down = await collect<ComposeEvent>('compose.down', { project, file });
    expect(doneOf(down.items)).toMatchObject({ ok: true });
    projects.splice(projects.indexOf(project), 1);
    const left = (await podmanCli(['ps', '-a', '--format', '{{.Names}}'])).split('\n');
    expect(left.some((n) => n.startsWith(project))).toBe(false);
    // Both jobs ended with no window focused: each is a notification that opens where its result is seen.
    await expect
      .poll(told)
      .toEqual(
        expect.arrayContaining([`Compose up ${project} finished`, `Compose down ${project} finished`]),
      );
    const upNote = heard.find(
      (f) => f.kind === 'notification' && f.notification.title === `Compose up ${project} finished`,
    );
    // It opens the job in the Activity centre, whose record links on to the project.
    expect(upNote).toMatchObject({ notification: { link: expect.stringMatching(/^#\/activity\?job=/) } });
    expect(value<NotificationCentre>(await router.call('notifications.list', {})).jobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: `Compose up ${project}`,
          outcome: 'succeeded',
          link: `#/project/${project}`,
        }),
      ]),
    );
  });

  it('auto-update runs on the guest as a job, and its end is a notification', async () => {
    value(await router.call('connections.use', { name: 'guest' }));
    const run = await collect<AutoUpdateEvent>('systemd.autoUpdate', {});
    expect(run.error).toBeUndefined();
    expect(run.items.find((i) => i.kind === 'done')).toMatchObject({ ok: true });
    await expect.poll(told).toContain('Auto-update finished');
  });

  it('switched back, this machine says again why it has no Quadlet', async () => {
    value(await router.call('connections.use', { name: 'local' }));
    const s = value<SystemdSupport>(await router.call('systemd.support', {}));
    expect(s.remote).toBe(false);
    expect(s.quadlet.available).toBe(false);
    expect(s.quadlet).toMatchObject({ reason: expect.stringContaining('Podman 4.4') });
    expect(await router.call('systemd.unitAction', { unit: 'x.container', action: 'start' })).toMatchObject({
      ok: false,
    });
  });
});
