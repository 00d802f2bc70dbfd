// The notification service around the rules, against a scripted engine (events pushed by the test, inspect
// answering OOMKilled and the restart policy) and fake timers: what reaches listeners, the centre and the problem list.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../engine-api.js';
import { BurrowError } from '../errors.js';
import type { NotificationFeed } from '../model/notifications.js';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
} from '../model/settings.js';
import type { ContainerDetail, EngineEvent } from '../model/types.js';
import { Feed } from '../streams/feed.js';
import { JobTracker } from './jobs.js';
import { NotificationService, type SettingsSource } from './service.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');
const died = (n: number, code: number): EngineEvent => ({
  kind: 'container',
  action: 'died',
  id: hex(n),
  name: `c${n}`,
  attributes: { containerExitCode: String(code) },
  time: '',
});

const ev = (action: string, n: number): EngineEvent => ({
  kind: 'container',
  action,
  id: hex(n),
  name: `c${n}`,
  attributes: {},
  time: '',
});

function setup(
  oom: Set<string> = new Set(),
  details: Record<string, Partial<ContainerDetail>> = {},
  gone: Set<string> = new Set(),
) {
  const events = new Feed<EngineEvent>();
  const inspected: string[] = [];
  const engine = {
    events: { stream: ({ signal }: { signal: AbortSignal }) => events.stream(signal) },
    containers: {
      async inspect(id: string) {
        inspected.push(id);
        await new Promise((r) => setTimeout(r, 20)); // an engine round trip
        if (gone.has(id)) throw new BurrowError({ code: 'not_found', message: `no container ${id}` });
        return {
          oomKilled: oom.has(id),
          state: 'exited',
          restartPolicy: 'no',
          restartRetries: 0,
          restartCount: 0,
          ...details[id],
        } as ContainerDetail;
      },
    },
  } as unknown as Engine;
  let settings: Settings = DEFAULT_SETTINGS;
  const listeners = new Set<(n: Settings, b: Settings) => void>();
  const source: SettingsSource = {
    get: () => settings,
    onChange: (fn) => (listeners.add(fn), () => listeners.delete(fn)),
  };
  const change = (p: SettingsPatch) => {
    const before = settings;
    settings = applySettingsPatch(settings, p);
    for (const fn of listeners) fn(settings, before);
  };
  const jobs = new JobTracker();
  const service = new NotificationService({ engine, settings: source, jobs });
  const heard: NotificationFeed[] = [];
  service.listen((f) => heard.push(f));
  service.start();
  const titles = () => heard.flatMap((f) => (f.kind === 'notification' ? [f.notification.title] : []));
  const problems = () => heard.filter((f) => f.kind === 'problems').at(-1);
  return { events, inspected, service, heard, titles, problems, change, jobs };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('notification service', () => {
  it('a container killed behind Burrow’s back: asks the engine why, then one notification', async () => {
    const t = setup();
    await vi.advanceTimersByTimeAsync(0);
    t.events.publish(died(1, 137));
    await vi.advanceTimersByTimeAsync(10);
    expect(t.inspected).toEqual([hex(1)]);
    expect(t.titles()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.titles()).toEqual(['c1 was killed (SIGKILL, exit code 137)']);
    expect(t.service.recent().map((n) => n.title)).toEqual(['c1 was killed (SIGKILL, exit code 137)']);
    expect(t.problems()).toMatchObject({ problems: [{ name: 'c1', reason: 'exited' }] });
    t.service.dispose();
  });

  it('a crash its restart policy takes back is held for the restart, however late it comes', async () => {
    const t = setup(new Set(), { [hex(5)]: { restartPolicy: 'always' } });
    await vi.advanceTimersByTimeAsync(0);
    t.events.publish(died(5, 4));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.inspected).toEqual([hex(5)]);
    expect(t.titles()).toEqual([]);
    for (const a of ['restart', 'init', 'start']) t.events.publish(ev(a, 5));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(t.titles()).toEqual([]);
    expect(t.problems()).toEqual({ kind: 'problems', problems: [] });
    t.service.dispose();
  });

  it('a crash of an on-failure container out of retries is told after the quiet time', async () => {
    const t = setup(new Set(), {
      [hex(6)]: { restartPolicy: 'on-failure', restartRetries: 3, restartCount: 3 },
    });
    await vi.advanceTimersByTimeAsync(0);
    t.events.publish(died(6, 1));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.titles()).toEqual(['c6 exited with code 1']);
    t.service.dispose();
  });

  it('a SIGKILL exit whose container is already gone when inspected is `podman rm -f`, not news', async () => {
    const t = setup(new Set(), {}, new Set([hex(7), hex(8)]));
    await vi.advanceTimersByTimeAsync(0);
    t.events.publish(died(7, 137));
    t.events.publish(died(8, 2)); // a --rm container that failed on its own still is
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.inspected).toEqual([hex(7), hex(8)]);
    expect(t.titles()).toEqual(['c8 exited with code 2']);
    t.service.dispose();
  });

  it('an OOM kill is said as such', async () => {
    const t = setup(new Set([hex(2)]));
    await vi.advanceTimersByTimeAsync(0);
    t.events.publish(died(2, 137));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.titles()).toEqual(['c2 ran out of memory']);
    t.service.dispose();
  });

  it("a SIGKILL exit under a memory limit waits for Podman's late OOM verdict (set in its cleanup)", async () => {
    const oom = new Set<string>();
    const t = setup(oom, { [hex(3)]: { enforcedLimits: { memory: 32 * 1024 * 1024 } } });
    await vi.advanceTimersByTimeAsync(0);
    t.events.publish(died(3, 137));
    await vi.advanceTimersByTimeAsync(700);
    expect(t.titles()).toEqual([]);
    oom.add(hex(3));
    await vi.advanceTimersByTimeAsync(1_500);
    expect(t.titles()).toEqual(['c3 ran out of memory']);
    t.service.dispose();
  });

  it('a SIGKILL exit is looked at again only under a memory limit, and is a kill when no verdict comes', async () => {
    const plain = setup();
    await vi.advanceTimersByTimeAsync(0);
    plain.events.publish(died(4, 137));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(plain.inspected).toEqual([hex(4)]);
    expect(plain.titles()).toEqual(['c4 was killed (SIGKILL, exit code 137)']);
    plain.service.dispose();

    const limited = setup(new Set(), { [hex(5)]: { enforcedLimits: { memory: 32 * 1024 * 1024 } } });
    await vi.advanceTimersByTimeAsync(0);
    limited.events.publish(died(5, 137));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(limited.inspected.length).toBeGreaterThan(10);
    expect(limited.titles()).toEqual(['c5 was killed (SIGKILL, exit code 137)']);
    limited.service.dispose();
  });

  it('in a storm, only the first exits are inspected; all are one summary', async () => {
    const t = setup();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 1; i <= 200; i++) t.events.publish(died(i, 137));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.titles()).toEqual(['200 containers need attention']);
    expect(t.inspected.length).toBeLessThanOrEqual(54);
    t.service.dispose();
  });

  it('a job that ends while no window has the focus is news; with the focus it is not', async () => {
    const t = setup();
    t.jobs.start('pull', 'Pull a').succeed();
    const release = t.service.focus();
    expect(t.service.focused).toBe(true);
    t.jobs.start('pull', 'Pull b').fail({ message: 'no such image', hint: 'Check the name.' });
    release();
    release();
    expect(t.service.focused).toBe(false);
    t.jobs.start('build', 'Build c').fail({ message: 'boom' });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.titles()).toEqual(['Pull a finished', 'Build c failed']);
    expect(t.service.jobs().map((j) => `${j.title}:${j.outcome}`)).toEqual([
      'Build c:failed',
      'Pull b:failed',
      'Pull a:succeeded',
    ]);
    t.service.dispose();
  });

  it('muting a container takes it out of the problems at once', async () => {
    const t = setup();
    await vi.advanceTimersByTimeAsync(0);
    t.events.publish(died(3, 1));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.problems()).toMatchObject({ problems: [{ name: 'c3' }] });
    t.change({ notifications: { containers: { c3: 'mute' } } });
    expect(t.problems()).toEqual({ kind: 'problems', problems: [] });
    t.service.dispose();
  });

  it('own actions hide the exits they cause', async () => {
    const t = setup();
    await vi.advanceTimersByTimeAsync(0);
    t.service.ownAction('c4', 'stop', 'start');
    t.events.publish(died(4, 137));
    t.service.ownAction('c4', 'stop', 'end');
    await vi.advanceTimersByTimeAsync(6_000);
    expect(t.titles()).toEqual([]);
    // Only exits the rules hold are inspected.
    expect(t.inspected).toEqual([]);
    t.service.dispose();
  });

  it('the topic starts with the current problems, and a click asks the window to open a route', async () => {
    const t = setup();
    const ac = new AbortController();
    const it = t.service.stream(ac.signal)[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual({ kind: 'problems', problems: [] });
    t.service.open('#/container/x/summary');
    expect((await it.next()).value).toEqual({ kind: 'open', link: '#/container/x/summary' });
    ac.abort();
    t.service.dispose();
  });
});
