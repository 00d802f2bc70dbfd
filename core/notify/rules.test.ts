// The notification rules as a table: each row is a timed sequence of engine events (as Podman 4.3 and 5 publish
// them for that situation) and facts, and exactly the notifications and problems it must produce.
import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../model/notifications.js';
import { DEFAULT_SETTINGS, type NotificationSettings } from '../model/settings.js';
import {
  DEFAULT_TIMING,
  NotificationRules,
  restartExpected,
  type RestartFacts,
  type RuleInput,
} from './rules.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');

const ev = (action: string, n: number, attributes: Record<string, string> = {}): RuleInput => ({
  kind: 'event',
  event: { kind: 'container', action, id: hex(n), name: `c${n}`, attributes, time: '' },
});
const died = (n: number, code: number) => ev('died', n, { containerExitCode: String(code) });
const health = (n: number, status: string) => ev('health_status', n, { health_status: status });
const facts = (n: number, oomKilled: boolean, restarts = false): RuleInput => ({
  kind: 'exit-facts',
  id: hex(n),
  oomKilled,
  restarts,
});
/** An exit as the service feeds it on an engine that answers inspect at once: no OOM, no restart policy. */
const exit = (n: number, code: number): RuleInput[] => [died(n, code), facts(n, false)];
const own = (target: string, phase: 'start' | 'end'): RuleInput => ({
  kind: 'own',
  target,
  action: 'stop',
  phase,
});
const job = (outcome: JobRecord['outcome'], focused = false, extra: Partial<JobRecord> = {}): RuleInput => ({
  kind: 'job',
  focused,
  job: { id: 'j1', operation: 'pull', title: 'Pull busybox', outcome, startedAt: '', ...extra },
});
/** The policy's restart of a container that just died, as the engine publishes it. */
const restarted = (n: number): RuleInput[] => [ev('restart', n), ev('init', n), ev('start', n)];
/**
 * One crash on a slow engine (Podman 5 under qemu): the service learns from inspect that the policy restarts it,
 * and the engine's cleanup process restarts it seconds after the exit.
 */
const slowCrash = (n: number, at: number, code = 4): Step[] => [
  [at, died(n, code)],
  [at + 300, facts(n, false, true)],
  [at + 3_000, restarted(n)],
];
/** One crash of a container under `--restart always`: died, then the policy's restart and start. */
const crash = (n: number, code = 4): RuleInput[] => [
  died(n, code),
  ev('restart', n),
  ev('init', n),
  ev('start', n),
];

type Step = [at: number, input: RuleInput | (RuleInput | RuleInput[])[]];

interface Seen {
  id: string;
  at: number;
  title: string;
  items: number;
  link: string;
  body: string;
}

/** Feed the steps in time order, flushing whenever the rules say something is due before the next step. */
function run(steps: Step[], settings: Partial<NotificationSettings> = {}, until = 3_600_000) {
  const rules = new NotificationRules(
    { ...DEFAULT_SETTINGS.notifications, ...settings },
    DEFAULT_TIMING,
    't',
  );
  const seen: Seen[] = [];
  const flushUntil = (t: number) => {
    for (let due = rules.due(); due !== undefined && due <= t; due = rules.due()) {
      for (const n of rules.flush(due))
        seen.push({ id: n.id, at: due, title: n.title, items: n.items.length, link: n.link, body: n.body });
      if (rules.due() === due) break;
    }
  };
  for (const [at, input] of steps) {
    flushUntil(at);
    for (const i of [input].flat(2)) rules.push(i, at);
  }
  flushUntil(until);
  return { seen, problems: rules.problems().map((p) => `${p.name}:${p.reason}`), rules };
}

interface Row {
  name: string;
  steps: Step[];
  settings?: Partial<NotificationSettings>;
  until?: number;
  /** Titles in order (a string matches exactly). */
  titles: (string | RegExp)[];
  problems?: string[];
}

const storm = (count: number, from: number, code = 137): Step[] =>
  Array.from({ length: count }, (_, i): Step => [from + i * 3, [died(i + 1, code), facts(i + 1, false)]]);

