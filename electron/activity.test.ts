// The router's hooks for notifications: a topic flagged as a job opens and ends a job record (succeeded, failed
// with core's message and hint, cancelled), Burrow's own stop hides the exit it causes, and the settings, focus and
// notifications topics — against a scripted engine, a real notification service and a real settings store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../core/engine-api.js';
import { BurrowError } from '../core/errors.js';
import type { ArchiveEvent, EngineEvent, PullProgress } from '../core/model/types.js';
import type { NotificationFeed } from '../core/model/notifications.js';
import { JobTracker } from '../core/notify/jobs.js';
import { NotificationService } from '../core/notify/service.js';
import { SettingsStore } from '../core/settings/store.js';
import { Feed } from '../core/streams/feed.js';
import { jobOperations } from './activity.js';
import { channels, topics } from './contract/index.js';
import { Router, type Sink } from './router.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burrow-activity-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

function setup(
  pull: (ref: string, signal?: AbortSignal) => AsyncIterable<PullProgress>,
  load?: (path: string, signal?: AbortSignal) => AsyncIterable<ArchiveEvent>,
) {
  const events = new Feed<EngineEvent>();
  const stopped: string[] = [];
  const engine = {
    events: { stream: ({ signal }: { signal: AbortSignal }) => events.stream(signal) },
    images: {
      pull: (ref: string, o: { signal?: AbortSignal }) => pull(ref, o.signal),
      load: (path: string, o: { signal?: AbortSignal }) => load?.(path, o.signal),
    },
    containers: {
      async stop(id: string) {
        stopped.push(id);
        // The engine publishes the exit while the call is still running, as Podman does.
        events.publish({
          kind: 'container',
          action: 'died',
          id: hex(1),
          name: 'web',
          attributes: { containerExitCode: '137' },
          time: '',
        });
        await new Promise((r) => setTimeout(r, 20));
      },
      async inspect() {
        return { oomKilled: false };
      },
    },
  } as unknown as Engine;
  const settings = new SettingsStore({ file: join(dir, 'settings.json') });
  const jobs = new JobTracker();
  const notifications = new NotificationService({ engine, settings, jobs });
  notifications.start();
  const router = new Router(engine, { mode: 'headless', version: 't', notifications, jobs, settings });
  const heard: NotificationFeed[] = [];
  notifications.listen((f) => heard.push(f));
  return { router, jobs, notifications, heard, events, stopped, settings };
}

