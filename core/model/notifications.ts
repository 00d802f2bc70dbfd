// What Burrow tells the user about their containers and long jobs, shared by the main process (which decides,
// core/notify/) and the renderer (notification centre, Web Notifications). Node-free.

/** Why a container needs the user. */
export type ProblemReason = 'exited' | 'oom' | 'unhealthy' | 'crash-loop';

export type NotificationReason = ProblemReason | 'job';

export interface NotificationItem {
  reason: NotificationReason;
  /** The container, for container problems. */
  containerId?: string;
  /** The container's name, or the job's title. */
  name: string;
  /** What happened, in words: "exited with code 3", "was killed by the kernel: out of memory". */
  detail: string;
  /** Where this item opens (a hash route of the UI). */
  link: string;
}

export interface BurrowNotification {
  id: string;
  /** ISO time it was decided. */
  time: string;
  title: string;
  body: string;
  severity: 'error' | 'warning' | 'info';
  /** One item for a single event; many when a storm was coalesced into a summary. */
  items: NotificationItem[];
  /** Where clicking it goes (a hash route of the UI): the container, the job, or the summary in the centre. */
  link: string;
}

/** A container that needs attention now (the tray's count and menu). */
export interface Problem {
  containerId: string;
  name: string;
  reason: ProblemReason;
  detail: string;
  /** ISO time it started needing attention. */
  since: string;
}

export type JobOutcome = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A long operation (pull, build, push, compose up, kube play, auto-update) and how it ended. */
export interface JobRecord {
  id: string;
  /** The contract topic or channel it ran as, e.g. `pull`, `images.push`. */
  operation: string;
  /** "Pull docker.io/library/alpine" */
  title: string;
  outcome: JobOutcome;
  startedAt: string;
  endedAt?: string;
  /** A line about the result ("image 3f2a…") or the error's message. */
  detail?: string;
  hint?: string;
  /** Where the job's result can be seen in the UI (a hash route). */
  link?: string;
}

/** The notification centre: recent notifications (newest first), containers needing attention, recent jobs. */
export interface NotificationCentre {
  notifications: BurrowNotification[];
  problems: Problem[];
  jobs: JobRecord[];
}

/** What the `notifications` topic carries. */
export type NotificationFeed =
  | { kind: 'notification'; notification: BurrowNotification }
  | { kind: 'problems'; problems: Problem[] }
  | { kind: 'job'; job: JobRecord }
  /** The desktop's notification was clicked (Electron): show this route. */
  | { kind: 'open'; link: string };

export function containerLink(id: string): string {
  return `#/container/${encodeURIComponent(id)}/summary`;
}

export function notificationLink(id: string): string {
  return `#/activity?notification=${encodeURIComponent(id)}`;
}

export function jobLink(id: string): string {
  return `#/activity?job=${encodeURIComponent(id)}`;
}
