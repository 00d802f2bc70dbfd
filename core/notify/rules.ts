// The one place that decides what Burrow tells the user: engine events (and the few facts the service adds to
// them) in, notifications and the list of containers needing attention out. Pure and synchronous — time is
// passed in with every call — so every rule is a row in rules.test.ts.
//
// - A container that exits non-zero without being asked to stop, is OOM-killed, turns unhealthy or restarts more
//   than N times in M minutes (crash loop) is a problem; a long job that ends while no window has the focus is
//   news.
// - Problems are held briefly and decided as a batch: one problem is one notification, a storm (200 containers
//   dying at once) is one summary. A lone problem is decided after `quietMs` without another; once a second one
//   came it is a storm, decided after `stormQuietMs` without another — a `podman kill` of 200 containers here
//   spreads their exits over ~25 s with gaps up to half a second. `maxHoldMs` bounds a storm that never quiets.
// - Problems that follow the last notification within `mergeMs` update it (same id, more items: the desktop
//   replaces it) instead of adding one: a storm's later batches, a storm whose first exit went out alone, or
//   exits every 600 ms, which no quiet time would hold together.
// - What counts as "asked to stop": a stop event since the container last started (`podman stop -t 0`, `podman
//   restart`, Podman 5's stop), Burrow's own stop/kill/restart/remove, an exit by SIGTERM (143), or a SIGKILL
//   its removal follows at once (`podman rm -f`). Podman 4.3 publishes no stop event for `podman stop` with a
//   timeout, so a CLI stop whose container ignores SIGTERM reads as a kill.
// - A policy restart (the engine's `restart` right after `died`) takes the exit back: the container is running
//   again, and only a loop of them is worth telling. Every exit that may be news waits for its facts (inspect):
//   whether the OOM killer did it, and whether the restart policy will start it again. One that will be restarted
//   is held until its `restart` arrives (or `maxHoldMs`): the engine restarts from its cleanup process, which on
//   a slow host runs seconds after the exit, so no fixed quiet time would tell a crash from a restart.
// - Settings (on/off per kind, watch/mute per container) are applied when a batch is decided, so changing them
//   takes effect at once.
import type { ContainerDetail, EngineEvent } from '../model/types.js';
import {
  containerLink,
  jobLink,
  notificationLink,
  type BurrowNotification,
  type JobRecord,
  type NotificationItem,
  type Problem,
  type ProblemReason,
} from '../model/notifications.js';
import { isWatched, type NotificationSettings } from '../model/settings.js';

type EngineChange = Exclude<EngineEvent, { kind: 'resync' }>;

export type OwnAction = 'stop' | 'kill' | 'restart' | 'remove';

export type RuleInput =
  | { kind: 'event'; event: EngineEvent }
  /**
   * What the engine knew about an exit once asked (inspect): whether the kernel's OOM killer did it, whether the
   * restart policy will start the container again (`restartExpected`), and whether the container was already
   * gone (removed at once: a SIGKILL exit that is `podman rm -f`, even when its remove event comes later). The
   * feeder sends one for every exit the rules hold (`wantsFacts`); until it comes (or `maxHoldMs`) the batch waits.
   */
  | { kind: 'exit-facts'; id: string; oomKilled: boolean; restarts: boolean; removed?: boolean }
  /**
   * Burrow itself is stopping/killing/restarting/removing `target` (an id, id prefix or name): sent when the
   * call starts (its exit arrives before the call returns) and again when it ended, after which the exit has
   * `ownGraceMs` to arrive — a stop that failed or found nothing running must not hide a later crash.
   */
  | { kind: 'own'; target: string; action: OwnAction; phase: 'start' | 'end' }
  /** A long job changed; it is news when it ended while no window had the focus. */
  | { kind: 'job'; job: JobRecord; focused: boolean };

export interface RuleTiming {
  quietMs: number;
  stormQuietMs: number;
  maxHoldMs: number;
  mergeMs: number;
  /** How long Burrow's own action explains a container's exit while the call runs (a stop waits its timeout)… */
  ownActionMs: number;
  /** …and after it returned. */
  ownGraceMs: number;
}

export const DEFAULT_TIMING: RuleTiming = {
  quietMs: 500,
  stormQuietMs: 2000,
  maxHoldMs: 15_000,
  mergeMs: 5000,
  ownActionMs: 60 * 60_000,
  ownGraceMs: 5000,
};