function collect(router: Router, topic: string, args: unknown = {}) {
  const data: unknown[] = [];
  let ended: { error?: unknown } | undefined;
  const sink: Sink = { data: (d) => data.push(d), end: (error) => (ended = { error }) };
  const id = Math.floor(Math.random() * 1e9);
  const r = router.subscribe('w1', id, topic, args, sink);
  return { r, data, id, ended: () => ended };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('jobs through the router', () => {
  it('a pull that ends well is a succeeded job that says which image', async () => {
    const t = setup(async function* () {
      yield { status: 'Copying blob', layer: 'aa' };
      yield { status: 'done', imageId: 'sha256:0123456789abcdef0123' };
    });
    collect(t.router, 'images.pull', { reference: 'busybox' });
    await settle();
    expect(t.jobs.list()).toMatchObject([
      {
        operation: 'images.pull',
        title: 'Pull busybox',
        outcome: 'succeeded',
        detail: 'Image 0123456789ab.',
        link: '#/images',
      },
    ]);
  });

  it('a pull whose stream says error is a failed job', async () => {
    const t = setup(async function* () {
      yield { status: 'error', error: 'manifest unknown' };
    });
    collect(t.router, 'images.pull', { reference: 'nope' });
    await settle();
    expect(t.jobs.list()[0]).toMatchObject({ outcome: 'failed', detail: 'manifest unknown' });
  });

  it('a pull that throws is a failed job with core’s message and hint', async () => {
    const t = setup(async function* () {
      yield* [];
      throw new BurrowError({ code: 'not_found', message: 'no such image', hint: 'Check the name.' });
    });
    collect(t.router, 'images.pull', { reference: 'nope' });
    await settle();
    expect(t.jobs.list()[0]).toMatchObject({
      outcome: 'failed',
      detail: 'no such image',
      hint: 'Check the name.',
    });
  });

  it('unsubscribed before the end is a cancelled job, and cancelled jobs are never notified', async () => {
    const t = setup(async function* (_ref, signal) {
      yield { status: 'Copying blob', layer: 'aa' };
      await new Promise((r) => signal?.addEventListener('abort', r, { once: true }));
    });
    const s = collect(t.router, 'images.pull', { reference: 'slow' });
    await settle();
    t.router.unsubscribe('w1', s.id);
    await settle();
    expect(t.jobs.list()[0]).toMatchObject({ outcome: 'cancelled' });
    expect(t.heard.filter((f) => f.kind === 'notification')).toEqual([]);
  });

  it('a load cancelled during its upload is cancelled; after it, the record says the engine still loads', async () => {
    const loading = (past: boolean) =>
      async function* (_path: string, signal?: AbortSignal): AsyncGenerator<ArchiveEvent> {
        yield { kind: 'bytes', bytes: 1, total: 2 };
        if (past) {
          yield { kind: 'bytes', bytes: 2, total: 2 };
          yield { kind: 'status', text: 'Uploaded. Podman is loading the images.', cancellable: false };
        }
        await new Promise((r) => signal?.addEventListener('abort', r, { once: true }));
      };
    const noPull = async function* (): AsyncGenerator<PullProgress> {};
    for (const past of [false, true]) {
      const t = setup(noPull, loading(past));
      const s = collect(t.router, 'images.load', { path: '/tmp/a.tar' });
      await settle();
      t.router.unsubscribe('w1', s.id);
      await settle();
      const [record] = t.jobs.list();
      expect(record).toMatchObject({ operation: 'images.load', outcome: 'cancelled' });
      expect(record?.detail).toBe(
        past ? 'Cancelled after the upload: Podman still finishes loading the images.' : undefined,
      );
    }
  });

  it('a job that ends while a window holds the focus is recorded but not notified; unfocused it is', async () => {
    const t = setup(async function* (ref) {
      yield { status: 'done', imageId: `sha256:${ref}` };
    });
    const focus = collect(t.router, 'focus');
    await settle();
    expect(t.notifications.focused).toBe(true);
    collect(t.router, 'images.pull', { reference: 'a' });
    await settle();
    t.router.unsubscribe('w1', focus.id);
    await settle();
    expect(t.notifications.focused).toBe(false);
    collect(t.router, 'images.pull', { reference: 'b' });
    await settle();
    const titles = t.heard.flatMap((f) => (f.kind === 'notification' ? [f.notification.title] : []));
    expect(titles).toEqual(['Pull b finished']);
    expect(t.jobs.list().map((j) => j.outcome)).toEqual(['succeeded', 'succeeded']);
  });

  it('a closed socket releases its focus', async () => {
    const t = setup(async function* () {});
    collect(t.router, 'focus');
    await settle();
    expect(t.notifications.focused).toBe(true);
    t.router.disposeOwner('w1');
    await settle();
    expect(t.notifications.focused).toBe(false);
  });

  it('every flagged operation is a topic or channel of the contract', () => {
    for (const op of Object.keys(jobOperations))
      expect([...Object.keys(topics), ...Object.keys(channels)]).toContain(op);
  });
});

describe("Burrow's own stop", () => {
  it('hides the exit it causes', async () => {
    vi.useFakeTimers();
    const t = setup(async function* () {});
    await vi.advanceTimersByTimeAsync(0);
    const call = t.router.call('containers.stop', { id: 'web' });
    await vi.advanceTimersByTimeAsync(50);
    expect(await call).toEqual({ ok: true, value: null });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.stopped).toEqual(['web']);
    expect(t.heard.filter((f) => f.kind === 'notification')).toEqual([]);
  });
});

describe('settings through the router', () => {
  it('updates, answers and streams them; a bad one names its field', async () => {
    const t = setup(async function* () {});
    const s = collect(t.router, 'settings');
    await settle();
    expect(await t.router.call('settings.update', { theme: 'dark' })).toMatchObject({
      ok: true,
      value: { theme: 'dark' },
    });
    expect(await t.router.call('settings.get', {})).toMatchObject({
      ok: true,
      value: { settings: { theme: 'dark' }, problems: [] },
    });
    expect(await t.router.call('settings.update', { theme: 'blue' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'theme' },
    });
    await settle();
    expect(s.data.map((x) => (x as { theme: string }).theme)).toEqual(['system', 'dark']);
  });

  it('without a settings store the channels say so', async () => {
    const router = new Router({} as Engine, { mode: 'headless', version: 't' });
    expect(await router.call('settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported_on_host', message: 'This Burrow was started without settings' },
    });
  });
});

describe('the notifications topic', () => {
  it('starts with the problems, then carries notifications as they are decided', async () => {
    vi.useFakeTimers();
    const t = setup(async function* () {});
    const s = collect(t.router, 'notifications');
    await vi.advanceTimersByTimeAsync(0);
    t.events.publish({
      kind: 'container',
      action: 'died',
      id: hex(2),
      name: 'db',
      attributes: { containerExitCode: '3' },
      time: '',
    });
    await vi.advanceTimersByTimeAsync(1_000);
    // The problem is counted when the exit arrives; the notification follows once the batch is decided.
    expect(s.data.map((f) => (f as NotificationFeed).kind)).toEqual(['problems', 'problems', 'notification']);
    expect(await t.router.call('notifications.list', {})).toMatchObject({
      ok: true,
      value: { notifications: [{ title: 'db exited with code 3' }], problems: [{ name: 'db' }], jobs: [] },
    });
  });
});
