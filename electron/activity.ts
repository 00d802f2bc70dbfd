// What the router tells the notification service about what Burrow itself does:
//
// - Long jobs. A topic (or channel) listed in `jobOperations` is a job: the router opens a job record when it is
//   subscribed (called), and ends it as succeeded, failed (core's message and hint) or cancelled (unsubscribed
//   before the end). A job that ends while no Burrow window has the focus is a notification. **A new long
//   operation opts in with one entry here** — its title, where its result is seen, and, for streams that report
//   failure as an item rather than an error, which items say how it ended. Nothing else changes.
// - Burrow's own stops. A stop, kill, restart or remove made through Burrow ends a container on purpose: its exit
//   is not news (Podman 4.3 publishes no stop event for an API stop).
import type { BurrowErrorData } from '../core/errors.js';
import type { ArchiveEvent, PullProgress } from '../core/model/types.js';
import type { JobHandle, JobTracker } from '../core/notify/jobs.js';
import type { OwnAction } from '../core/notify/rules.js';
import type { Channel, ParsedArgsOf, ParsedTopicArgs, ResultOf, Topic, TopicData } from './contract/index.js';

export type JobEnd = { ok: true; detail?: string } | { ok: false; message: string; hint?: string };

export interface JobOperation<A, D> {
  title(args: A): string;
  /** Where the result is seen, as a hash route of the UI. */
  link?(args: A): string;
  /** An item that says how the job ended, for streams that carry their failure as data. */
  outcome?(item: D): JobEnd | undefined;
  /** An item after which a cancel no longer stops the work: what the cancelled job's record then says. */
  pastCancel?(item: D): string | undefined;
}

/** Topics (their items) and channels (their one result) that are long jobs. */
type JobOperations = { [T in Topic]?: JobOperation<ParsedTopicArgs<T>, TopicData<T>> } & {
  [C in Channel]?: JobOperation<ParsedArgsOf<C>, ResultOf<C>>;
};

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

const pullOutcome = (p: PullProgress): JobEnd | undefined =>
  p.error
    ? { ok: false, message: p.error }
    : p.imageId
      ? { ok: true, detail: `Image ${short(p.imageId)}.` }
      : undefined;

/** Archives carry no failure item (a failure is the stream's error); their last item says what was written. */
const archiveOutcome = (e: ArchiveEvent): JobEnd | undefined =>
  e.kind === 'done' ? { ok: true, detail: e.outcome } : undefined;

/** Once a load's upload is complete the engine loads it whatever the client does (core/clients/images.ts). */
const loadPastCancel = (e: ArchiveEvent): string | undefined =>
  e.kind === 'status' && e.cancellable === false
    ? 'Cancelled after the upload: Podman still finishes loading the images.'
    : undefined;

export const jobOperations: JobOperations = {
  'images.pull': {
    title: (a) => `Pull ${a.reference}`,
    link: () => '#/images',
    outcome: pullOutcome,
  },
  'images.push': {
    title: (a) => `Push ${a.image}${a.destination ? ` to ${a.destination}` : ''}`,
    link: () => '#/images',
    outcome: (p) => (p.error ? { ok: false, message: p.error } : undefined),
  },
  'images.build': {
    title: (a) => `Build ${a.tags?.[0] ?? a.contextDir}`,
    link: () => '#/images',
    outcome: (e) =>
      e.kind === 'error'
        ? { ok: false, message: e.message }
        : e.kind === 'done'
          ? { ok: true, detail: `Image ${short(e.imageId)}.` }
          : undefined,
  },
  'images.save': {
    title: (a) => `Save ${a.images.join(', ')} to ${a.path}`,
    link: () => '#/images',
    outcome: archiveOutcome,
  },
  'images.load': {
    title: (a) => `Load ${a.path}`,
    link: () => '#/images',
    outcome: archiveOutcome,
    pastCancel: loadPastCancel,
  },
  'volumes.export': {
    title: (a) => `Export volume ${a.name} to ${a.path}`,
    link: () => '#/volumes',
    outcome: archiveOutcome,
  },
  'volumes.import': {
    title: (a) => `Import ${a.path} into volume ${a.name}`,
    link: () => '#/volumes',
    outcome: archiveOutcome,
  },
};

/** A running job as the router drives it. */
export interface JobRun {
  item(data: unknown): void;
  /** The stream ended without an error: what its items said, else success. */
  end(): void;
  fail(error: Pick<BurrowErrorData, 'message' | 'hint'>): void;
  cancel(): void;
}

/** Open a job record if `operation` is flagged as one. */
export function startJob(
  tracker: JobTracker | undefined,
  operation: string,
  args: unknown,
): JobRun | undefined {
  const spec = (jobOperations as Record<string, JobOperation<unknown, unknown> | undefined>)[operation];
  if (!tracker || !spec) return undefined;
  const link = spec.link?.(args);
  const handle: JobHandle = tracker.start(operation, spec.title(args), link);
  let said: JobEnd | undefined;
  let tooLate: string | undefined;
  return {
    item(data) {
      said = spec.outcome?.(data) ?? said;
      tooLate = spec.pastCancel?.(data) ?? tooLate;
    },
    end() {
      if (said && !said.ok) handle.fail(said);
      else handle.succeed(said?.detail);
    },
    fail: (e) => handle.fail(e),
    cancel: () => handle.cancel(tooLate),
  };
}

const OWN: Partial<Record<string, OwnAction>> = {
  'containers.stop': 'stop',
  'containers.kill': 'kill',
  'containers.restart': 'restart',
  'containers.remove': 'remove',
};

/** The container a call of Burrow's ends on purpose, if it is one. */
export function ownActionOf(
  channel: string,
  args: unknown,
): { target: string; action: OwnAction } | undefined {
  const action = OWN[channel];
  const id = (args as Partial<ParsedArgsOf<'containers.stop'>> | undefined)?.id;
  return action && typeof id === 'string' ? { target: id, action } : undefined;
}