/** Exit codes that mean "asked to stop": SIGTERM (128 + 15). */
const STOP_EXIT_CODES = new Set([143]);
const SIGKILL_EXIT = 137;
const OOM_DETAIL = 'was killed by the kernel: out of memory (exit code 137)';

interface Candidate {
  reason: ProblemReason | 'job';
  /** When it arrived. */
  at: number;
  id: string;
  name: string;
  detail: string;
  exitCode?: number;
  restarts?: number;
  job?: JobRecord;
  /** An exit waiting to learn whether it was the OOM killer and whether its restart policy restarts it. */
  awaitingFacts?: boolean;
  /** An exit its restart policy will take back: it waits for the engine's `restart`. */
  awaitingRestart?: boolean;
}

interface Track {
  name: string;
  health?: string;
  /** A stop was asked for since the container last started. */
  stopRequested: boolean;
  /** The last lifecycle event was `died`: a `restart` now is the restart policy's. */
  justDied: boolean;
  lastExit?: number;
  /** Times of policy restarts within the crash-loop window. */
  restarts: number[];
  /** A crash loop was reported and has not ended. */
  looping: boolean;
}

export function exitDetail(code: number): string {
  if (code === SIGKILL_EXIT) return 'was killed (SIGKILL, exit code 137)';
  if (code > 128 && code < 160) return `was stopped by signal ${code - 128} (exit code ${code})`;
  return `exited with code ${code}`;
}

const REASON_WORDS: Record<ProblemReason, [string, string]> = {
  exited: ['exited', 'exited'],
  oom: ['ran out of memory', 'ran out of memory'],
  unhealthy: ['is unhealthy', 'are unhealthy'],
  'crash-loop': ['is crash-looping', 'are crash-looping'],
};

export class NotificationRules {
  private readonly tracks = new Map<string, Track>();
  private readonly attention = new Map<string, Problem>();
  private own: { target: string; until: number }[] = [];
  private pending: Candidate[] = [];
  private openedAt = 0;
  private lastAt = 0;
  /** The last problem notification shown and what it said, which a storm's next batch may update. */
  private shown: { id: string; items: Candidate[]; lastAt: number } | undefined;
  private seq = 0;
  private readonly idBase: string;

  constructor(
    private settings: NotificationSettings,
    private readonly timing: RuleTiming = DEFAULT_TIMING,
    idBase = Date.now().toString(36),
  ) {
    this.idBase = idBase;
  }

  setSettings(s: NotificationSettings): void {
    this.settings = s;
  }

  push(input: RuleInput, now: number): void {
    switch (input.kind) {
      case 'event':
        return this.onEvent(input.event, now);
      case 'exit-facts':
        return this.onExitFacts(input.id, input.oomKilled, input.restarts, input.removed === true);
      case 'own': {
        if (input.phase === 'start') {
          this.own.push({ target: input.target, until: now + this.timing.ownActionMs });
          return;
        }
        const o = this.own.find((x) => x.target === input.target);
        if (o) o.until = Math.min(o.until, now + this.timing.ownGraceMs);
        return;
      }
      case 'job': {
        const { job } = input;
        if (input.focused || (job.outcome !== 'succeeded' && job.outcome !== 'failed')) return;
        return this.hold(
          {
            reason: 'job',
            id: job.id,
            name: job.title,
            detail: job.outcome === 'succeeded' ? 'finished' : 'failed',
            job,
          },
          now,
        );
      }
    }
  }

  /** When `flush` has something to decide (epoch ms), if anything. */
  due(): number | undefined {
    const times: number[] = [];
    if (this.pending.length > 0) {
      const waiting = this.pending.some((c) => c.awaitingFacts || c.awaitingRestart);
      const jobsOnly = this.pending.every((c) => c.reason === 'job');
      const storm = this.pending.filter((c) => c.reason !== 'job').length > 1;
      const quiet = jobsOnly
        ? this.lastAt
        : this.lastAt + (storm ? this.timing.stormQuietMs : this.timing.quietMs);
      const cap = this.openedAt + this.timing.maxHoldMs;
      times.push(waiting ? cap : Math.min(quiet, cap));
    }
    const expiry = this.loopExpiry();
    if (expiry !== undefined) times.push(expiry);
    return times.length ? Math.min(...times) : undefined;
  }

