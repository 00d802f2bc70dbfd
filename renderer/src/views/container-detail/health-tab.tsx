// The health check: its verdict, how it is configured, the last results with what the check printed, and
// "Run check now" (the only way checks run on a host without a user systemd, and a way to see the answer at once).
import type { ContainerDetail } from '../../../../core/model/types.js';
import { HealthBadge } from '../../components/ui.js';
import { runChannel } from '../../data/queries.js';
import { invalidateContainer } from '../../data/query-client.js';
import { href } from '../../router.js';
import { refreshContainer } from '../../store/store.js';

const secs = (n: number | undefined, dflt: string) => (n === undefined ? dflt : `${n} s`);

export function HealthTab({ detail: d }: { detail: ContainerDetail }) {
  const hc = d.healthcheck;
  if (!hc)
    return (
      <div className="note" role="note">
        <p>This container has no health check.</p>
        <p>
          Add one with <a href={href({ view: 'create', edit: d.id })}>Edit &amp; recreate</a> → Health check:
          a command Podman runs every so often, which makes the container healthy or unhealthy.
        </p>
      </div>
    );
  const results = d.healthResults;
  const runNow = () =>
    void runChannel(
      'containers.healthcheck',
      { id: d.id },
      {
        done: (h) => `Health check: ${h.status}`,
        then: () => {
          invalidateContainer(d.id);
          // Podman 4.3 announces a check as it starts, before its verdict is stored: read the row again now.
          refreshContainer(d.id);
        },
      },
    );
  return (
    <div className="health">
      <section className="card" aria-label="Health status">
        <h2>
          Status <HealthBadge health={d.health ?? results?.status} />
          {!d.health && !results ? <span className="muted"> not checked yet</span> : null}
        </h2>
        {results && results.failingStreak > 0 ? (
          <p>
            {results.failingStreak} failed check{results.failingStreak === 1 ? '' : 's'} in a row
          </p>
        ) : null}
        <button className="primary" onClick={runNow} disabled={d.state !== 'running'}>
          Run check now
        </button>
        {d.state !== 'running' ? <span className="muted"> Checks run while the container runs.</span> : null}
      </section>
      <section className="card" aria-label="Health check configuration">
        <h2>Check</h2>
        <dl>
          <dt>Command</dt>
          <dd>
            <code>{hc.test.slice(1).join(' ')}</code> <span className="muted">({hc.test[0]})</span>
          </dd>
          <dt>Interval</dt>
          <dd>
            {hc.intervalSeconds === 0 ? 'no timer: only when run by hand' : secs(hc.intervalSeconds, '30 s')}
          </dd>
          <dt>Timeout</dt>
          <dd>{secs(hc.timeoutSeconds, '30 s')}</dd>
          <dt>Retries</dt>
          <dd>{hc.retries ?? 3}</dd>
          <dt>Start period</dt>
          <dd>{secs(hc.startPeriodSeconds, '0 s')}</dd>
          <dt>When unhealthy</dt>
          <dd>{hc.onFailure && hc.onFailure !== 'none' ? hc.onFailure : 'nothing (reported only)'}</dd>
        </dl>
      </section>
      <section className="card wide" aria-label="Health log">
        <h2>Last results</h2>
        {!results?.log.length ? (
          <p className="muted">No results yet.</p>
        ) : (
          <table className="mini">
            <thead>
              <tr>
                <th>Ended</th>
                <th>Exit code</th>
                <th>Output</th>
              </tr>
            </thead>
            <tbody>
              {[...results.log].reverse().map((l, i) => (
                <tr key={`${l.start}-${i}`} className={l.exitCode === 0 ? '' : 'warn'}>
                  <td>{l.end ? new Date(l.end).toLocaleTimeString() : '—'}</td>
                  <td>{l.exitCode}</td>
                  <td>
                    <pre className="output">{l.output.trim() || '—'}</pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
