// Activity: the notification centre (the last notifications, each opening what it is about), the containers that
// need attention now, and the recent long jobs with how they ended. A notification or job named in the route
// (a clicked desktop notification) is shown first and marked.
import { useEffect, useRef } from 'react';
import type { BurrowNotification, JobRecord } from '../../../core/model/notifications.js';
import { ago } from '../components/ui.js';
import { runChannel } from '../data/queries.js';
import { useNotify, webNotifier } from '../notify/store.js';

function NotificationEntry({ n, focused }: { n: BurrowNotification; focused: boolean }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focused]);
  return (
    <li
      ref={ref}
      className={`entry severity-${n.severity}${focused ? ' focused' : ''}`}
      aria-current={focused ? 'true' : undefined}
      data-id={n.id}
    >
      <div className="entry-head">
        <a href={n.link}>{n.title}</a>
        <span className="muted">{ago(n.time)}</span>
      </div>
      <div>{n.body}</div>
      {n.items.length > 1 ? (
        <details open={focused}>
          <summary>{n.items.length} containers</summary>
          <ul className="items" aria-label={`Containers in “${n.title}”`}>
            {n.items.map((i) => (
              <li key={`${i.containerId ?? i.name}-${i.reason}`}>
                <a href={i.link}>{i.name}</a> <span className="muted">{i.detail}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

function JobEntry({ j, focused }: { j: JobRecord; focused: boolean }) {
  return (
    <li
      className={`entry${focused ? ' focused' : ''}`}
      aria-current={focused ? 'true' : undefined}
      data-id={j.id}
    >
      <div className="entry-head">
        <strong>{j.title}</strong>
        <span className={`badge job-${j.outcome}`}>{j.outcome}</span>
        <span className="muted">{ago(j.endedAt ?? j.startedAt)}</span>
      </div>
      {j.detail ? <div>{j.detail}</div> : null}
      {j.hint ? <div className="hint">{j.hint}</div> : null}
      {j.link ? <a href={j.link}>Show the result</a> : null}
    </li>
  );
}

function DesktopPermission() {
  const permission = useNotify((s) => s.permission);
  if (permission === 'electron' || permission === 'granted') return null;
  return (
    <div className="note" role="note">
      {permission === 'unsupported'
        ? 'This browser shows no desktop notifications for this page (they need a secure context: open Burrow on 127.0.0.1 or localhost). They are listed here.'
        : permission === 'denied'
          ? 'The browser blocks notifications from this page; allow them in its site settings to see them on the desktop. They are listed here.'
          : 'Burrow can show its notifications on the desktop. '}
      {permission === 'default' ? (
        <button
          onClick={() =>
            void webNotifier()
              ?.ask()
              .then(() => useNotify.setState({ permission: webNotifier()?.permission ?? 'unsupported' }))
          }
        >
          Allow desktop notifications
        </button>
      ) : null}
    </div>
  );
}

export function ActivityView({ notification, job }: { notification?: string; job?: string }) {
  const notifications = useNotify((s) => s.notifications);
  const problems = useNotify((s) => s.problems);
  const jobs = useNotify((s) => s.jobs);
  const markRead = useNotify((s) => s.markRead);
  useEffect(() => markRead(), [markRead, notifications]);
  return (
    <section className="view activity" aria-label="Activity">
      <div className="toolbar">
        <h1>Activity</h1>
        <span className="spacer" />
        <button
          disabled={notifications.length === 0}
          onClick={() =>
            void runChannel(
              'notifications.clear',
              {},
              { then: () => useNotify.setState({ notifications: [], unread: 0 }) },
            )
          }
        >
          Clear notifications
        </button>
      </div>
      <DesktopPermission />
      <h2>Needs attention</h2>
      {problems.length === 0 ? (
        <p className="muted">No container needs attention.</p>
      ) : (
        <ul className="entries" aria-label="Containers needing attention">
          {problems.map((p) => (
            <li key={p.containerId} className="entry">
              <div className="entry-head">
                <a href={`#/container/${encodeURIComponent(p.containerId)}/summary`}>{p.name}</a>
                <span className={`badge problem-${p.reason}`}>{p.reason}</span>
                <span className="muted">{ago(p.since)}</span>
              </div>
              <div>{p.detail}</div>
            </li>
          ))}
        </ul>
      )}
      <h2>Notifications</h2>
      {notifications.length === 0 ? (
        <p className="muted">
          Nothing yet: Burrow tells you here (and on the desktop) when a container needs you.
        </p>
      ) : (
        <ul className="entries" aria-label="Notification centre">
          {notifications.map((n) => (
            <NotificationEntry key={n.id} n={n} focused={n.id === notification} />
          ))}
        </ul>
      )}
      <h2>Jobs</h2>
      {jobs.length === 0 ? (
        <p className="muted">No pulls or builds since Burrow started.</p>
      ) : (
        <ul className="entries" aria-label="Jobs">
          {jobs.map((j) => (
            <JobEntry key={j.id} j={j} focused={j.id === job} />
          ))}
        </ul>
      )}
    </section>
  );
}