  /** The notifications decided by `now` (none before `due()`). */
  flush(now: number): BurrowNotification[] {
    this.expireLoops(now);
    const due = this.due();
    if (this.pending.length === 0 || due === undefined || due > now) return [];
    const batch = this.pending;
    this.pending = [];
    const s = this.settings;
    if (!s.enabled) return [];
    const allowed = batch.filter((c) => {
      if (c.reason === 'job') return s.jobs;
      const on =
        c.reason === 'exited'
          ? s.exitNonZero
          : c.reason === 'oom'
            ? s.oomKilled
            : c.reason === 'unhealthy'
              ? s.unhealthy
              : s.crashLoop;
      return on && isWatched(s, c.name);
    });
    const time = new Date(now).toISOString();
    const out: BurrowNotification[] = [];
    for (const c of allowed.filter((x) => x.reason === 'job')) out.push(this.jobNotification(c, time));
    const problems = allowed.filter((c) => c.reason !== 'job');
    if (problems.length === 0) return out;
    const first = Math.min(...problems.map((c) => c.at));
    const prev = this.shown;
    const merge = prev !== undefined && first - prev.lastAt <= this.timing.mergeMs;
    // A container told twice (unhealthy, healthy, unhealthy again) is one item: its latest.
    const latest = new Map<string, Candidate>();
    for (const c of merge ? [...prev.items, ...problems] : problems) {
      latest.delete(c.id);
      latest.set(c.id, c);
    }
    const items = [...latest.values()];
    const id = merge ? prev.id : this.nextId();
    out.push(
      items.length === 1 ? this.single(items[0] as Candidate, time, id) : this.summary(items, time, id),
    );
    this.shown = { id, items, lastAt: Math.max(...problems.map((c) => c.at)) };
    return out;
  }

  /** Whether an exit of `id` is held waiting for its facts: the feeder should inspect it. */
  wantsFacts(id: string): boolean {
    return this.pending.some((c) => c.id === id && c.awaitingFacts);
  }

  /** Containers that need attention now (muted ones and, in "watched" scope, unmarked ones left out). */
  problems(): Problem[] {
    return [...this.attention.values()]
      .filter((p) => isWatched(this.settings, p.name))
      .sort((a, b) => a.since.localeCompare(b.since));
  }

  private nextId(): string {
    this.seq += 1;
    return `${this.idBase}-${this.seq}`;
  }

  private track(ev: EngineChange): Track {
    let t = this.tracks.get(ev.id);
    if (!t) {
      t = {
        name: ev.name ?? ev.id.slice(0, 12),
        stopRequested: false,
        justDied: false,
        restarts: [],
        looping: false,
      };
      this.tracks.set(ev.id, t);
    }
    if (ev.name) t.name = ev.name;
    return t;
  }

  private hold(c: Omit<Candidate, 'at'>, now: number): void {
    if (this.pending.length === 0) this.openedAt = now;
    this.lastAt = now;
    this.pending.push({ ...c, at: now });
  }

  private drop(id: string, reason: ProblemReason): void {
    this.pending = this.pending.filter((c) => !(c.id === id && c.reason === reason));
  }

  private setAttention(id: string, name: string, reason: ProblemReason, detail: string, now: number): void {
    this.attention.set(id, { containerId: id, name, reason, detail, since: new Date(now).toISOString() });
  }

  private clearAttention(id: string, reasons: ProblemReason[]): void {
    const p = this.attention.get(id);
    if (p && reasons.includes(p.reason)) this.attention.delete(id);
  }

  private ownActionFor(id: string, name: string, now: number): boolean {
    this.own = this.own.filter((o) => o.until > now);
    const i = this.own.findIndex(
      (o) => o.target === name || (o.target.length >= 3 && id.startsWith(o.target)),
    );
    if (i < 0) return false;
    this.own.splice(i, 1);
    return true;
  }

  private onEvent(ev: EngineEvent, now: number): void {
    if (ev.kind === 'resync') {
      // Events were missed: a half-seen sequence (died without its restart) must not be read as finished.
      for (const t of this.tracks.values()) t.justDied = false;
      return;
    }
    if (ev.kind !== 'container') return;
    const t = this.track(ev);
    switch (ev.action) {
      case 'start':
        t.stopRequested = false;
        t.justDied = false;
        if (!t.looping) this.clearAttention(ev.id, ['exited', 'oom']);
        return;
      case 'stop':
        t.stopRequested = true;
        return;
      case 'restart':
        if (t.justDied) return this.onPolicyRestart(ev.id, t, now);
        // `podman restart` (and Burrow's): its stop and exit follow.
        t.stopRequested = true;
        return;
      case 'died':
        return this.onDied(ev, t, now);
      case 'health_status':
        return this.onHealth(ev.id, t, ev.attributes.health_status ?? '', now);
      case 'remove':
        // `podman rm -f` kills with SIGKILL and publishes no stop: an exit by 137 the container's removal
        // follows at once was asked for. (A `--rm` container that failed on its own still counts.)
        this.pending = this.pending.filter(
          (c) => !(c.id === ev.id && c.reason === 'exited' && c.exitCode === SIGKILL_EXIT),
        );
        this.tracks.delete(ev.id);
        this.attention.delete(ev.id);
        this.own = this.own.filter((o) => !(o.target === t.name || ev.id.startsWith(o.target)));
        return;
    }
  }