const rows: Row[] = [
  {
    name: 'a non-zero exit',
    steps: [[0, exit(1, 3)]],
    titles: ['c1 exited with code 3'],
    problems: ['c1:exited'],
  },
  { name: 'a clean exit', steps: [[0, died(1, 0)]], titles: [], problems: [] },
  { name: 'an exit by SIGTERM (a stop that worked)', steps: [[0, died(1, 143)]], titles: [] },
  {
    name: 'killed from the CLI (kill, died 137, not OOM)',
    steps: [
      [0, [ev('kill', 1), died(1, 137)]],
      [20, facts(1, false)],
    ],
    titles: ['c1 was killed (SIGKILL, exit code 137)'],
    problems: ['c1:exited'],
  },
  {
    name: 'OOM-killed',
    steps: [
      [0, died(1, 137)],
      [15, facts(1, true)],
    ],
    titles: ['c1 ran out of memory'],
    problems: ['c1:oom'],
  },
  {
    name: 'a SIGKILL whose facts never come waits the longest hold, then says killed',
    steps: [[0, died(1, 137)]],
    titles: ['c1 was killed (SIGKILL, exit code 137)'],
  },
  {
    name: 'OOM learnt after the exit was told updates the problem, not a second notification',
    steps: [
      [0, died(1, 137)],
      [20_000, facts(1, true)],
    ],
    titles: ['c1 was killed (SIGKILL, exit code 137)'],
    problems: ['c1:oom'],
  },
  {
    name: 'a stop event before the exit (podman rm -f, Podman 5 stop)',
    steps: [[0, [ev('stop', 1), died(1, 137), ev('remove', 1)]]],
    titles: [],
    problems: [],
  },
  {
    name: 'podman rm -f -t 0 (died 137, remove: no stop event)',
    steps: [[0, [died(1, 137), ev('remove', 1)]]],
    titles: [],
    problems: [],
  },
  {
    name: 'podman rm -f on a slow Podman 5 (died 137, no stop; gone when inspected, its remove event late)',
    steps: [
      [0, died(1, 137)],
      [300, { kind: 'exit-facts', id: hex(1), oomKilled: false, restarts: false, removed: true }],
      [5_000, ev('remove', 1)],
    ],
    titles: [],
    problems: [],
  },
  {
    name: 'a --rm container that failed on its own is still told, even when gone before it was inspected',
    steps: [
      [0, died(1, 1)],
      [300, { kind: 'exit-facts', id: hex(1), oomKilled: false, restarts: false, removed: true }],
    ],
    titles: ['c1 exited with code 1'],
  },
  {
    name: 'a --rm container that failed on its own (died 1, remove) is still told',
    steps: [[0, [exit(1, 1), ev('remove', 1)]]],
    titles: ['c1 exited with code 1'],
    problems: [],
  },
  {
    name: 'podman restart (restart, stop, died 137, start)',
    steps: [[0, [ev('restart', 1), ev('stop', 1), died(1, 137), ev('init', 1), ev('start', 1)]]],
    titles: [],
  },
  {
    name: "Burrow's own stop (Podman 4.3 publishes no stop event for it)",
    steps: [
      [0, own('c1', 'start')],
      [900, died(1, 137)],
      [905, facts(1, false)],
      [1_000, own('c1', 'end')],
    ],
    titles: [],
  },
  {
    name: "Burrow's own stop by id prefix",
    steps: [
      [0, own(hex(1).slice(0, 12), 'start')],
      [900, died(1, 137)],
      [905, facts(1, false)],
    ],
    titles: [],
  },
  {
    name: 'a stop of ours that ended long ago does not hide a later crash',
    steps: [
      [0, own('c1', 'start')],
      [100, own('c1', 'end')],
      [60_000, exit(1, 2)],
    ],
    titles: ['c1 exited with code 2'],
  },
  {
    name: 'a stop of ours is used up by the exit it caused',
    steps: [
      [0, own('c1', 'start')],
      [10, died(1, 137)],
      [15, facts(1, false)],
      [20, ev('start', 1)],
      [30, exit(1, 1)],
    ],
    titles: ['c1 exited with code 1'],
  },
  {
    name: 'a policy restart takes the exit back',
    steps: [[0, crash(1)]],
    titles: [],
    problems: [],
  },
  {
    name: 'an exit its policy restarts is held until the restart, however late, and takes nothing back twice',
    steps: slowCrash(1, 0),
    titles: [],
    problems: [],
  },
  {
    name: 'an exit its policy restarts is told at the longest hold when the restart never comes',
    steps: [
      [0, died(1, 4)],
      [300, facts(1, false, true)],
    ],
    titles: ['c1 exited with code 4'],
    problems: ['c1:exited'],
  },
  {
    name: 'an exit its policy will not restart (no policy, on-failure out of retries) waits only the quiet time',
    steps: [
      [0, died(1, 4)],
      [300, facts(1, false, false)],
      [3_000, restarted(1)],
    ],
    titles: ['c1 exited with code 4'],
    problems: [],
  },
  {
    name: 'a slow engine’s crash loop is one crash-loop notification, no exit told before it',
    steps: Array.from({ length: 6 }, (_, i) => slowCrash(1, i * 4_000)).flat(),
    titles: ['c1 is crash-looping'],
    problems: ['c1:crash-loop'],
    until: 30_000,
  },
  {
    name: 'more than N restarts in M minutes is one crash-loop notification, however long it loops',
    steps: Array.from({ length: 12 }, (_, i): Step => [i * 250, crash(1)]),
    titles: ['c1 is crash-looping'],
    problems: ['c1:crash-loop'],
    until: 4_000,
  },
  {
    name: 'a crash loop ends after a quiet window, and a new loop is news again',
    steps: [
      ...Array.from({ length: 4 }, (_, i): Step => [i * 250, crash(1)]),
      ...Array.from({ length: 4 }, (_, i): Step => [400_000 + i * 250, crash(1)]),
    ],
    titles: ['c1 is crash-looping', 'c1 is crash-looping'],
  },
  {
    name: 'exactly N restarts is not a loop',
    steps: Array.from({ length: 3 }, (_, i): Step => [i * 250, crash(1)]),
    titles: [],
  },
  {
    name: 'restarts spread wider than M minutes are not a loop',
    steps: Array.from({ length: 6 }, (_, i): Step => [i * 120_000, crash(1)]),
    titles: [],
  },
  {
    name: 'N and M come from the settings',
    settings: { crashLoopRestarts: 1, crashLoopMinutes: 1 },
    steps: [
      [0, crash(1)],
      [30_000, crash(1)],
    ],
    titles: ['c1 is crash-looping'],
  },
  {
    name: 'a loop that gives up ends in an exit, which is not news again',
    steps: [...Array.from({ length: 4 }, (_, i): Step => [i * 250, crash(1)]), [1_250, died(1, 4)]],
    titles: ['c1 is crash-looping'],
  },
  {
    name: 'unhealthy once per turn: repeated failing checks are one, healthy clears, failing again is news',
    steps: [
      [0, health(1, 'starting')],
      [1_000, health(1, 'unhealthy')],
      [2_000, health(1, 'unhealthy')],
      [3_000, health(1, 'healthy')],
      [4_000, health(1, 'unhealthy')],
    ],
    titles: ['c1 is unhealthy', 'c1 is unhealthy'],
    problems: ['c1:unhealthy'],
  },
  {
    name: 'healthy clears the problem',
    steps: [
      [0, health(1, 'unhealthy')],
      [5_000, health(1, 'healthy')],
    ],
    titles: ['c1 is unhealthy'],
    problems: [],
  },
  {
    name: 'started again clears an exit',
    steps: [
      [0, exit(1, 3)],
      [5_000, ev('start', 1)],
    ],
    titles: ['c1 exited with code 3'],
    problems: [],
  },
  {
    name: 'a storm of 200 SIGKILLs is one summary',
    steps: storm(200, 0),
    titles: ['200 containers need attention'],
  },
  {
    name: 'a storm waits for a longer quiet: exits 1.9 s apart are one batch once two came together',
    steps: [
      [0, [exit(1, 1), exit(2, 1)]],
      ...Array.from({ length: 6 }, (_, i): Step => [(i + 1) * 1_900, exit(i + 3, 1)]),
    ],
    titles: ['8 containers need attention'],
  },
  {
    name: 'two bursts further apart than the merge time are two notifications',
    steps: [...storm(3, 0, 1), [10_000, exit(50, 1)]],
    titles: ['3 containers need attention', 'c50 exited with code 1'],
  },
  {
    name: 'a muted container is never told, nor counted',
    settings: { containers: { c1: 'mute' } },
    steps: [
      [0, exit(1, 3)],
      [10, exit(2, 3)],
    ],
    titles: ['c2 exited with code 3'],
    problems: ['c2:exited'],
  },
  {
    name: 'scope "watched": only watched containers',
    settings: { scope: 'watched', containers: { c2: 'watch' } },
    steps: [
      [0, exit(1, 3)],
      [10, exit(2, 3)],
    ],
    titles: ['c2 exited with code 3'],
    problems: ['c2:exited'],
  },
  {
    name: 'notifications off: nothing, but the problems are still counted',
    settings: { enabled: false },
    steps: [[0, exit(1, 3)]],
    titles: [],
    problems: ['c1:exited'],
  },
  {
    name: 'one kind off, the others still on',
    settings: { exitNonZero: false },
    steps: [
      [0, exit(1, 3)],
      [10, health(2, 'unhealthy')],
    ],
    titles: ['c2 is unhealthy'],
  },
  {
    name: 'a job that finished while unfocused',
    steps: [[0, job('succeeded')]],
    titles: ['Pull busybox finished'],
  },
  { name: 'a job that finished while focused', steps: [[0, job('succeeded', true)]], titles: [] },
  { name: 'a cancelled job', steps: [[0, job('cancelled')]], titles: [] },
  { name: 'jobs off', settings: { jobs: false }, steps: [[0, job('failed')]], titles: [] },
  {
    name: 'a failed job says why and what to do',
    steps: [[0, job('failed', false, { detail: 'manifest unknown', hint: 'Check the tag.' })]],
    titles: ['Pull busybox failed'],
  },
];

