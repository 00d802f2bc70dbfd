// The notification service: the main process's one reader of engine events for notifications. It feeds the rules
// (rules.ts) from the live list's shared event stream (never a stream of its own), adds the facts events lack
// about an exit — whether the OOM killer did it, whether the restart policy will start it again (inspect) — and
// hands what the rules decide to everyone who
// shows it: the `notifications` topic (the page's centre and Web Notifications), Electron's notifications and the
// tray (in-process listeners). It also keeps the centre's last notifications and the containers needing
// attention. Plain Node: the composition root wires it up.
import type { Engine } from '../engine-api.js';
import { BurrowError } from '../errors.js';
import type { ContainerDetail, EngineEvent } from '../model/types.js';
import type { BurrowNotification, JobRecord, NotificationFeed, Problem } from '../model/notifications.js';
import type { Settings } from '../model/settings.js';
import { Feed } from '../streams/feed.js';
import type { JobTracker } from './jobs.js';
import {
  DEFAULT_TIMING,
  NotificationRules,
  restartExpected,
  type OwnAction,
  type RuleInput,
  type RuleTiming,
} from './rules.js';

export interface SettingsSource {
  get(): Settings;
  onChange(fn: (next: Settings, before: Settings) => void): () => void;
}

export interface NotificationServiceOptions {
  /** The live engine: its unfiltered event stream is the one shared stream of this Burrow. */
  engine: Engine;
  settings: SettingsSource;
  jobs?: JobTracker;
  timing?: Partial<RuleTiming>;
  /** Notifications the centre keeps. */
  keep?: number;
  /** Exits inspected at once for their facts; in a larger storm the rest are not asked about. */
  inspectConcurrency?: number;
  maxInspectBacklog?: number;
  /** How often a SIGKILL exit under a memory limit is inspected again for Podman's late OOM verdict. */
  oomRecheck?: { times: number; everyMs: number };
  now?: () => number;
}

export class NotificationService {
  private readonly rules: NotificationRules;
  private readonly feed = new Feed<NotificationFeed>();
  private readonly recentList: BurrowNotification[] = [];
  private readonly ac = new AbortController();
  private readonly offs: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private present = 0;
  private lastProblems = '[]';
  private readonly backlog: { id: string; exitCode: number }[] = [];
  private inspecting = 0;
  private started = false;

  constructor(private readonly opts: NotificationServiceOptions) {
    this.rules = new NotificationRules(opts.settings.get().notifications, {
      ...DEFAULT_TIMING,
      ...opts.timing,
    });
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.offs.push(
      this.opts.settings.onChange((next) => {
        this.rules.setSettings(next.notifications);
        this.publishProblems();
      }),
    );
    if (this.opts.jobs)
      this.offs.push(
        this.opts.jobs.onChange((job) => {
          this.feed.publish({ kind: 'job', job });
          this.push({ kind: 'job', job, focused: this.focused });
        }),
      );
    void this.watch();
  }

  dispose(): void {
    this.ac.abort();
    if (this.timer) clearTimeout(this.timer);
    for (const off of this.offs.splice(0)) off();
  }

  /** In-process listeners: Electron's notifications, the tray. */
  listen(fn: (f: NotificationFeed) => void): () => void {
    return this.feed.listen(fn);
  }

  /** The `notifications` topic: the current problems first, then everything as it happens. */
  stream(signal: AbortSignal): AsyncIterable<NotificationFeed> {
    return this.feed.stream(signal, [{ kind: 'problems', problems: this.rules.problems() }]);
  }

  /** The centre's notifications, newest first. */
  recent(): BurrowNotification[] {
    return [...this.recentList].reverse();
  }

  problems(): Problem[] {
    return this.rules.problems();
  }

  jobs(): JobRecord[] {
    return this.opts.jobs?.list() ?? [];
  }

  clear(): void {
    this.recentList.length = 0;
  }

  /** Whether a Burrow window or page has the focus now. */
  get focused(): boolean {
    return this.present > 0;
  }