  private onDied(ev: EngineChange, t: Track, now: number): void {
    const code = Number(ev.attributes.containerExitCode ?? 'NaN');
    t.justDied = true;
    if (Number.isFinite(code)) t.lastExit = code;
    else delete t.lastExit;
    const asked = this.ownActionFor(ev.id, t.name, now) || t.stopRequested;
    t.stopRequested = false;
    if (!Number.isFinite(code) || code === 0 || asked || STOP_EXIT_CODES.has(code)) {
      if (!t.looping) this.clearAttention(ev.id, ['exited', 'oom']);
      return;
    }
    if (t.looping) return; // the crash loop was reported; each of its exits is not news
    const detail = exitDetail(code);
    this.setAttention(ev.id, t.name, 'exited', detail, now);
    this.hold(
      {
        reason: 'exited',
        id: ev.id,
        name: t.name,
        detail,
        exitCode: code,
        awaitingFacts: true,
      },
      now,
    );
  }

  private onExitFacts(id: string, oomKilled: boolean, restarts: boolean, removed: boolean): void {
    const c = this.pending.find((x) => x.id === id && x.reason === 'exited' && x.awaitingFacts);
    if (c && removed && c.exitCode === SIGKILL_EXIT) {
      // Podman 5 publishes no stop for `podman rm -f` when its cleanup process saw the exit first, and on a slow
      // host the remove event may come after any quiet time: the container being gone already says it.
      this.pending = this.pending.filter((x) => x !== c);
      this.attention.delete(id);
      return;
    }
    if (c) {
      c.awaitingFacts = false;
      c.awaitingRestart = restarts;
      if (oomKilled) {
        c.reason = 'oom';
        c.detail = OOM_DETAIL;
      }
    }
    const p = this.attention.get(id);
    if (oomKilled && p && p.reason === 'exited')
      this.attention.set(id, { ...p, reason: 'oom', detail: OOM_DETAIL });
  }

  private onPolicyRestart(id: string, t: Track, now: number): void {
    t.justDied = false;
    // Restarted by its policy: running again, so its exit is not news on its own.
    this.drop(id, 'exited');
    this.drop(id, 'oom');
    const windowMs = this.settings.crashLoopMinutes * 60_000;
    t.restarts = [...t.restarts.filter((x) => x > now - windowMs), now];
    if (t.looping) return;
    this.clearAttention(id, ['exited', 'oom']);
    if (t.restarts.length <= this.settings.crashLoopRestarts) return;
    t.looping = true;
    const detail = `restarted ${t.restarts.length} times in ${this.settings.crashLoopMinutes} min${
      t.lastExit !== undefined ? ` (last exit code ${t.lastExit})` : ''
    }`;
    this.setAttention(id, t.name, 'crash-loop', detail, now);
    this.hold({ reason: 'crash-loop', id, name: t.name, detail, restarts: t.restarts.length }, now);
  }

  private onHealth(id: string, t: Track, status: string, now: number): void {
    const before = t.health;
    t.health = status;
    if (status === 'healthy') this.clearAttention(id, ['unhealthy']);
    if (status !== 'unhealthy' || before === 'unhealthy') return;
    const detail = 'failed its health check';
    if (!this.attention.has(id) || this.attention.get(id)?.reason === 'unhealthy')
      this.setAttention(id, t.name, 'unhealthy', detail, now);
    this.hold({ reason: 'unhealthy', id, name: t.name, detail }, now);
  }

  private loopExpiry(): number | undefined {
    let min: number | undefined;
    const windowMs = this.settings.crashLoopMinutes * 60_000;
    for (const t of this.tracks.values()) {
      const last = t.restarts[t.restarts.length - 1];
      if (t.looping && last !== undefined) min = Math.min(min ?? Infinity, last + windowMs);
    }
    return min;
  }