describe('notification rules', () => {
  it.each(rows)('$name', (row) => {
    const { seen, problems } = run(row.steps, row.settings, row.until);
    expect(seen.map((s) => s.title)).toEqual(
      row.titles.map((t) => (typeof t === 'string' ? t : expect.stringMatching(t))),
    );
    if (row.problems) expect(problems).toEqual(row.problems);
  });

  it('decides one problem after the quiet time, and a storm when it quiets', () => {
    expect(run([[0, exit(1, 3)]]).seen[0]?.at).toBe(DEFAULT_TIMING.quietMs);
    const s = run(storm(200, 0));
    expect(s.seen).toHaveLength(1);
    expect(s.seen[0]?.at).toBe(199 * 3 + DEFAULT_TIMING.stormQuietMs);
  });

  it('a storm that never quiets is decided at the longest hold, and its rest updates the same notification', () => {
    const s = run(Array.from({ length: 60 }, (_, i): Step => [i * 400, exit(i + 1, 1)]));
    expect(s.seen.map((x) => [x.at, x.title])).toEqual([
      [DEFAULT_TIMING.maxHoldMs, '38 containers need attention'],
      [59 * 400 + DEFAULT_TIMING.stormQuietMs, '60 containers need attention'],
    ]);
    expect(s.seen[1]?.id).toBe(s.seen[0]?.id);
    expect(s.seen[1]?.items).toBe(60);
  });

  it('a storm whose first exit went out alone updates that notification into the summary', () => {
    const s = run([
      [0, died(1, 137)],
      [10, facts(1, false)],
      [900, [10, 11, 12, 13, 14].map((i) => exit(i, 1))],
    ]);
    expect(s.seen.map((x) => x.title)).toEqual([
      'c1 was killed (SIGKILL, exit code 137)',
      '6 containers need attention',
    ]);
    expect(s.seen[1]?.id).toBe(s.seen[0]?.id);
  });

  it('problems in a row, each after the quiet time, update one notification while they keep coming', () => {
    const s = run([
      [0, exit(1, 1)],
      [1_000, exit(2, 1)],
      [2_000, exit(3, 1)],
      [60_000, exit(4, 1)],
    ]);
    expect(s.seen.map((x) => x.title)).toEqual([
      'c1 exited with code 1',
      '2 containers need attention',
      '3 containers need attention',
      'c4 exited with code 1',
    ]);
    expect(new Set(s.seen.map((x) => x.id)).size).toBe(2);
  });

  it('an exit whose restart comes late is held for it, not for a fixed quiet time', () => {
    const r = run([
      [0, died(1, 4)],
      [20, facts(1, false, true)],
      [10_000, died(2, 3)],
      [10_020, facts(2, false)],
    ]);
    // c1 waited for its restart until the longest hold; c2 came within the merge time and joined it.
    expect(r.seen.map((x) => [x.at, x.title])).toEqual([
      [DEFAULT_TIMING.maxHoldMs, '2 containers need attention'],
    ]);
  });

  it('a killed container waits for its facts, then the quiet time', () => {
    const r = run([
      [0, died(1, 137)],
      [30, facts(1, false)],
    ]);
    expect(r.seen[0]?.at).toBe(DEFAULT_TIMING.quietMs);
    expect(run([[0, died(1, 137)]]).seen[0]?.at).toBe(DEFAULT_TIMING.maxHoldMs);
  });

  it('a single notification opens the container; a summary opens the centre and lists every container', () => {
    const one = run([[0, exit(1, 3)]]).seen[0];
    expect(one?.link).toBe(`#/container/${hex(1)}/summary`);
    expect(one?.body).toBe('It exited with code 3 without being asked to stop.');
    const rules = new NotificationRules(DEFAULT_SETTINGS.notifications, DEFAULT_TIMING, 't');
    for (let i = 1; i <= 200; i++) rules.push(died(i, i % 2 ? 137 : 1), i);
    for (let i = 1; i <= 200; i++) rules.push(facts(i, i === 1), 300);
    const [summary, ...rest] = rules.flush(10_000);
    expect(rest).toEqual([]);
    expect(summary?.link).toBe(`#/activity?notification=${summary?.id}`);
    expect(summary?.items).toHaveLength(200);
    expect(summary?.items[0]?.link).toBe(`#/container/${hex(1)}/summary`);
    expect(summary?.body).toBe('1 ran out of memory, 199 exited: c1, c2, c3 and 197 more.');
  });

  it('a container removed before its notification (--rm) links to the centre', () => {
    const r = run([
      [0, exit(1, 3)],
      [10, ev('remove', 1)],
    ]);
    expect(r.seen[0]?.link).toMatch(/^#\/activity\?notification=/);
    expect(r.problems).toEqual([]);
  });

  it('a failed job carries its error and hint, and opens the job', () => {
    const r = run([[0, job('failed', false, { detail: 'manifest unknown', hint: 'Check the tag.' })]]);
    expect(r.seen[0]).toMatchObject({
      body: 'manifest unknown Check the tag.',
      link: '#/activity?job=j1',
      at: 0,
    });
  });

  it('settings apply when a batch is decided: muting during the hold silences it', () => {
    const rules = new NotificationRules(DEFAULT_SETTINGS.notifications, DEFAULT_TIMING, 't');
    rules.push(died(1, 3), 0);
    rules.setSettings({ ...DEFAULT_SETTINGS.notifications, containers: { c1: 'mute' } });
    expect(rules.flush(DEFAULT_TIMING.maxHoldMs)).toEqual([]);
    expect(rules.problems()).toEqual([]);
  });

  it.each([
    ['no policy', { restartPolicy: 'no' }, 1, false],
    ['always', { restartPolicy: 'always' }, 1, true],
    ['always, even a clean exit', { restartPolicy: 'always' }, 0, true],
    ['unless-stopped', { restartPolicy: 'unless-stopped' }, 137, true],
    ['on-failure, failed, no retry limit', { restartPolicy: 'on-failure', restartCount: 7 }, 1, true],
    ['on-failure, clean exit', { restartPolicy: 'on-failure' }, 0, false],
    [
      'on-failure, retries left',
      { restartPolicy: 'on-failure', restartRetries: 3, restartCount: 2 },
      1,
      true,
    ],
    [
      'on-failure, retries used up',
      { restartPolicy: 'on-failure', restartRetries: 3, restartCount: 3 },
      1,
      false,
    ],
    ['no policy but running again (restarted already)', { restartPolicy: 'no', state: 'running' }, 1, true],
  ] as [string, Partial<RestartFacts>, number, boolean][])('restart expected: %s', (_, d, code, expected) => {
    const facts: RestartFacts = {
      state: 'exited',
      restartPolicy: 'no',
      restartRetries: 0,
      restartCount: 0,
      ...d,
    };
    expect(restartExpected(facts, code)).toBe(expected);
  });

  it('nothing is due when nothing happened', () => {
    const rules = new NotificationRules(DEFAULT_SETTINGS.notifications);
    expect(rules.due()).toBeUndefined();
    expect(rules.flush(Date.now())).toEqual([]);
  });
});