  /** A window or page has the focus until the returned function is called. */
  focus(): () => void {
    this.present += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.present -= 1;
    };
  }

  /** Burrow itself is about to (phase start) or did (end) stop, kill, restart or remove `target`. */
  ownAction(target: string, action: OwnAction, phase: 'start' | 'end'): void {
    this.push({ kind: 'own', target, action, phase });
  }

  /** A desktop notification was clicked (Electron): the window shows `link`. */
  open(link: string): void {
    this.feed.publish({ kind: 'open', link });
  }

  private async watch(): Promise<void> {
    const signal = this.ac.signal;
    while (!signal.aborted) {
      try {
        for await (const ev of this.opts.engine.events.stream({ signal })) this.onEvent(ev);
      } catch {
        // the shared stream failed outright; it retries inside, so this is rare: look again shortly
      }
      if (signal.aborted) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  private onEvent(ev: EngineEvent): void {
    this.push({ kind: 'event', event: ev });
    if (ev.kind === 'container' && ev.action === 'died' && this.rules.wantsFacts(ev.id))
      this.askAboutExit(ev.id, Number(ev.attributes.containerExitCode));
  }

  /**
   * Podman's events say neither OOM nor whether the restart policy will bring the container back; its inspect
   * does (State.OOMKilled, set with the exit; the policy, its retry limit and RestartCount).
   */
  private askAboutExit(id: string, exitCode: number): void {
    if (this.backlog.length >= (this.opts.maxInspectBacklog ?? 50)) {
      this.push({ kind: 'exit-facts', id, oomKilled: false, restarts: false });
      return;
    }
    this.backlog.push({ id, exitCode });
    this.drainInspections();
  }

  private drainInspections(): void {
    while (this.inspecting < (this.opts.inspectConcurrency ?? 4) && this.backlog.length > 0) {
      const { id, exitCode } = this.backlog.shift() as { id: string; exitCode: number };
      this.inspecting += 1;
      void this.exitFacts(id, exitCode)
        .then(
          (d) => ({ oomKilled: d.oomKilled === true, restarts: restartExpected(d, exitCode) }),
          // removed meanwhile (`podman rm -f`), or the engine is gone: an ordinary exit as far as we know
          (e: unknown) => ({
            oomKilled: false,
            restarts: false,
            removed: e instanceof BurrowError && e.code === 'not_found',
          }),
        )
        .then((f) => {
          this.inspecting -= 1;
          this.push({ kind: 'exit-facts', id, ...f });
          this.drainInspections();
        });
    }
  }

  /**
   * Inspect an exited container. Podman records an OOM kill in its cleanup, a moment after the exit event (and
   * under load, seconds after): a SIGKILL exit of a container with a memory limit is looked at again, a few
   * times, before it is told as a plain kill.
   */
  private async exitFacts(id: string, exitCode: number): Promise<ContainerDetail> {
    let d = await this.opts.engine.containers.inspect(id);
    const lookAgain = this.opts.oomRecheck ?? { times: 25, everyMs: 200 };
    for (
      let i = 0;
      i < lookAgain.times &&
      exitCode === 137 &&
      !d.oomKilled &&
      (d.enforcedLimits?.memory ?? 0) > 0 &&
      d.state === 'exited';
      i++
    ) {
      await new Promise((r) => setTimeout(r, lookAgain.everyMs));
      d = await this.opts.engine.containers.inspect(id);
    }
    return d;
  }

  private push(input: RuleInput): void {
    this.rules.push(input, this.now());
    this.decide();
  }

  private decide(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    for (const n of this.rules.flush(now)) {
      this.recentList.push(n);
      while (this.recentList.length > (this.opts.keep ?? 100)) this.recentList.shift();
      this.feed.publish({ kind: 'notification', notification: n });
    }
    this.publishProblems();
    const due = this.rules.due();
    if (due !== undefined && !this.ac.signal.aborted)
      this.timer = setTimeout(() => this.decide(), Math.max(0, due - this.now()));
  }

  private publishProblems(): void {
    const problems = this.rules.problems();
    const key = JSON.stringify(problems);
    if (key === this.lastProblems) return;
    this.lastProblems = key;
    this.feed.publish({ kind: 'problems', problems });
  }
}