  /** A loop ends when its container went a whole window without a policy restart. */
  private expireLoops(now: number): void {
    const windowMs = this.settings.crashLoopMinutes * 60_000;
    for (const [id, t] of this.tracks) {
      const last = t.restarts[t.restarts.length - 1];
      if (!t.looping || last === undefined || last + windowMs > now) continue;
      t.looping = false;
      t.restarts = [];
      this.clearAttention(id, ['crash-loop']);
    }
  }

  private item(c: Candidate, notificationId: string): NotificationItem {
    const gone = !this.tracks.has(c.id);
    return {
      reason: c.reason,
      containerId: c.id,
      name: c.name,
      detail: c.detail,
      // A container removed since (`--rm`) has no page of its own any more: the centre keeps what happened.
      link: gone ? notificationLink(notificationId) : containerLink(c.id),
    };
  }

  private single(c: Candidate, time: string, id: string): BurrowNotification {
    const item = this.item(c, id);
    const body: Record<ProblemReason, string> = {
      exited: `It ${c.detail} without being asked to stop.`,
      oom: 'The kernel’s OOM killer stopped it: its memory limit is too low for what it does, or it leaks.',
      unhealthy: 'Its health check failed. Open it to see the check’s output and logs.',
      'crash-loop': `It ${c.detail}: its restart policy keeps starting it and it keeps failing.`,
    };
    const reason = c.reason as ProblemReason;
    const title =
      reason === 'exited' ? `${c.name} ${c.detail}` : `${c.name} ${(REASON_WORDS[reason] ?? ['', ''])[0]}`;
    return {
      id,
      time,
      title,
      body: body[reason],
      severity: reason === 'unhealthy' ? 'warning' : 'error',
      items: [item],
      link: item.link,
    };
  }

  private summary(cs: Candidate[], time: string, id: string): BurrowNotification {
    const containers = new Set(cs.map((c) => c.id));
    const counts = new Map<ProblemReason, number>();
    for (const c of cs)
      counts.set(c.reason as ProblemReason, (counts.get(c.reason as ProblemReason) ?? 0) + 1);
    const parts = [...counts].map(([r, n]) => `${n} ${REASON_WORDS[r][n === 1 ? 0 : 1]}`);
    const names = [...new Set(cs.map((c) => c.name))];
    const shown = names.slice(0, 3).join(', ');
    const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
    return {
      id,
      time,
      title: `${containers.size} containers need attention`,
      body: `${parts.join(', ')}: ${shown}${more}.`,
      severity: cs.every((c) => c.reason === 'unhealthy') ? 'warning' : 'error',
      items: cs.map((c) => this.item(c, id)),
      link: notificationLink(id),
    };
  }

  private jobNotification(c: Candidate, time: string): BurrowNotification {
    const job = c.job as JobRecord;
    const ok = job.outcome === 'succeeded';
    const link = jobLink(job.id);
    return {
      id: this.nextId(),
      time,
      title: `${job.title} ${ok ? 'finished' : 'failed'}`,
      body: [job.detail, job.hint].filter(Boolean).join(' ') || (ok ? 'Done.' : 'It failed.'),
      severity: ok ? 'info' : 'error',
      items: [{ reason: 'job', name: job.title, detail: c.detail, link }],
      link,
    };
  }
}

/** What inspect says about a container that just exited, as far as its restart policy goes. */
export type RestartFacts = Pick<
  ContainerDetail,
  'state' | 'restartPolicy' | 'restartRetries' | 'restartCount'
>;

/**
 * Whether the engine's restart policy will start a container that exited with `exitCode` again — libpod's
 * shouldRestart (container_internal.go): `always`/`unless-stopped` always (an explicit stop publishes a stop event,
 * which the rules already count as asked), `on-failure` for a non-zero exit while RestartCount is below
 * MaximumRetryCount (0: no limit). Running again already means the policy restarted it (its `restart` event is
 * published before the start).
 */
export function restartExpected(d: RestartFacts, exitCode: number): boolean {
  if (d.state === 'running' || d.state === 'paused') return true;
  switch (d.restartPolicy) {
    case 'always':
    case 'unless-stopped':
      return true;
    case 'on-failure':
      return exitCode !== 0 && (!d.restartRetries || d.restartCount < d.restartRetries);
    default:
      return false;
  }
}
