// The summary: configuration, user namespace, resource limits requested vs enforced on this host, ports and
// networks, mounts, security.
import type { ReactNode } from 'react';
import type { ContainerDetail } from '../../../../core/model/types.js';
import { describeUserns } from '../../../../core/model/userns.js';
import { UsernsBadge, bytes } from '../../components/ui.js';
import { useHostFacts } from '../../data/queries.js';
import { href } from '../../router.js';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function SummaryTab({ d }: { d: ContainerDetail }) {
  const facts = useHostFacts();
  const req = d.requestedLimits;
  const e = d.enforcedLimits;
  const limitRows: { name: string; requested?: string; enforced: string }[] = [
    {
      name: 'Memory',
      ...(req?.memory ? { requested: req.memory } : {}),
      enforced: e.memory ? bytes(e.memory) : 'none',
    },
    {
      name: 'CPUs',
      ...(req?.cpus !== undefined ? { requested: String(req.cpus) } : {}),
      enforced: e.nanoCpus ? String(e.nanoCpus / 1e9) : 'none',
    },
    {
      name: 'PIDs',
      ...(req?.pidsLimit !== undefined ? { requested: String(req.pidsLimit) } : {}),
      enforced: e.pidsLimit ? String(e.pidsLimit) : 'none',
    },
  ];
  const dropped = limitRows.filter((r) => r.requested && r.enforced === 'none');
  return (
    <div className="summary-grid">
      <section aria-label="Configuration" className="card">
        <h2>Configuration</h2>
        <dl>
          <Field label="Image">{d.image}</Field>
          <Field label="Command">
            <code>{[...d.entrypoint, ...d.command].join(' ') || '—'}</code>
          </Field>
          <Field label="User">{d.user || 'image default'}</Field>
          <Field label="Working dir">{d.workdir || '/'}</Field>
          <Field label="Hostname">{d.hostname}</Field>
          <Field label="Restart">{d.restartPolicy}</Field>
          <Field label="Created">{new Date(d.createdAt).toLocaleString()}</Field>
          <Field label="ID">
            <code>{d.id.slice(0, 12)}</code>
          </Field>
        </dl>
      </section>
      <section aria-label="User namespace" className="card">
        <h2>User namespace</h2>
        <p>
          <UsernsBadge mode={d.userns} /> {describeUserns(d.userns ?? { kind: 'host' })}
        </p>
        <a href={href({ view: 'container', id: d.id, tab: 'mapping' })}>See the live UID/GID mapping</a>
      </section>
      <section aria-label="Limits" className="card">
        <h2>Resource limits</h2>
        <table className="mini">
          <thead>
            <tr>
              <th>Limit</th>
              <th>Requested</th>
              <th>Enforced on this host</th>
            </tr>
          </thead>
          <tbody>
            {limitRows.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td>{r.requested ?? '—'}</td>
                <td className={r.requested && r.enforced === 'none' ? 'warn' : ''}>
                  {r.requested && r.enforced === 'none' ? 'not enforced on this host' : r.enforced}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {dropped.length > 0 && facts ? (
          <p className="note" role="note">
            {facts.limitsReason} <a href="#/system">Doctor</a>
          </p>
        ) : null}
      </section>
      <section aria-label="Ports and networks" className="card">
        <h2>Ports &amp; networks</h2>
        <dl>
          <Field label="Network mode">{d.networkMode || 'default'}</Field>
          <Field label="Networks">{d.networks.join(', ') || '—'}</Field>
          <Field label="Ports">
            {d.ports.length
              ? d.ports.map((p, i) => (
                  <div key={i}>
                    {p.hostIp || '0.0.0.0'}:{p.hostPort} → {p.containerPort}/{p.protocol}
                  </div>
                ))
              : '—'}
          </Field>
        </dl>
      </section>
      <section aria-label="Mounts" className="card">
        <h2>Mounts</h2>
        {d.mounts.length === 0 ? (
          <p className="muted">None</p>
        ) : (
          <ul className="plain">
            {d.mounts.map((m, i) => (
              <li key={i}>
                {m.type === 'bind'
                  ? `${m.source} → ${m.target}${m.options?.length ? ` (${m.options.join(',')})` : ''}`
                  : m.type === 'volume'
                    ? `volume ${m.name} → ${m.target}`
                    : `tmpfs ${m.target}`}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Security" className="card">
        <h2>Security</h2>
        <dl>
          <Field label="Capabilities">{d.effectiveCaps.length ? d.effectiveCaps.join(', ') : 'none'}</Field>
          <Field label="No new privileges">{d.security.noNewPrivileges ? 'yes' : 'no'}</Field>
          <Field label="Read-only root">{d.security.readOnlyRootfs ? 'yes' : 'no'}</Field>
          <Field label="Privileged">{d.security.privileged ? 'YES' : 'no'}</Field>
          <Field label="Seccomp">{d.security.seccompProfile ?? 'Podman default'}</Field>
          <Field label="Runtime">{d.security.runtime ?? '—'}</Field>
        </dl>
      </section>
    </div>
  );
}
