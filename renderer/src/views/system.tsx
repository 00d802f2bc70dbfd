// System: engine and connection status, host facts, disk usage, and the rootless doctor.
import { useEffect, useState } from 'react';
import type { ConnectionInfo, DiskUsage, HostFacts } from '../../../core/model/types.js';
import type { CapabilityRow } from '../../../core/model/hardened.js';
import { invoke } from '../api/types.js';
import { bytes } from '../components/ui.js';
import { useStore } from '../store/store.js';
import { ConnectionsCard } from './connections.js';
import { PruneDialog } from '../components/prune-dialog.js';
import type { DoctorReport } from '../../../core/model/insight.js';

export function SystemView() {
  const api = useStore((s) => s.api);
  const engine = useStore((s) => s.engine);
  const [facts, setFacts] = useState<HostFacts>();
  const [conn, setConn] = useState<ConnectionInfo>();
  const [df, setDf] = useState<DiskUsage>();
  const [doctor, setDoctor] = useState<DoctorReport>();
  const [caps, setCaps] = useState<CapabilityRow[]>();
  const [pruning, setPruning] = useState(false);
  useEffect(() => {
    if (!api) return;
    const err = (e: unknown) => useStore.getState().error(e);
    void invoke(api, 'system.hostFacts', {}).then(setFacts, err);
    void invoke(api, 'system.connection', {}).then(setConn, err);
    void invoke(api, 'system.diskUsage', {}).then(setDf, err);
    void invoke(api, 'insight.doctor', {}).then(setDoctor, err);
    void invoke(api, 'insight.capabilities', {}).then(setCaps, err);
  }, [api, engine?.reachable, engine?.connection?.uri]);
  return (
    <section className="view system" aria-label="System">
      <div className="toolbar">
        <h1>System</h1>
      </div>
      <div className="summary-grid">
        <section className="card" aria-label="Engine">
          <h2>Engine</h2>
          <dl>
            <dt>Status</dt>
            <dd>{engine?.reachable ? 'reachable' : 'unreachable'}</dd>
            <dt>Connection</dt>
            <dd>{conn ? `${conn.kind.replace('_', ' ')} — ${conn.uri}` : '…'}</dd>
            {conn?.servicePid ? (
              <>
                <dt>Service PID</dt>
                <dd>{conn.servicePid}</dd>
              </>
            ) : null}
            <dt>Podman</dt>
            <dd>{facts ? `${facts.podmanVersion} (API ${facts.apiVersion})` : '…'}</dd>
            <dt>Runtime</dt>
            <dd>{facts?.ociRuntime}</dd>
            <dt>cgroups</dt>
            <dd>
              {facts
                ? `${facts.cgroupVersion}${facts.cgroupControllers.length ? ` (${facts.cgroupControllers.join(', ')})` : ''}`
                : ''}
            </dd>
            <dt>Network</dt>
            <dd>
              {facts
                ? `${facts.networkBackend}${facts.rootlessNetworkCmd ? ` + ${facts.rootlessNetworkCmd}` : ''}`
                : ''}
            </dd>
            <dt>Storage</dt>
            <dd>{facts ? `${facts.storageDriver} at ${facts.graphRoot}` : ''}</dd>
          </dl>
        </section>
        <section className="card" aria-label="Disk usage">
          <h2>Disk usage</h2>
          {df ? (
            <table className="mini">
              <thead>
                <tr>
                  <th />
                  <th>Count</th>
                  <th>Size</th>
                  <th>Reclaimable</th>
                </tr>
              </thead>
              <tbody>
                {(['images', 'containers', 'volumes'] as const).map((k) => (
                  <tr key={k}>
                    <td>{k}</td>
                    <td>{df[k].count}</td>
                    <td>{bytes(df[k].size)}</td>
                    <td>{bytes(df[k].reclaimable)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            '…'
          )}
          <button onClick={() => setPruning(true)}>System prune…</button>
        </section>
      </div>
      {pruning ? (
        <PruneDialog
          scope="system"
          onClose={() => {
            setPruning(false);
            if (api) void invoke(api, 'system.diskUsage', {}).then(setDf, () => undefined);
          }}
        />
      ) : null}
      <ConnectionsCard />
      <section className="card doctor" aria-label="Doctor">
        <h2>Rootless doctor</h2>
        {doctor ? (
          <>
            <p className="muted">
              {doctor.counts.ok} ok · {doctor.counts.warn} warnings · {doctor.counts.fail} failures ·{' '}
              {doctor.counts.info} notes
            </p>
            <ul className="checks" aria-label="Doctor checks">
              {doctor.checks.map((c) => (
                <li key={c.id} className={`check ${c.status}`} data-check={c.id}>
                  <span className={`badge check-${c.status}`}>{c.status}</span> <strong>{c.title}</strong>:{' '}
                  {c.summary}
                  <details>
                    <summary>Evidence</summary>
                    <ul>
                      {c.evidence.map((e) => (
                        <li key={e}>
                          <code>{e}</code>
                        </li>
                      ))}
                    </ul>
                  </details>
                  {c.fix ? (
                    <div className="fix">
                      Fix: <code>{c.fix}</code>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p aria-busy="true">Running checks…</p>
        )}
      </section>
      {caps ? (
        <section className="card" aria-label="Default capabilities">
          <h2>Default capabilities: Podman vs Docker</h2>
          <table className="mini">
            <thead>
              <tr>
                <th>Capability</th>
                <th>Podman</th>
                <th>Docker</th>
                <th>Allows</th>
              </tr>
            </thead>
            <tbody>
              {caps.map((c) => (
                <tr key={c.name}>
                  <td>{c.name}</td>
                  <td>{c.podman ? '✓' : ''}</td>
                  <td>{c.docker ? '✓' : ''}</td>
                  <td>{c.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>
  );
}
